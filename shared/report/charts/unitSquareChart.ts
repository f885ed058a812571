import type { TopLevelSpec } from 'vega-lite';

type Layers = Extract<TopLevelSpec, { layer: unknown }>['layer'];

/** One 0..1 axis of a unit-square chart: its data field and its title. */
export interface UnitAxis {
  field: string;
  title: string;
}

/** A unit-square chart's x and y encodings, for its layers to use. */
export interface UnitSquareEncoding {
  x: { field: string; type: 'quantitative'; title: string; scale: { domain: [number, number] } };
  y: { field: string; type: 'quantitative'; title: string; scale: { domain: [number, number] } };
}

/**
 * A square chart of two rates on 0..1, read against its dashed diagonal: chance for a ROC curve,
 * perfect calibration for a calibration plot. The diagonal is drawn first, under the data's layers.
 */
export function unitSquareChart(xAxis: UnitAxis, yAxis: UnitAxis, layers: (encoding: UnitSquareEncoding) => Layers): TopLevelSpec {
  const x = { field: xAxis.field, type: 'quantitative' as const, title: xAxis.title, scale: { domain: [0, 1] as [number, number] } };
  const y = { field: yAxis.field, type: 'quantitative' as const, title: yAxis.title, scale: { domain: [0, 1] as [number, number] } };
  return {
    width: 300,
    height: 300,
    layer: [
      {
        data: { values: [{ [x.field]: 0, [y.field]: 0 }, { [x.field]: 1, [y.field]: 1 }] },
        mark: { type: 'line', color: '#9aa3b2', strokeDash: [4, 3], strokeWidth: 1 },
        encoding: { x, y },
      },
      ...layers({ x, y }),
    ],
  };
}
