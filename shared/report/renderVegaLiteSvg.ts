import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { chartTheme } from './chartTheme';
import { escapeHtml } from './escapeHtml';
import { SafeHtml } from './SafeHtml';


/**
 * Specs carry their data inline; a chart that asks for a URL is a bug, never a download. vega only
 * warns when a load fails, so the refusal is also recorded as an error of the render.
 */
function offlineLoader(errors: string[]): vega.Loader {
  const refuse = async (uri: unknown): Promise<never> => {
    const message = `report charts never load external data (asked for ${String(uri)})`;
    errors.push(message);
    throw new Error(message);
  };
  return { load: refuse, sanitize: refuse, http: refuse, file: refuse } as unknown as vega.Loader;
}

let chartCount = 0;

/** Keeps errors for the caller; warnings about a chart's layout are not worth a log line per run. */
function collectingLogger(errors: string[]): vega.LoggerInterface {
  let level = vega.Error;
  const logger: vega.LoggerInterface = {
    level(value?: number) {
      if (value === undefined) return level;
      level = value;
      return logger;
    },
    error(...args: readonly unknown[]) {
      errors.push(args.map((a) => (a instanceof Error ? a.message : String(a))).join(' '));
      return logger;
    },
    warn: () => logger,
    info: () => logger,
    debug: () => logger,
  } as vega.LoggerInterface;
  return logger;
}

/**
 * Renders a vega-lite spec to an inline <svg> on the server. Several charts share one HTML
 * document, so the ids vega gives clip paths and gradients are made unique per chart.
 */
export async function renderVegaLiteSvg(spec: TopLevelSpec, description: string): Promise<SafeHtml> {
  const { spec: vegaSpec } = compile({ ...spec, config: { ...chartTheme, ...spec.config } } as TopLevelSpec);
  const errors: string[] = [];
  const view = new vega.View(vega.parse(vegaSpec), {
    renderer: 'none',
    loader: offlineLoader(errors),
    logger: collectingLogger(errors),
  });
  try {
    const svg = await view.toSVG();
    // vega logs dataflow errors (a refused load among them) and draws an empty chart: fail instead.
    if (errors.length) throw new Error(`chart "${description}" failed: ${errors.join('; ')}`);
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
