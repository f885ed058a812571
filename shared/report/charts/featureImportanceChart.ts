import type { TopLevelSpec } from 'vega-lite';
import type { ReportChurnModel } from '../ReportInput';
import { sectionWords, type ChartWords } from '../sectionWords';

const maxFeatures = 15;

/** The churn model's strongest features, largest first. */
export function featureImportanceChart(churn: ReportChurnModel, words: ChartWords = sectionWords.en.charts): TopLevelSpec {
  const top = churn.importance
    .filter((f) => Number.isFinite(f.importance))
    .sort((a, b) => Math.abs(b.importance) - Math.abs(a.importance))
    .slice(0, maxFeatures);
  return {
    width: 360,
    height: { step: 20 },
    data: { values: top.map((f, i) => ({ rank: i, feature: f.feature, importance: f.importance })) },
    mark: { type: 'bar', color: '#59a14f', cornerRadiusEnd: 2 },
    encoding: {
      y: { field: 'feature', type: 'nominal', title: null, sort: { field: 'rank', order: 'ascending' }, axis: { labelLimit: 240 } },
      x: { field: 'importance', type: 'quantitative', title: words.importance },
    },
  };
}
