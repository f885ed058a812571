import type { ReportInput } from '../../../shared/report/ReportInput';
import { renderReport } from '../../../shared/report/renderReport';
import { summarizeReport } from '../../../shared/report/summarizeReport';
import { nameSegment } from '../../../shared/segments/nameSegment';
import { segmentAction } from '../../../shared/segments/segmentAction';
import { suspiciousAucWarning } from '../../../shared/model/suspiciousAuc';
import { reportFixture } from '../report/reportFixture';

const churnWords = /at risk|win[- ]?back|churn|retention|before they leave/i;

function section(html: string, id: string): string {
  return new RegExp(`<section id="${id}">[\\s\\S]*?</section>`).exec(html)?.[0] ?? '';
}

/** Visible text of a fragment: no tags, no attributes (ids and styles may say "churn"). */
function text(fragment: string): string {
  return fragment.replace(/<svg[\s\S]*?<\/svg>/g, ' ').replace(/<[^>]+>/g, ' ');
}

/** The fixture as a bank-marketing conversion run, segments named and actioned the way the pipeline does. */
function conversionRun(): ReportInput {
  const input = reportFixture({ drift: false });
  const mean = input.segments.reduce((s, x) => s + x.meanChurnProbability! * x.size, 0) / input.segments.reduce((s, x) => s + x.size, 0);
  const outcome = { goal: 'conversion' as const, target: 'y', positive: 'yes' };
  input.segments = input.segments.map((s, i) => {
    const traits = { distinguishing: s.distinguishing, riskRatio: s.meanChurnProbability! / mean, valueZ: i % 2 ? 1 : -1, outcome };
    return { ...s, name: nameSegment(traits), suggestedAction: segmentAction(traits) };
  });
  input.run = { ...input.run, dataset: 'bank-marketing', sourceFiles: ['bank-full.csv'], settings: { target: 'y' } };
  input.goal = 'conversion';
  input.valueColumn = 'balance';
  input.outcome = { target: 'y', positive: 'yes', otherClasses: 1 };
  if (input.churn && !input.churn.heuristic) input.churn.target = 'y';
  return input;
}

describe('report wording follows the goal', () => {
  it('a conversion run speaks of likely buyers and conversion, never of risk, churn or win-back', async () => {
    const input = conversionRun();
    expect(input.segments.some((s) => /likely buyers/i.test(s.name))).toBe(true);
    const html = await renderReport(input);
    for (const id of ['summary', 'segments', 'churn']) expect(text(section(html, id))).not.toMatch(churnWords);
    expect(section(html, 'churn')).toContain('<h2>Conversion model</h2>');
    expect(section(html, 'churn')).toContain('a predicted 30 % converts about 30 % of the time');
    expect(section(html, 'summary')).toContain('Mean conversion probability');
    expect(section(html, 'segments')).toContain('Conversion probability');
    expect(section(html, 'segments')).toContain('likelihood to convert × value (balance)');
    const summary = summarizeReport(input);
    expect(summary.points).toContain('Priority ranks customers by likelihood to convert × “balance” (expected gain); “balance” is the value column.');
    expect(summary.points.some((p) => p.startsWith('Likelihood to convert is scored by a HistGradientBoosting model trained on “y”: ROC AUC 0.852'))).toBe(true);
  });

  it('a neutral goal names the target’s positive value', async () => {
    const input = reportFixture({ drift: false });
    input.goal = 'neutral';
    input.outcome = { target: 'Exited', positive: '1', otherClasses: 1 };
    const html = await renderReport(input);
    expect(section(html, 'churn')).toContain('<h2>Outcome model</h2>');
    expect(section(html, 'summary')).toContain('probability of Exited = 1');
  });

  it('names a multi-class target as its positive value against the other classes', async () => {
    const input = reportFixture({ drift: false });
    input.goal = 'neutral';
    input.outcome = { target: 'plan', positive: 'gold', otherClasses: 2 };
    if (input.churn && !input.churn.heuristic) input.churn.target = 'plan';
    const html = await renderReport(input);
    expect(section(html, 'churn')).toContain('predicting “plan” (“gold” vs the other 2 classes)');
    expect(summarizeReport(input).points.some((p) => p.includes('trained on “plan” (“gold” vs the other 2 classes)'))).toBe(true);
  });
});

