import { xmlElements } from './xlsxXmlText';

/** Excel's built-in number formats that show a date or a time (ECMA-376 18.8.30). */
const builtInDateFormats = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/**
 * Which cell styles (xl/styles.xml `cellXfs`, by index: a cell's `s`) show their number as a date or
 * time: a built-in date format, or a custom format (`numFmts`) that writes days, months, years, hours
 * or seconds. A sheet stores a date as a plain serial number; only its style says it is one.
 */
export function xlsxDateStyles(xml: string): Uint8Array {
  const custom = new Map<number, string>();
  for (const { attributes } of xmlElements(xml, 'numFmt')) {
    const id = Number(attributes.get('numFmtId'));
    const code = attributes.get('formatCode');
    if (Number.isInteger(id) && code !== undefined) custom.set(id, code);
  }
  const cellXfs = xmlElements(xml, 'cellXfs').next().value?.inner ?? '';
  const styles: number[] = [];
  for (const { attributes } of xmlElements(cellXfs, 'xf')) {
    const id = Number(attributes.get('numFmtId') ?? 0);
    const code = custom.get(id);
    styles.push(code !== undefined ? (isDateFormat(code) ? 1 : 0) : builtInDateFormats.has(id) ? 1 : 0);
  }
  return Uint8Array.from(styles);
}

/**
 * Whether a number format code shows a date or time: a d, m, y, h or s (either case) outside quoted
 * text, `[...]` sections (colours, locales), backslash-escaped characters and the `_x` / `*x` spacing
 * directives; elapsed time (`[h]:mm`) counts too.
 */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '');
  if (/^\[h+\]|\[m+\]|\[s+\]/i.test(bare)) return true;
  return /[dmyhs]/i.test(bare.replace(/\[[^\]]*\]/g, ''));
}
