import type { ReportInput } from '../ReportInput';
import { reportFormat } from '../reportFormat';
import { reportWords } from '../reportLanguage';
import { html, type SafeHtml } from '../SafeHtml';

/** Enough about the run to reproduce it: files, settings and where the time went. */
export function runSection(input: ReportInput): SafeHtml {
  const { run } = input;
  const words = reportWords[input.language ?? 'en'].sections.about;
  const settings = Object.entries(run.settings);
  const total = run.timings.reduce((sum, t) => sum + (Number.isFinite(t.seconds) ? t.seconds : 0), 0);
  return html`<section id="run">
<h2>${words.heading}</h2>
<div class="table-wrap"><table>
<tbody>
<tr><th>${words.dataset}</th><td>${run.dataset}</td></tr>
<tr><th>${words.runId}</th><td><code>${run.runId}</code></td></tr>
<tr><th>${words.created}</th><td>${run.createdAt}</td></tr>
<tr><th>${words.sourceFiles}</th><td>${run.sourceFiles.map((f, i) => html`${i ? ', ' : ''}<code>${f}</code>`)}</td></tr>
<tr><th>${words.shape}</th><td>${reportFormat.count(run.rows)} × ${reportFormat.count(run.features)}</td></tr>
${settings.map(([k, v]) => html`<tr><th>${k}</th><td><code>${settingText(v)}</code></td></tr>`)}
</tbody>
</table></div>
${run.timings.length ? html`<h3>${words.timings}</h3><div class="table-wrap"><table><thead><tr><th>${words.step}</th><th class="num">${words.seconds}</th></tr></thead><tbody>${run.timings.map(
    (t) => html`<tr><td>${t.step}</td><td class="num">${reportFormat.seconds(t.seconds)}</td></tr>`,
  )}<tr><th>${words.total}</th><td class="num"><strong>${reportFormat.seconds(total)}</strong></td></tr></tbody></table></div>` : ''}
</section>`;
}

function settingText(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
