import { html, type SafeHtml } from '../SafeHtml';

/** A chart with its title and a line on how to read it. */
export function chartFigure(title: string, note: string, svg: SafeHtml, className = 'chart'): SafeHtml {
  return html`<figure class="${className}"><figcaption>${title}<span class="note">${note}</span></figcaption>${svg}</figure>`;
}