describe('a heuristic risk without a target', () => {
  it('is a churn risk whatever the goal, and said to be a heuristic', async () => {
    const input = reportFixture({ churn: 'heuristic', drift: false });
    input.goal = 'neutral';
    input.valueColumn = 'MonthlyCharges';
    const html = await renderReport(input);
    expect(section(html, 'summary')).toContain('Mean churn probability');
    expect(section(html, 'summary')).not.toContain('positive outcome');
    expect(section(html, 'churn')).toContain('heuristic score, not a trained model');
    expect(summarizeReport(input).points).toContain('Priority ranks customers by the heuristic risk × “MonthlyCharges” (expected loss); “MonthlyCharges” is the value column.');
  });
});

describe('a model too good to be true', () => {
  it('is a warning in the headline and the model section, not a celebration', async () => {
    const input = reportFixture({ drift: false });
    if (!input.churn || input.churn.heuristic) throw new Error('fixture has a model');
    input.churn.metrics.rocAuc = 0.9996;
    input.churn.warnings = [suspiciousAucWarning(0.9996, 'Churn')!];
    const html = await renderReport(input);
    const summary = section(html, 'summary');
    const headlineEnd = summary.indexOf('</p>');
    const warningAt = summary.indexOf('<strong>Warning:</strong>');
    expect(warningAt).toBeGreaterThan(headlineEnd);
    expect(warningAt).toBeLessThan(summary.indexOf('<ul class="points">'));
    expect(summary).toContain('ROC AUC 1.000 on customers it did not train on. That is too good to be true');
    expect(summary).toContain('Churn model ROC AUC — too good to be true');
    expect(summarizeReport(input).points.some((p) => p.includes('ROC AUC 1.000, PR AUC 0.661, which is too good to be true: see the warning above.'))).toBe(true);
    expect(section(html, 'churn')).toContain('<strong>Warning:</strong>');
  });

  it('is raised from a held-out AUC of 0.99 on, and not below', () => {
    expect(suspiciousAucWarning(0.99, 'Churn')).toMatch(/too good to be true/);
    expect(suspiciousAucWarning(0.9899, 'Churn')).toBeUndefined();
    expect(suspiciousAucWarning(NaN)).toBeUndefined();
  });

  it('leaves an ordinary model without a warning', async () => {
    const html = await renderReport(reportFixture({ drift: false }));
    expect(html).not.toContain('Warning:');
    expect(html).not.toContain('too good to be true');
  });
});

describe('a run without any churn signal', () => {
  function noSignal(valueColumn: string | null): ReportInput {
    const input = reportFixture({ churn: 'none', drift: false });
    // As segments.json writes it: no churn score, no mean probability.
    input.segments = input.segments.map((s) => ({ ...s, meanChurnProbability: null }));
    input.valueColumn = valueColumn;
    input.goal = 'neutral';
    return input;
  }

  it('says so plainly, shows no probability, and says priority follows value', async () => {
    const input = noSignal('MonthlyCharges');
    const summary = summarizeReport(input);
    expect(summary.overallChurnProbability).toBeUndefined();
    expect(summary.points).toContain(
      'This data carries no churn signal: there is no target column and no recency or activity columns to estimate a risk from, so no customer gets a churn probability.',
    );
    expect(summary.points).toContain('Priority follows the value column “MonthlyCharges”, highest first: without a churn signal there is no risk to rank by.');
    const html = await renderReport(input);
    expect(section(html, 'summary')).toContain('This data carries no churn signal');
    expect(text(section(html, 'summary'))).not.toMatch(/probability \d|Mean churn probability|NaN/);
    expect(section(html, 'segments')).not.toMatch(/probability<\/th>/i);
    expect(section(html, 'segments')).toContain('Priority 1 is the segment to act on first (highest value (MonthlyCharges) first)');
  });

  it('without a value column either, priority is the input order, said so', () => {
    expect(summarizeReport(noSignal(null)).points).toContain(
      'Priority is the input order: the data has neither a churn signal nor a value column (name one with "value" in manifest.json).',
    );
  });
});
