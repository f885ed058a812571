import { renderReport } from '../../../shared/report/renderReport';
import { reportWords } from '../../../shared/report/reportLanguage';
import { displayLabel } from '../../../shared/segments/displayLabel';
import { rfmCrossTable } from '../../../shared/segments/rfmCrossTable';
import { rfmSegmentNames } from '../../../shared/segments/rfmScores';
import { segmentLanguages } from '../../../shared/segments/segmentLanguage';
import type { ReportInput } from '../../../shared/report/ReportInput';
import { everySectionFixture } from './everySectionFixture';
import { reportFixture } from './reportFixture';

/** Visible text of a section: no tags, no charts. */
function sectionText(html: string, id: string): string {
  const section = new RegExp(`<section id="${id}">[\\s\\S]*?</section>`).exec(html)?.[0] ?? '';
  return section.replace(/<svg[\s\S]*?<\/svg>/g, ' ').replace(/<[^>]+>/g, ' ');
}

describe('report.html in the dataset’s language', () => {
  test.each(segmentLanguages)('%s: head, summary and segments speak it, with the value at stake and the RFM table', async (language) => {
    const input = reportFixture({ drift: false });
    input.language = language;
    input.valueColumn = 'monthly_spend';
    input.segments = input.segments.map((s, i) => ({ ...s, valueAtStake: 1000 * (i + 1) }));
    input.rfmCrossTable = rfmCrossTable(['Champions', 'Hibernating', 'Champions'], [0, 1, 1], rfmSegmentNames);
    const words = reportWords[language];
    const html = await renderReport(input);
    expect(html).toContain(`<html lang="${language}">`);
    expect(html).toContain(words.title(input.run.dataset));
    const summary = sectionText(html, 'summary'), segments = sectionText(html, 'segments');
    expect(summary).toContain(words.inOrder);
    expect(summary).toContain(words.suggestedAction);
    // The segment with the most at stake (segment 4 here) is named with its figure, under its monthly label.
    expect(summary).toContain(words.stakePoint(words.stake.churn.monthly, '5,000', 4).slice(0, 20));
    expect(segments).toContain(words.standsOutBy);
    expect(segments).toContain(words.stake.churn.monthly);
    expect(segments).toContain(words.rfmHeading);
    // Display labels, not raw column names, in the cards and "stands out by".
    expect(summary).not.toContain('days_since_last_order');
    if (language !== 'en') for (const english of ['Segments, in the order to act on them', 'Suggested action', 'Stands out by', 'Act first on']) expect(summary + segments).not.toContain(english);
  });

  test('the RFM cross-table counts customers per class and segment, classes in the grid’s order', () => {
    const cells = rfmCrossTable(['Hibernating', 'Champions', 'Champions', 'At risk', 'Hibernating'], [1, 0, 1, 0, 1], rfmSegmentNames);
    expect(cells).toEqual([
      { rfmSegment: 'Champions', segment: 0, customers: 1 },
      { rfmSegment: 'Champions', segment: 1, customers: 1 },
      { rfmSegment: 'At risk', segment: 0, customers: 1 },
      { rfmSegment: 'Hibernating', segment: 1, customers: 2 },
    ]);
  });
});

/** What a reader sees: the text between tags (chart labels and titles included) and each chart's accessible name. */
function visibleTexts(html: string): Set<string> {
  const page = html.replace(/<style>[\s\S]*?<\/style>/g, '');
  const decode = (t: string) => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  const texts = [...page.matchAll(/>([^<]+)</g)].map((m) => m[1]!);
  const chartNames = [...page.matchAll(/<svg role="img" aria-label="([^"]*)"/g)].map((m) => m[1]!);
  return new Set([...texts, ...chartNames].map((t) => decode(t).trim()).filter((t) => t !== ''));
}

