import type { TopLevelSpec } from 'vega-lite';
import type { ReportKSelection } from '../ReportInput';
import { sectionWords, type ChartWords } from '../sectionWords';

/**
 * Inertia or silhouette for each candidate k, with the chosen k marked: the elbow plot and the
 * silhouette curve users draw in their notebooks.
 */
export function kEvaluationChart(kSelection: ReportKSelection, metric: 'inertia' | 'silhouette', words: ChartWords = sectionWords.en.charts): TopLevelSpec {
  const values = [...kSelection.evaluations]
    .sort((a, b) => a.k - b.k)
    .map((e) => ({ k: e.k, value: e[metric], chosen: e.k === kSelection.chosenK }));
  const x = { field: 'k', type: 'quantitative', title: words.segmentCount, scale: { zero: false }, axis: { tickMinStep: 1, format: 'd' } } as const;
  const y = {
    field: 'value',
    type: 'quantitative',
    title: metric === 'inertia' ? words.inertia : words.meanSilhouette,
    scale: { zero: false },
    axis: { format: metric === 'inertia' ? '~s' : '.2f' },
  } as const;
  return {
    width: 380,
    height: 240,
    data: { values },
    layer: [
      {
        transform: [{ filter: 'datum.chosen' }],
        mark: { type: 'rule', color: '#e15759', strokeDash: [4, 3], strokeWidth: 1.5 },
        encoding: { x },
      },
      { mark: { type: 'line', color: '#4e79a7', point: { filled: true, size: 45, color: '#4e79a7' } }, encoding: { x, y } },
      {
        transform: [{ filter: 'datum.chosen' }],
        mark: { type: 'point', filled: true, size: 140, color: '#e15759', stroke: '#ffffff', strokeWidth: 1.5 },
        encoding: { x, y },
      },
      {
        transform: [{ filter: 'datum.chosen' }, { calculate: `${JSON.stringify(words.chosenK)} + datum.k`, as: 'label' }],
        mark: { type: 'text', align: 'left', dx: 6, dy: -10, fontSize: 11, fontWeight: 600, color: '#c23b3d' },
        encoding: { x, y, text: { field: 'label', type: 'nominal' } },
      },
    ],
  };
}
