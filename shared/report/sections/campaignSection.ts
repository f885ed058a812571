import type { GroupComparison } from '../../campaign/compareGroups';
import type { LiftDocument } from '../../campaign/LiftDocument';
import type { LiftBreakdown } from '../../campaign/measureLift';
import { qiniCurveChart } from '../charts/qiniCurveChart';
import type { ReportInput } from '../ReportInput';
import { renderVegaLiteSvg } from '../renderVegaLiteSvg';
import { reportFormat } from '../reportFormat';
import { reportWords } from '../reportLanguage';
import { html, type SafeHtml } from '../SafeHtml';
import type { SectionWords } from '../sectionWords';
import { chartFigure } from './chartFigure';
import { warningNote } from './warningNote';

type CampaignWords = SectionWords['campaign'];

const points = (d: number, words: CampaignWords) => `${reportFormat.signed(d * 100, 1)} ${words.points}`;

/** One comparison in words: what was measured, on how many customers, how sure; or why there is no figure. */
export function comparisonSentence(c: GroupComparison, outcome: string, words: CampaignWords): string {
  if (c.status !== 'measured') return c.reason;
  const o = c.outcome;
  const sure = o.low > 0 || o.high < 0 ? words.sure : words.unsure;
  return words.compared(
    reportFormat.percent(o.treated.rate),
    reportFormat.count(o.treated.customers),
    reportFormat.percent(o.control.rate),
    reportFormat.count(o.control.customers),
    outcome,
    points(o.difference, words),
    words.range(points(o.low, words), points(o.high, words)),
    sure,
  );
}

function comparisonRows(label: string, rows: { name: string; c: GroupComparison }[], spend: boolean, words: CampaignWords): SafeHtml {
  const h = words.headers;
  return html`<div class="table-wrap"><table><thead><tr><th>${label}</th><th class="num">${h.treated}</th><th class="num">${h.control}</th><th class="num">${h.rateTreated}</th><th class="num">${h.rateControl}</th><th class="num">${h.difference}</th>${spend ? html`<th class="num">${h.spendDifference}</th>` : ''}</tr></thead><tbody>${rows.map(({ name, c }) =>
    c.status === 'measured'
      ? html`<tr><td>${name}</td><td class="num">${reportFormat.count(c.outcome.treated.customers)}</td><td class="num">${reportFormat.count(c.outcome.control.customers)}</td><td class="num">${reportFormat.percent(c.outcome.treated.rate)}</td><td class="num">${reportFormat.percent(c.outcome.control.rate)}</td><td class="num">${points(c.outcome.difference, words)} (${words.range(points(c.outcome.low, words), points(c.outcome.high, words))})</td>${spend ? html`<td class="num">${c.spend ? `${reportFormat.signed(c.spend.difference, 2)} (${words.range(reportFormat.decimal(c.spend.low, 2), reportFormat.decimal(c.spend.high, 2))})` : '–'}</td>` : ''}</tr>`
      : html`<tr><td>${name}</td><td class="num">${reportFormat.count(c.treated)}</td><td class="num">${reportFormat.count(c.control)}</td><td colspan="${spend ? 4 : 3}">${words.tooLittle}</td></tr>`,
  )}</tbody></table></div>`;
}

function breakdownTables(b: LiftBreakdown, names: Map<number, string>, spend: boolean, words: CampaignWords): SafeHtml {
  return html`${b.bySegment.length ? comparisonRows(words.segment, b.bySegment.map((s) => ({ name: `${s.segment}${names.get(s.segment) ? ` · ${names.get(s.segment)}` : ''}`, c: s })), spend, words) : ''}
${b.byVariant.length ? comparisonRows(words.variant, b.byVariant.map((v) => ({ name: v.variant, c: v })), spend, words) : ''}`;
}

