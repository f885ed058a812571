import type { DatasetRoles, RoleDecision } from '../../roles/DatasetRoles';
import type { ReportInput } from '../ReportInput';
import { html, type SafeHtml } from '../SafeHtml';

const confidenceLabel: Record<RoleDecision['confidence'], string> = {
  manifest: 'set in manifest.json',
  high: 'name and values agree',
  medium: 'one sign only: check it',
  low: 'weak guess: confirm it',
  none: 'not found',
};

/**
 * "How we read your data", first in the report: every inference about the data (id, label, goal,
 * consent, value, dates), what it rests on, how sure it is, what was left out and why, and the
 * manifest.json line that changes it. Nothing is taken silently.
 */
export function readingSection(input: ReportInput): SafeHtml {
  const reading = input.reading;
  if (!reading) return html``;
  const r: DatasetRoles = reading.roles;
  const row = (role: string, d: RoleDecision, shown: string) =>
    html`<tr class="conf-${d.confidence}"><th scope="row">${role}</th><td>${shown}</td><td>${d.evidence}</td><td>${confidenceLabel[d.confidence]}</td><td><code>${d.override}</code></td></tr>`;
  const consentShown =
    r.consent.mode === 'all' ? 'every customer (declared)' : r.consent.mode === 'none' ? 'nobody: no consent information' : `${r.consent.column ?? r.consent.channels?.map((c) => c.column).join(', ')} (${r.consent.polarity})`;
  const warnings = reading.warnings;
  return html`<section id="reading">
<h2>How we read your data</h2>
${warnings.length ? html`<div class="callout warn"><p><strong>Check before acting:</strong></p><ul>${warnings.map((w) => html`<li>${w}</li>`)}</ul></div>` : ''}
<div class="table-wrap"><table class="roles">
<thead><tr><th>Role</th><th>Column</th><th>Evidence</th><th>Confidence</th><th>To change it in manifest.json</th></tr></thead>
<tbody>
${row('Customer id', r.id, r.id.column ?? 'row_id (rows numbered from 1)')}
${row('Label', r.target, !r.target.column ? 'none' : r.target.positive === undefined && r.target.classes ? `${r.target.column}: one model per class (${r.target.classes.length})` : `${r.target.column} = ${r.target.positive ?? ''}`)}
${row('Goal', r.goal, r.goal.goal === 'churn' ? 'churn: the positive class leaves' : r.goal.goal === 'conversion' ? 'conversion: the positive class buys or responds' : 'neutral wording')}
${row('Consent', r.consent, consentShown)}
${row('Value', r.value, r.value.column ?? 'none: priority by risk alone')}
${r.dates.map((d) => row('Date', d, `${d.column} (${d.format}${d.ambiguous ? ', ambiguous' : ''})`))}
</tbody></table></div>
${r.referenceDate ? html`<p>Dates become "days before ${r.referenceDate.slice(0, 10)}", the latest date in the data; the model keeps that reference date.</p>` : ''}
${reading.excluded.length
    ? html`<h3>Kept out of the model</h3><div class="table-wrap"><table><thead><tr><th>Column</th><th>Why</th></tr></thead><tbody>${reading.excluded.map(
        (e) => html`<tr><td>${e.column}</td><td>${e.reason}</td></tr>`,
      )}</tbody></table></div><p class="note">A column excluded by the leakage guard comes back with <code>"include": ["&lt;column&gt;"]</code> in manifest.json.</p>`
    : ''}
${reading.duplicateIds.length
    ? html`<h3>Ids on more than one row</h3><p>${reading.duplicateIds.length} ids appear on differing rows; every row was kept. First ones: ${reading.duplicateIds
        .slice(0, 10)
        .map((d, i) => html`${i ? ', ' : ''}<code>${d.id}</code> (rows ${d.rows.join(', ')})`)}.</p>`
    : ''}
</section>`;
}

/**
 * What a person must check before acting on this run, from how the data was read: the lines the
 * report puts first and the upload command prints when the run ends.
 */
export function readingWarnings(roles: DatasetRoles, quality: { duplicateIds?: { id: string }[]; excluded?: { column: string; reason: string }[] }): string[] {
  const out: string[] = [];
  if (roles.consent.mode === 'none') out.push('No consent column: nobody will be messaged until manifest.json names one ("consent": "<column>") or declares "consent": "all".');
  if (roles.consent.unreadable) out.push(`${roles.consent.unreadable} consent cells could not be read as yes or no; those customers count as not consenting.`);
  if (roles.consent.possible?.length) out.push(`${roles.consent.possible.join(', ')} may be consent but was not read as such; name it in manifest.json "consent" if it is.`);
  const dup = quality.duplicateIds?.length ?? 0;
  if (dup) out.push(`${dup} ids appear on more than one differing row; all rows were kept (quality.json duplicateIds).`);
  for (const e of quality.excluded ?? []) if (/leak|after the outcome|prediction/i.test(e.reason)) out.push(`${e.column} was left out: ${e.reason}`);
  for (const [role, d] of [['id', roles.id], ['label', roles.target], ['goal', roles.goal], ['value column', roles.value]] as const) {
    if (d.confidence === 'low') out.push(`The ${role} is a weak guess (${d.column ?? (role === 'goal' ? roles.goal.goal : 'none')}): ${d.evidence}`);
  }
  for (const d of roles.dates) if (d.ambiguous) out.push(`${d.column}: ${d.evidence}`);
  return out;
}
