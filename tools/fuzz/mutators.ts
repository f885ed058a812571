import * as iconv from 'iconv-lite';
import type { BaseInput, InputKind } from './FuzzCase';
import type { SeededRandom } from './seededRandom';
import { unzipParts, zipArchive, type ZipPart } from './zipArchive';

/** One way of damaging or stretching an input; `kinds` says which inputs it makes sense for. */
export interface Mutator {
  name: string;
  kinds: readonly InputKind[];
  apply(bytes: Buffer, rng: SeededRandom, base: BaseInput): Buffer | Promise<Buffer>;
}

const any: InputKind[] = ['csv', 'xlsx', 'jsonl'];
const textKinds: InputKind[] = ['csv', 'jsonl'];

/** Bytes that mean something to one of the parsers. */
const meaningful = [0x00, 0xff, 0x22, 0x27, 0x0a, 0x0d, 0x2c, 0x3b, 0x09, 0x7b, 0x7d, 0x5b, 0x5d, 0x3c, 0x3e, 0x26, 0x5c, 0xef, 0xbb, 0xbf, 0xfe, 0xc0, 0x80];

const position = (rng: SeededRandom, n: number): number => (n === 0 ? 0 : rng.int(n));

function splitLines(bytes: Buffer): string[] {
  return bytes.toString('utf8').split('\n');
}
const joinLines = (lines: string[]): Buffer => Buffer.from(lines.join('\n'), 'utf8');

function delimiterOf(line: string): string {
  const counts = [',', ';', '\t'].map((d) => [d, line.split(d).length] as const).sort((a, b) => b[1] - a[1]);
  return counts[0][0];
}

function randomText(rng: SeededRandom, n: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz ЖжЁё日本😀,;"\t\\';
  const chars = Array.from(alphabet);
  let out = '';
  for (let i = 0; i < n; i++) out += chars[rng.int(chars.length)];
  return out;
}

const oddValues = ['1e309', '-1e309', 'NaN', 'Infinity', '-0', '1,234.5', '1.234,5', '1 234 567', '0x1F', '12%', '$45', '١٢٣', '9'.repeat(400), '', ' ', 'null', '#N/A', 'TRUE', '="007"', '2020-02-30', '12/31/1999', '31.12.1999 25:61', '\u00a0', '\u202e'];
const dateValues = ['2024-01-05', '2024-01-05 10:20:30', '2024-01-05T10:20:30.123Z', '05.01.2024', '05/01/2024', '01/05/2024', '5 Jan 2024', 'January 5, 2024', '45296', '1704412800', '20240105', '2024-W01', '0000-00-00', '2024-13-45', '9999-12-31'];

