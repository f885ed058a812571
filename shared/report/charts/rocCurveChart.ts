import type { TopLevelSpec } from 'vega-lite';
import type { ReportChurnModel } from '../ReportInput';
import { sectionWords, type ChartWords } from '../sectionWords';
import { unitSquareChart } from './unitSquareChart';

/** ROC curve of the churn model against the chance diagonal. */
export function rocCurveChart(churn: ReportChurnModel, words: ChartWords = sectionWords.en.charts): TopLevelSpec {
  const n = Math.min(churn.roc.fpr.length, churn.roc.tpr.length);
  // ROC points rise in both rates; sorted so, vega's (stable) sort by x keeps ties in order.
  const values = Array.from({ length: n }, (_, i) => ({ fpr: churn.roc.fpr[i], tpr: churn.roc.tpr[i] })).sort(
    (a, b) => a.fpr - b.fpr || a.tpr - b.tpr,
  );
  return unitSquareChart(
    { field: 'fpr', title: words.falsePositiveRate },
    { field: 'tpr', title: words.truePositiveRate },
    ({ x, y }) => [
      {
        data: { values },
        mark: { type: 'area', color: '#4e79a7', opacity: 0.12 },
        encoding: { x, y: { ...y, stack: null } },
      },
      {
        data: { values },
        mark: { type: 'line', color: '#4e79a7' },
        encoding: { x, y },
      },
    ],
  );
}
