import type { ReportInput } from '../ReportInput';
import { reportFormat } from '../reportFormat';
import { reportWords } from '../reportLanguage';
import { html, type SafeHtml } from '../SafeHtml';

/** quality.json as a table: what was in the data and what was done about it. */
export function qualitySection(input: ReportInput): SafeHtml {
  const q = input.quality;
  const lang = reportWords[input.language ?? 'en'];
  const words = lang.sections.quality;
  const hasOutliers = q.columns.some((c) => c.outliers !== undefined);
  return html`<section id="quality">
<h2>${lang.nav.quality}</h2>
<p class="lede">${words.lede(reportFormat.count(q.rows), reportFormat.count(q.columns.length), reportFormat.count(q.duplicatesRemoved))}</p>
${q.findings.length ? html`<h3>${words.findings}</h3><ul class="findings">${q.findings.map((f) => html`<li>${f}</li>`)}</ul>` : html`<p>${words.noFindings}</p>`}
${q.droppedColumns.length ? html`<h3>${words.notUsed}</h3><div class="table-wrap"><table><thead><tr><th>${words.column}</th><th>${words.reason}</th></tr></thead><tbody>${q.droppedColumns.map(
    (c) => html`<tr><td>${c.name}</td><td>${c.reason}</td></tr>`,
  )}</tbody></table></div>` : ''}
<h3>${words.columns}</h3>
<div class="table-wrap"><table>
<thead><tr><th>${words.column}</th><th>${words.type}</th><th class="num">${words.missing}</th><th class="num">${words.distinct}</th>${hasOutliers ? html`<th class="num">${words.outliers}</th>` : ''}<th>${words.note}</th></tr></thead>
<tbody>${q.columns.map(
    (c) => html`<tr><td>${c.name}</td><td>${Object.hasOwn(words.types, c.type) ? words.types[c.type] : c.type}</td><td class="num">${reportFormat.percent(c.missingShare)}</td><td class="num">${reportFormat.count(c.distinct)}</td>${hasOutliers ? html`<td class="num">${c.outliers === undefined ? '–' : reportFormat.count(c.outliers)}</td>` : ''}<td>${c.note ?? ''}</td></tr>`,
  )}</tbody>
</table></div>
</section>`;
}
