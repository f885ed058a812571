import type { TopLevelSpec } from 'vega-lite';
import type { ReportChurnModel } from '../ReportInput';

/** Observed churn against predicted probability per bin; on the diagonal the scores can be read as odds. */
export function calibrationChart(churn: ReportChurnModel): TopLevelSpec {
  const values = churn.calibration
    .filter((b) => b.count > 0)
    .map((b) => ({ predicted: b.meanPredicted, observed: b.observed, count: b.count }));
  const x = { field: 'predicted', type: 'quantitative' as const, title: 'Mean predicted churn probability', scale: { domain: [0, 1] } };
  const y = { field: 'observed', type: 'quantitative' as const, title: 'Observed churn rate', scale: { domain: [0, 1] } };
  return {
    width: 300,
    height: 300,
    layer: [
      {
        data: { values: [{ predicted: 0, observed: 0 }, { predicted: 1, observed: 1 }] },
        mark: { type: 'line', color: '#9aa3b2', strokeDash: [4, 3], strokeWidth: 1 },
        encoding: { x, y },
      },
      {
        data: { values },
        mark: { type: 'line', color: '#f28e2b', point: false },
        encoding: { x, y },
      },
      {
        data: { values },
        mark: { type: 'circle', color: '#f28e2b', opacity: 0.9 },
        encoding: {
          x,
          y,
          size: { field: 'count', type: 'quantitative', title: 'Customers', scale: { range: [20, 260], zero: false }, legend: { orient: 'bottom-right', direction: 'vertical', fillColor: '#ffffff' } },
        },
      },
    ],
  };
}
