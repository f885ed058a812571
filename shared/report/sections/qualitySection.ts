import type { ReportInput } from '../ReportInput';
import { reportFormat } from '../reportFormat';
import { html, type SafeHtml } from '../SafeHtml';

/** quality.json as a table: what was in the data and what was done about it. */
export function qualitySection(input: ReportInput): SafeHtml {
  const q = input.quality;
  const hasOutliers = q.columns.some((c) => c.outliers !== undefined);
  return html`<section id="quality">
<h2>Data quality</h2>
<p class="lede">${reportFormat.count(q.rows)} rows, ${reportFormat.count(q.columns.length)} columns; ${reportFormat.count(q.duplicatesRemoved)} duplicate rows removed.</p>
${q.findings.length ? html`<h3>Findings</h3><ul class="findings">${q.findings.map((f) => html`<li>${f}</li>`)}</ul>` : html`<p>No findings.</p>`}
${q.droppedColumns.length ? html`<h3>Columns not used</h3><div class="table-wrap"><table><thead><tr><th>Column</th><th>Reason</th></tr></thead><tbody>${q.droppedColumns.map(
    (c) => html`<tr><td>${c.name}</td><td>${c.reason}</td></tr>`,
  )}</tbody></table></div>` : ''}
<h3>Columns</h3>
<div class="table-wrap"><table>
<thead><tr><th>Column</th><th>Type</th><th class="num">Missing</th><th class="num">Distinct</th>${hasOutliers ? html`<th class="num">Outliers</th>` : ''}<th>Note</th></tr></thead>
<tbody>${q.columns.map(
    (c) => html`<tr><td>${c.name}</td><td>${c.type}</td><td class="num">${reportFormat.percent(c.missingShare)}</td><td class="num">${reportFormat.count(c.distinct)}</td>${hasOutliers ? html`<td class="num">${c.outliers === undefined ? '–' : reportFormat.count(c.outliers)}</td>` : ''}<td>${c.note ?? ''}</td></tr>`,
  )}</tbody>
</table></div>
</section>`;
}
