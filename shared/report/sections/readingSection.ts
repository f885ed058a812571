import type { DatasetRoles, RoleDecision } from '../../roles/DatasetRoles';
import type { ReportInput } from '../ReportInput';
import { reportWords } from '../reportLanguage';
import { html, type SafeHtml } from '../SafeHtml';

/**
 * "How we read your data", first in the report: every inference about the data (id, label, goal,
 * consent, value, dates), what it rests on, how sure it is, what was left out and why, and the
 * manifest.json line that changes it. Nothing is taken silently.
 */
export function readingSection(input: ReportInput): SafeHtml {
  const reading = input.reading;
  if (!reading) return html``;
  const lang = reportWords[input.language ?? 'en'];
  const words = lang.sections.reading;
  const r: DatasetRoles = reading.roles;
  const row = (role: string, d: RoleDecision, shown: string) =>
    html`<tr class="conf-${d.confidence}"><th scope="row">${role}</th><td>${shown}</td><td>${d.evidence}</td><td>${words.confidence[d.confidence]}</td><td><code>${d.override}</code></td></tr>`;
  const consentShown =
    r.consent.mode === 'all'
      ? words.consentAll
      : r.consent.mode === 'none'
        ? words.consentNone
        : `${r.consent.column ?? r.consent.channels?.map((c) => c.column).join(', ')} (${r.consent.polarity ? words.polarity[r.consent.polarity] : r.consent.polarity})`;
  const warnings = reading.warnings;
  const h = words.headers;
  return html`<section id="reading">
<h2>${lang.nav.reading}</h2>
${warnings.length ? html`<div class="callout warn"><p><strong>${words.checkFirst}</strong></p><ul>${warnings.map((w) => html`<li>${w}</li>`)}</ul></div>` : ''}
<div class="table-wrap"><table class="roles">
<thead><tr><th>${h.role}</th><th>${h.column}</th><th>${h.evidence}</th><th>${h.confidence}</th><th>${h.toChange}</th></tr></thead>
<tbody>
${row(words.roles.id, r.id, r.id.column ?? words.numberedRows)}
${row(words.roles.label, r.target, !r.target.column ? words.none : r.target.positive === undefined && r.target.classes ? words.perClass(r.target.column, r.target.classes.length) : `${r.target.column} = ${r.target.positive ?? ''}`)}
${row(words.roles.goal, r.goal, words.goal[r.goal.goal])}
${row(words.roles.consent, r.consent, consentShown)}
${row(words.roles.value, r.value, r.value.column ?? words.noValue)}
${r.dates.map((d) => row(words.roles.date, d, `${d.column} (${d.format}${d.ambiguous ? words.ambiguous : ''})`))}
</tbody></table></div>
${r.referenceDate ? html`<p>${words.referenceDate(r.referenceDate.slice(0, 10))}</p>` : ''}
${reading.excluded.length
    ? html`<h3>${words.keptOut}</h3><div class="table-wrap"><table><thead><tr><th>${h.column}</th><th>${words.why}</th></tr></thead><tbody>${reading.excluded.map(
        (e) => html`<tr><td>${e.column}</td><td>${e.reason}</td></tr>`,
      )}</tbody></table></div><p class="note">${words.includeNote[0]}<code>"include": ["&lt;column&gt;"]</code>${words.includeNote[1]}</p>`
    : ''}
${reading.duplicateIds.length
    ? html`<h3>${words.duplicateHeading}</h3><p>${words.duplicates(reading.duplicateIds.length)}${reading.duplicateIds
        .slice(0, 10)
        .map((d, i) => html`${i ? ', ' : ''}<code>${d.id}</code> (${words.rows(d.rows.join(', '))})`)}.</p>`
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
