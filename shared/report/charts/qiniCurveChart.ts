import type { TopLevelSpec } from 'vega-lite';
import type { QiniSummary } from '../../campaign/qiniCurve';
import { sectionWords, type ChartWords } from '../sectionWords';

/** Each arm's Qini curve on held-out customers, with random targeting's straight line. */
export function qiniCurveChart(arms: { arm: string; heldOut: QiniSummary }[], words: ChartWords = sectionWords.en.charts): TopLevelSpec {
  const values = arms.flatMap((a) => [
    ...a.heldOut.curve.map((p) => ({ share: p.share, gain: p.gain, line: words.qiniModel(a.arm), random: false })),
    ...a.heldOut.curve.map((p) => ({ share: p.share, gain: p.random, line: words.qiniRandom(a.arm), random: true })),
  ]);
  return {
    width: 320,
    height: 220,
    data: { values },
    mark: { type: 'line' },
    encoding: {
      x: { field: 'share', type: 'quantitative', title: words.qiniShare, axis: { format: '.0%' } },
      y: { field: 'gain', type: 'quantitative', title: words.qiniGain },
      color: { field: 'line', type: 'nominal', title: null, legend: { orient: 'bottom', columns: 2 } },
      strokeDash: { condition: { test: 'datum.random', value: [4, 3] }, value: [1, 0] },
    },
  };
}
