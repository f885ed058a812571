import { xmlElements, xmlText } from './xlsxXmlText';

const textRun = /<(?:[\w.-]+:)?t(?:\s[^>]*)?(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?t\s*>)/g;
const phoneticRun = /<(?:[\w.-]+:)?rPh[\s>][\s\S]*?<\/(?:[\w.-]+:)?rPh\s*>/g;

/**
 * The workbook's shared strings (xl/sharedStrings.xml) in order: each item's text, its rich-text runs
 * joined; phonetic guides (`rPh`, the reading printed above East Asian text) are not part of the value.
 * An item with no text is null, a missing cell.
 */
export function xlsxSharedStrings(xml: string): (string | null)[] {
  const out: (string | null)[] = [];
  for (const { inner } of xmlElements(xml, 'si')) {
    const body = inner.includes('rPh') ? inner.replace(phoneticRun, '') : inner;
    let text = '';
    for (const m of body.matchAll(textRun)) if (m[1]) text += xmlText(m[1]);
    out.push(text === '' ? null : text);
  }
  return out;
}
