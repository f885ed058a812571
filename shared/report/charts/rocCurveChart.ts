import type { TopLevelSpec } from 'vega-lite';
import type { ReportChurnModel } from '../ReportInput';

/** ROC curve of the churn model against the chance diagonal. */
export function rocCurveChart(churn: ReportChurnModel): TopLevelSpec {
  const n = Math.min(churn.roc.fpr.length, churn.roc.tpr.length);
  // ROC points rise in both rates; sorted so, vega's (stable) sort by x keeps ties in order.
  const values = Array.from({ length: n }, (_, i) => ({ fpr: churn.roc.fpr[i], tpr: churn.roc.tpr[i] })).sort(
    (a, b) => a.fpr - b.fpr || a.tpr - b.tpr,
  );
  const x = { field: 'fpr', type: 'quantitative' as const, title: 'False positive rate', scale: { domain: [0, 1] } };
  const y = { field: 'tpr', type: 'quantitative' as const, title: 'True positive rate', scale: { domain: [0, 1] } };
  return {
    width: 300,
    height: 300,
    layer: [
      {
        data: { values: [{ fpr: 0, tpr: 0 }, { fpr: 1, tpr: 1 }] },
        mark: { type: 'line', color: '#9aa3b2', strokeDash: [4, 3], strokeWidth: 1 },
        encoding: { x, y },
      },
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
  };
}
