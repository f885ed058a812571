const entity = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/g;
const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * The text of XML character data or an attribute value: the five named entities and character
 * references replaced, CDATA sections unwrapped and line ends normalized, as an XML parser hands them over.
 */
export function xmlText(raw: string): string {
  let text = raw;
  if (text.includes('<![CDATA[')) return unwrapCdata(text);
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  if (!text.includes('&')) return text;
  return text.replace(entity, (_, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (name) return named[name]!;
    const code = hex ? parseInt(hex, 16) : Number(dec);
    return code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
  });
}

/** Character data with CDATA sections: their content is taken as written, the rest decoded. */
function unwrapCdata(raw: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const open = raw.indexOf('<![CDATA[', at);
    if (open < 0) return out + xmlText(raw.slice(at));
    const close = raw.indexOf(']]>', open + 9);
    out += xmlText(raw.slice(at, open)) + raw.slice(open + 9, close < 0 ? raw.length : close).replace(/\r\n?/g, '\n');
    if (close < 0) return out;
    at = close + 3;
  }
}

const attribute = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/**
 * The attributes of one start tag's text (from after its name to its `>`), by local name: a prefix
 * such as `r:` in `r:id` is kept only under the full name, so `id` finds `r:id` but not `sheetId`.
 */
export function xmlAttributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(attribute)) {
    const value = xmlText(m[2] ?? m[3] ?? '');
    const name = m[1]!;
    out.set(name, value);
    const colon = name.indexOf(':');
    if (colon >= 0 && name.slice(0, colon) !== 'xmlns' && !out.has(name.slice(colon + 1))) out.set(name.slice(colon + 1), value);
  }
  return out;
}

/**
 * Every element of `text` with the given local name (any namespace prefix), as its attributes and
 * inner text (empty for `<name/>`). For the workbook's small parts, whose elements do not nest in themselves.
 */
export function* xmlElements(text: string, localName: string): Generator<{ attributes: Map<string, string>; inner: string }> {
  const open = new RegExp(`<(?:[\\w.-]+:)?${localName}(?=[\\s/>])`, 'g');
  for (let m = open.exec(text); m; m = open.exec(text)) {
    const tagEnd = endOfTag(text, m.index + m[0].length);
    if (tagEnd < 0) return;
    const attributes = xmlAttributes(text.slice(m.index + m[0].length, tagEnd));
    if (text.charCodeAt(tagEnd - 1) === 47) {
      yield { attributes, inner: '' };
      open.lastIndex = tagEnd + 1;
      continue;
    }
    const close = new RegExp(`</(?:[\\w.-]+:)?${localName}\\s*>`, 'g');
    close.lastIndex = tagEnd + 1;
    const c = close.exec(text);
    const innerEnd = c ? c.index : text.length;
    yield { attributes, inner: text.slice(tagEnd + 1, innerEnd) };
    open.lastIndex = c ? c.index + c[0].length : text.length;
  }
}

/** The index of the `>` that ends a start tag whose attributes begin at `from` (a `>` inside quotes does not). */
function endOfTag(text: string, from: number): number {
  let quote = 0;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return i;
  }
  return -1;
}