/** lift.json in words: measured lift, the experiment's arms, uplift and the effect a budget plan would use. */
export async function campaignSection(input: ReportInput): Promise<SafeHtml> {
  const lift: LiftDocument | undefined = input.campaign;
  if (!lift) return html``;
  const sections = reportWords[input.language ?? 'en'].sections;
  const words = sections.campaign;
  const names = new Map(input.segments.map((s) => [s.segment, s.name]));
  const outcome = lift.outcome ? `${lift.outcome.column} = ${lift.outcome.positive}` : words.theOutcome;
  const spend = lift.spendColumn !== null;
  const measured = lift.measured;
  const qini = lift.uplift?.arms.length ? await renderVegaLiteSvg(qiniCurveChart(lift.uplift.arms, sections.charts), words.qiniAria) : undefined;
  const want = lift.goal === 'churn' ? words.lower : words.higher;
  const warning = (text: string) => warningNote(text, sections.warning);
  const upliftLede = lift.uplift ? words.upliftLede(lift.uplift.model, outcome, reportFormat.percent(1 - lift.uplift.testShare), reportFormat.percent(lift.uplift.testShare)) : undefined;
  return html`<section id="campaign">
<h2>${words.heading}</h2>
<p class="lede">${words.lede(outcome, want)}${spend ? words.spend(lift.spendColumn!) : ''}</p>
<h3>${words.measuredHeading}</h3>
${measured.status === 'measured'
    ? html`<p>${words.measuredFrom(measured.requests.length, measured.requests.map((r) => words.request(r.requestId, reportFormat.count(r.messaged), reportFormat.count(r.holdout))).join('; '))} ${comparisonSentence(measured.overall, outcome, words)}</p>
${breakdownTables(measured, names, spend, words)}`
    : measured.status === 'too-little-data'
      ? warning(`${measured.reason} ${words.noLiftYet}`)
      : html`<p>${measured.reason}</p>`}
${lift.experiment
    ? html`<h3>${words.experimentHeading(lift.experiment.column)}</h3>
<p>${words.eachArm(lift.experiment.control)}</p>
${lift.experiment.arms.map((a) => html`<h4>${a.arm}</h4><p>${comparisonSentence(a.overall, outcome, words)}</p>${breakdownTables(a, names, spend, words)}`)}`
    : ''}
${lift.uplift && upliftLede
    ? html`<h3>${words.upliftHeading}</h3>
<p>${upliftLede[0]}<code>uplift</code>${upliftLede[1]}</p>
<div class="table-wrap"><table><thead><tr>${words.upliftHeaders.map((h, i) => html`<th${i ? html` class="num"` : ''}>${h}</th>`)}</tr></thead><tbody>${lift.uplift.arms.map(
        (a) => html`<tr><td>${a.arm}</td><td class="num">${reportFormat.count(a.heldOut.customers)}</td><td class="num">${reportFormat.decimal(a.heldOut.auuc, 4)}</td><td class="num">${reportFormat.decimal(a.heldOut.randomAuuc, 4)}</td><td class="num">${reportFormat.decimal(a.heldOut.qini, 4)}</td><td class="num">${points(a.meanUplift, words)}</td></tr>`,
      )}</tbody></table></div>
${lift.uplift.arms.map((a) => html`<p>${a.arm}: ${a.heldOut.qini > 0 ? words.armGood : words.armPoor}${words.armFigures(reportFormat.decimal(a.heldOut.auuc, 4), reportFormat.decimal(a.heldOut.randomAuuc, 4), reportFormat.count(a.heldOut.customers))}</p>`)}
${lift.uplift.skipped.map((s) => warning(words.skipped(s.arm, s.reason)))}
${qini ? chartFigure(words.qini, words.qiniNote, qini) : ''}
<div class="table-wrap"><table><thead><tr>${words.segmentHeaders.map((h, i) => html`<th${i >= 2 ? html` class="num"` : ''}>${h}</th>`)}</tr></thead><tbody>${lift.uplift.segments.map(
        (s) => html`<tr><td>${s.rank}</td><td>${s.segment}${s.name ? ` · ${s.name}` : ''}</td><td class="num">${reportFormat.count(s.customers)}</td><td class="num">${reportFormat.count(s.persuadables)}</td><td class="num">${points(s.meanUplift, words)}</td><td class="num">${reportFormat.decimal(s.expectedExtra, 1)}</td></tr>`,
      )}</tbody></table></div>
<p>${words.persuadablesNote}</p>`
    : ''}
<h3>${words.effectHeading}</h3>
${lift.effect.assumption
    ? warning(words.assumption(lift.effect.description))
    : html`<p>${lift.effect.description}${words.effect(reportFormat.percent(lift.effect.relative.value), words.range(reportFormat.percent(lift.effect.relative.low), reportFormat.percent(lift.effect.relative.high)))}</p>`}
<p><code>POST /api/plan</code>${words.plan}</p>
</section>`;
}
