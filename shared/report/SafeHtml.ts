import { escapeHtml } from './escapeHtml';

/**
 * Markup known to be safe. Only the `html` template tag and the chart renderer create it, so any
 * plain string that reaches the page is escaped on the way in and injection needs no vigilance.
 */
export class SafeHtml {
  constructor(readonly html: string) {}

  toString(): string {
    return this.html;
  }
}

type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function toHtml(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.html;
  if (Array.isArray(value)) return value.map(toHtml).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(value);
}

/** Template tag: interpolated values are HTML-escaped unless they already are SafeHtml. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += toHtml(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}