/** Every string the input carries (names, reasons, ids, column names, setting keys): shown as given in any language. */
function dataValues(input: ReportInput): string[] {
  const out = new Set<string>(Object.keys(input.run.settings));
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.add(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(input);
  // Feature names are shown under their display labels, which are data too.
  for (const v of [...out]) out.add(displayLabel(v, input.labels));
  return [...out].filter((v) => v.trim() !== '').sort((a, b) => b.length - a.length);
}

/** Terms a marketer reads the same in every language: metric and method names, file and API names. */
const sharedTerms = new Set(['s', 'k', 'k-means', 'PC', 'PCA', 'ROC', 'AUC', 'PR', 'AUUC', 'Qini', 'F1', 'RFM', 'z', 'Segmentwise', 'manifest', 'json', 'include', 'column', 'POST', 'api', 'plan', 'uplift', 'row_id']);

/** Words spelt the same in English and in the language, so their text is translated as it stands. */
const sameWords: Record<'es' | 'ru' | 'pt', Set<string>> = { es: new Set(['Total', 'Control']), ru: new Set(), pt: new Set(['Total']) };

/** An English text that also appears in the other render and is more than data values and shared terms. */
function untranslated(englishTexts: Set<string>, otherTexts: Set<string>, data: string[], language: 'es' | 'ru' | 'pt'): string[] {
  return [...englishTexts].filter((text) => {
    if (!otherTexts.has(text)) return false;
    let rest = text;
    for (const value of data) rest = rest.split(value).join(' ');
    const words = rest.match(/[\p{L}_][\p{L}\d_-]*/gu) ?? [];
    return words.some((w) => !sharedTerms.has(w) && !sameWords[language].has(w));
  });
}

describe('every section of report.html in the dataset’s language', () => {
  const full = everySectionFixture();
  const variants: [string, ReportInput][] = [
    ['every section', full],
    ['a heuristic churn score', { ...reportFixture({ churn: 'heuristic' }), reading: full.reading }],
    ['one model per class', { ...reportFixture({ churn: 'none', drift: false }), oneVsRest: { target: 'plan', classes: [{ class: 'gold', model: 'HistGradientBoosting', rocAuc: 0.81, prAuc: 0.52, share: 0.3 }], warnings: ['gold: hold-out ROC AUC 0.999'] } }],
    [
      'a campaign too thin to measure, no consent column, k given',
      {
        ...full,
        goal: 'neutral',
        outcome: { target: 'y', positive: 'yes', otherClasses: 3 },
        campaign: { ...full.campaign!, experiment: undefined, uplift: undefined, measured: { status: 'too-little-data', requests: [], reason: 'Too little data to measure.' }, effect: { ...full.campaign!.effect, assumption: true } },
        reading: { ...full.reading!, roles: { ...full.reading!.roles, consent: { ...full.reading!.roles.consent, mode: 'none' } } },
        kSelection: { ...full.kSelection, evaluations: [], clusteredOn: { features: 8, flagGap: 0.5, algorithm: 'lloyd' } },
      },
    ],
  ];

  test.each(variants)('%s: no English heading, explanation or chart title is left in es, ru or pt', async (_, input) => {
    const english = await renderReport({ ...input, language: 'en' });
    // English is the default: a report without a language reads exactly as one in English.
    expect(visibleTexts(await renderReport(input))).toEqual(visibleTexts(english));
    const englishTexts = visibleTexts(english);
    const data = dataValues(input);
    for (const language of ['es', 'ru', 'pt'] as const) {
      const other = await renderReport({ ...input, language });
      expect({ language, untranslated: untranslated(englishTexts, visibleTexts(other), data, language) }).toEqual({ language, untranslated: [] });
    }
  });

  test('the English render keeps its headings, explanations and chart titles', async () => {
    const texts = visibleTexts(await renderReport(full));
    for (const text of [
      'How we read your data', 'Check before acting:', 'Choosing the number of segments', 'Elbow curve', 'Churn model', 'ROC curve', 'What drives the churn score',
      'Change since the previous run', 'Campaigns: lift, uplift and what to expect', 'Qini curves', 'Data quality', 'About this run', 'Warning:',
      'Number of segments (k)', 'False positive rate', 'Mean predicted churn probability', 'previous run', 'Share of held-out customers targeted (best estimate first)', 'z-score',
    ]) expect(texts).toContain(text);
  });

  test('a chart speaks the report’s language: axis titles and the chosen k in Russian', async () => {
    const texts = visibleTexts(await renderReport({ ...full, language: 'ru' }));
    const ru = reportWords.ru.sections.charts;
    for (const text of [ru.segmentCount, ru.inertia, ru.falsePositiveRate, ru.importance, ru.previousRun, ru.qiniGain, `${ru.chosenK}${full.kSelection.chosenK}`]) expect(texts).toContain(text);
    expect(texts).toContain(reportWords.ru.sections.model.goal.churn.heading);
  });
});
