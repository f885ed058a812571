import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { chartTheme } from './chartTheme';
import { escapeHtml } from './escapeHtml';
import { SafeHtml } from './SafeHtml';


/** Specs carry their data inline; a chart that asks for a URL is a bug, never a download. */
const offlineLoader: vega.Loader = {
  load: refuseLoad,
  sanitize: refuseLoad,
  http: refuseLoad,
  file: refuseLoad,
} as unknown as vega.Loader;

async function refuseLoad(uri: unknown): Promise<never> {
  throw new Error(`report charts never load external data (asked for ${String(uri)})`);
}

let chartCount = 0;

/**
 * Renders a vega-lite spec to an inline <svg> on the server. Several charts share one HTML
 * document, so the ids vega gives clip paths and gradients are made unique per chart.
 */
export async function renderVegaLiteSvg(spec: TopLevelSpec, description: string): Promise<SafeHtml> {
  const { spec: vegaSpec } = compile({ ...spec, config: { ...chartTheme, ...spec.config } } as TopLevelSpec);
  const view = new vega.View(vega.parse(vegaSpec), {
    renderer: 'none',
    loader: offlineLoader,
    logLevel: vega.Error,
  });
  try {
    const svg = await view.toSVG();
    return new SafeHtml(finishSvg(svg, `c${++chartCount}-`, description));
  } finally {
    view.finalize();
  }
}

function finishSvg(svg: string, idPrefix: string, description: string): string {
  const scoped = svg.replace(/<[^>]+>/g, (tag) =>
    tag
      // Unused: vega's text and marks never use xlink, and HTML parses inline SVG without it.
      .replace(/\sxmlns:xlink="[^"]*"/g, '')
      .replace(/(\sid=")([^"]+")/g, `$1${idPrefix}$2`)
      .replace(/url\(#([^)]+)\)/g, `url(#${idPrefix}$1)`)
      .replace(/(\s(?:xlink:)?href=")#([^"]+")/g, `$1#${idPrefix}$2`),
  );
  assertSelfContained(scoped);
  return scoped.replace(
    /^<svg\b/,
    `<svg role="img" aria-label="${escapeHtml(description)}"`,
  );
}

/** Only attributes that load something matter: aria-labels may quote user text that looks like a URL. */
function assertSelfContained(svg: string): void {
  for (const [tag, element] of svg.matchAll(/<([a-zA-Z][\w:-]*)[^>]*>/g)) {
    if (/^(?:image|foreignObject|script|use|a)$/i.test(element)) {
      throw new Error(`a report chart holds an external-capable <${element}> element`);
    }
    for (const [, name, value] of tag.matchAll(/\s([\w:-]+)="([^"]*)"/g)) {
      const external =
        (/^(?:xlink:)?href$|^src$/i.test(name) && !value.startsWith('#')) ||
        (name === 'xmlns' && value !== 'http://www.w3.org/2000/svg') ||
        (/^(?:fill|stroke|clip-path|mask|filter|style|marker-\w+)$/i.test(name) && /url\((?!#)|@import/i.test(value));
      if (external) throw new Error(`a report chart refers outside the document (${name}="${value}")`);
    }
  }
}
