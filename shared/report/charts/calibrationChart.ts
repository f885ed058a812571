import type { TopLevelSpec } from 'vega-lite';
import type { ReportChurnModel } from '../ReportInput';
import { sectionWords, type ChartWords } from '../sectionWords';
import { unitSquareChart } from './unitSquareChart';

/** Observed churn against predicted probability per bin; on the diagonal the scores can be read as odds. */
export function calibrationChart(churn: ReportChurnModel, words: ChartWords = sectionWords.en.charts): TopLevelSpec {
  const values = churn.calibration
    .filter((b) => b.count > 0)
    .map((b) => ({ predicted: b.meanPredicted, observed: b.observed, count: b.count }));
  return unitSquareChart(
    { field: 'predicted', title: words.meanPredicted },
    { field: 'observed', title: words.observedRate },
    ({ x, y }) => [
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
          size: { field: 'count', type: 'quantitative', title: words.customers, scale: { range: [20, 260], zero: false }, legend: { orient: 'bottom-right', direction: 'vertical', fillColor: '#ffffff' } },
        },
      },
    ],
  );
}