/** Rewrites random cells of a delimited or JSON Lines text (kept as text: line structure survives). */
function rewriteCells(bytes: Buffer, rng: SeededRandom, base: BaseInput, value: () => string): Buffer {
  const lines = splitLines(bytes);
  const edits = rng.between(1, 12);
  for (let e = 0; e < edits && lines.length > 1; e++) {
    const i = 1 + rng.int(lines.length - 1);
    if (base.kind === 'jsonl') {
      lines[i] = lines[i].replace(/: ?("[^"]*"|-?\d[\d.eE+-]*|null|true|false)/, () => `: ${JSON.stringify(value())}`);
      continue;
    }
    const d = delimiterOf(lines[0]);
    const cells = lines[i].split(d);
    cells[rng.int(cells.length)] = value();
    lines[i] = cells.join(d);
  }
  return joinLines(lines);
}

const xlsxParts = new Map<Buffer, Promise<ZipPart[]>>();
function partsOf(base: BaseInput, bytes: Buffer): Promise<ZipPart[]> {
  // Mutations chain: only the untouched base archive is cached.
  if (bytes !== base.bytes) return unzipParts(bytes);
  let found = xlsxParts.get(base.bytes);
  if (!found) {
    found = unzipParts(base.bytes);
    xlsxParts.set(base.bytes, found);
  }
  return found;
}

/** Edits the XML of one part of a workbook and zips it again, so the damage reaches the XML readers. */
async function editPart(bytes: Buffer, rng: SeededRandom, base: BaseInput, edit: (xml: Buffer, name: string) => Buffer | null): Promise<Buffer> {
  let parts: ZipPart[];
  try {
    parts = await partsOf(base, bytes);
  } catch {
    return bytes; // an earlier mutation already broke the archive
  }
  const weighted = parts.filter((p) => /worksheets\/sheet|sharedStrings|workbook\.xml|styles|\.rels|Content_Types/.test(p.name));
  const target = rng.pick(weighted.length > 0 ? weighted : parts);
  const edited = edit(target.data, target.name);
  const out = edited === null ? parts.filter((p) => p !== target) : parts.map((p) => (p === target ? { name: p.name, data: edited } : p));
  return zipArchive(rng.chance(0.15) ? out.map((p) => ({ ...p, store: true })) : out);
}

function flip(bytes: Buffer, rng: SeededRandom, count: number): Buffer {
  const out = Buffer.from(bytes);
  for (let k = 0; k < count && out.length > 0; k++) {
    const at = position(rng, out.length);
    out[at] = rng.chance(0.5) ? out[at] ^ (1 << rng.int(8)) : rng.pick(meaningful);
  }
  return out;
}

export const mutators: Mutator[] = [
  { name: 'byte flips', kinds: any, apply: (b, rng) => flip(b, rng, rng.between(1, 32)) },
  { name: 'truncation', kinds: any, apply: (b, rng) => b.subarray(0, position(rng, b.length)) },
  { name: 'random bytes inserted', kinds: any, apply: (b, rng) => {
    const at = position(rng, b.length);
    return Buffer.concat([b.subarray(0, at), rng.bytes(rng.between(1, 256)), b.subarray(at)]);
  } },
  { name: 'chunk deleted', kinds: any, apply: (b, rng) => {
    const at = position(rng, b.length);
    return Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + rng.between(1, 4096)))]);
  } },
  { name: 'chunk duplicated', kinds: any, apply: (b, rng) => {
    const at = position(rng, b.length);
    const chunk = b.subarray(at, at + rng.between(1, 8192));
    const to = position(rng, b.length);
    return Buffer.concat([b.subarray(0, to), chunk, chunk, b.subarray(to)]);
  } },
  { name: 'ragged rows', kinds: ['csv'], apply: (b, rng) => {
    const lines = splitLines(b);
    const d = delimiterOf(lines[0] ?? ',');
    for (let e = rng.between(1, 5); e > 0 && lines.length > 1; e--) {
      const i = 1 + rng.int(lines.length - 1);
      lines[i] = rng.chance(0.5) ? lines[i] + d + 'extra'.repeat(rng.int(3)) : lines[i].split(d).slice(0, -1).join(d);
    }
    return joinLines(lines);
  } },
  { name: 're-encoded', kinds: textKinds, apply: (b, rng) => {
    const enc = rng.pick(['windows-1251', 'windows-1252', 'utf-16le', 'utf-16be', 'koi8-r', 'latin1']);
    return iconv.encode(b.toString('utf8'), enc, { addBOM: rng.chance(0.5) });
  } },
  { name: 'mixed encodings', kinds: textKinds, apply: (b, rng) => {
    const lines = splitLines(b);
    return Buffer.concat(lines.map((l, i) => Buffer.concat([rng.chance(0.3) ? iconv.encode(l, rng.pick(['windows-1251', 'utf-16le', 'latin1'])) : Buffer.from(l, 'utf8'), Buffer.from(i < lines.length - 1 ? '\n' : '')])));
  } },
  { name: 'stray quotes', kinds: textKinds, apply: (b, rng) => {
    const out = b.toString('utf8').split('');
    for (let e = rng.between(1, 6); e > 0; e--) out.splice(position(rng, out.length), 0, rng.pick(['"', '""', "'", '"\n']));
    return Buffer.from(out.join(''), 'utf8');
  } },
  { name: 'line endings changed', kinds: textKinds, apply: (b, rng) => Buffer.from(b.toString('utf8').replace(/\n/g, rng.pick(['\r\n', '\r', '\n\n', '\u2028'])), 'utf8') },
  { name: 'long cell', kinds: textKinds, apply: (b, rng, base) => {
    const n = rng.pick([5_000, 32_767, 32_768, 100_000, 1_000_000]);
    const value = randomText(rng, n);
    return rewriteCells(b, rng, base, () => value);
  } },
  { name: 'columns added', kinds: ['csv'], apply: (b, rng) => {
    const lines = splitLines(b);
    const d = delimiterOf(lines[0] ?? ',');
    const extra = rng.pick([1, 10, 500, 1999, 2001, 3000]);
    const head = Array.from({ length: extra }, (_, j) => `x${j}`).join(d);
    const row = Array.from({ length: extra }, (_, j) => String(j % 10)).join(d);
    return joinLines(lines.map((l, i) => (l === '' ? l : `${l}${d}${i === 0 ? head : row}`)));
  } },
  { name: 'odd values', kinds: textKinds, apply: (b, rng, base) => rewriteCells(b, rng, base, () => rng.pick(oddValues)) },
  { name: 'formulas', kinds: textKinds, apply: (b, rng, base) => rewriteCells(b, rng, base, () => rng.pick(['=1+1', '+SUM(A1:A3)', '-cmd', '@A1', '=HYPERLINK("http://x","y")', '=1/0'])) },
  { name: 'dates in other formats', kinds: textKinds, apply: (b, rng, base) => rewriteCells(b, rng, base, () => rng.pick(dateValues)) },
  { name: 'lines shuffled and repeated', kinds: textKinds, apply: (b, rng) => {
    const lines = splitLines(b);
    const out = lines.slice();
    for (let e = rng.between(1, 20); e > 0 && lines.length > 1; e--) out.splice(position(rng, out.length), 0, rng.pick(lines));
    return joinLines(out);
  } },
  { name: 'JSON structure broken', kinds: ['jsonl'], apply: (b, rng) => {
    const lines = splitLines(b);
    for (let e = rng.between(1, 3); e > 0 && lines.length > 0; e--) {
      const i = rng.int(lines.length);
      lines[i] = rng.pick([
        () => lines[i].slice(0, -1),
        () => `[${lines[i]}]`,
        () => '42',
        () => 'null',
        () => lines[i].replace(/\{/, '{"nested": {"deeper": [1, {"a": 2}]}, '),
        () => lines[i].replace(/"ts": ?\d+/, '"ts": "yesterday"'),
        () => lines[i].replace(/"(customer_id|session)": ?\d+/, '"$1": null'),
      ])();
    }
    return joinLines(lines);
  } },
  { name: 'XML part bytes flipped', kinds: ['xlsx'], apply: (b, rng, base) => editPart(b, rng, base, (xml) => flip(xml, rng, rng.between(1, 16))) },
  { name: 'XML part truncated', kinds: ['xlsx'], apply: (b, rng, base) => editPart(b, rng, base, (xml) => xml.subarray(0, position(rng, xml.length))) },
  { name: 'part removed', kinds: ['xlsx'], apply: (b, rng, base) => editPart(b, rng, base, () => null) },
  { name: 'cell types and references rewritten', kinds: ['xlsx'], apply: (b, rng, base) =>
    editPart(b, rng, base, (xml) => {
      let s = xml.toString('utf8');
      for (let e = rng.between(1, 8); e > 0; e--) {
        s = rng.pick([
          () => s.replace(/<v>\d+<\/v>/, `<v>${rng.pick(['99999999', '-1', '1e308', 'abc', ''])}</v>`),
          () => s.replace(/ t="n"| t="s"/, ` t="${rng.pick(['s', 'd', 'e', 'b', 'str', 'inlineStr', 'zz'])}"`),
          () => s.replace(/ r="([A-Z]+)(\d+)"/, () => ` r="${rng.pick(['A0', 'XFD1', 'XFE1', 'A1048577', '', 'ZZ'])}"`),
          () => s.replace(/<c /, '<c s="9999" '),
          () => s.replace(/<\/row>/, ''),
          () => s.replace(/<row /, `<row spans="${rng.pick(['1:16384', '0:0', 'x'])}" `),
          () => s.replace(/count="\d+"/, `count="${rng.pick(['0', '4294967295', '-5'])}"`),
        ])();
      }
      return Buffer.from(s, 'utf8');
    }) },
];

export function mutatorsFor(kind: InputKind): Mutator[] {
  return mutators.filter((m) => m.kinds.includes(kind));
}
