import type { Config } from 'vega-lite';
import { segmentPalette } from './segmentPalette';

/** Unquoted family names: vega writes the list into an SVG attribute as is. */
export const chartFont = 'system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif';

/** One look for every chart, matching the page's typography. */
export const chartTheme: Config = {
  font: chartFont,
  background: '#ffffff',
  padding: 4,
  view: { stroke: null },
  axis: {
    labelColor: '#4a5363',
    titleColor: '#1f2633',
    titleFontWeight: 600,
    labelFontSize: 11,
    titleFontSize: 12,
    gridColor: '#e8ebf0',
    domainColor: '#9aa3b2',
    tickColor: '#9aa3b2',
    titlePadding: 8,
  },
  legend: {
    labelColor: '#1f2633',
    titleColor: '#1f2633',
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: 600,
    labelLimit: 240,
    symbolSize: 90,
  },
  range: { category: [...segmentPalette] },
  line: { strokeWidth: 2 },
};
