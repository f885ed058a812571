import { detectEncoding } from './detectEncoding';

export type FileFormat = 'csv' | 'xlsx' | 'parquet' | 'jsonl';

const byExtension: Record<string, FileFormat> = {
  '.csv': 'csv',
  '.tsv': 'csv',
  '.txt': 'csv',
  '.xlsx': 'xlsx',
  '.xlsm': 'xlsx',
  '.parquet': 'parquet',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
};

export function formatFromName(name: string): FileFormat | undefined {
  const m = /\.[^./\\]+$/.exec(name.toLowerCase());
  return m ? byExtension[m[0]] : undefined;
}

export type SniffedContent = 'zip' | 'ole2' | 'parquet' | 'json' | 'text' | 'binary' | 'empty';

/** What the first bytes say the file really is, whatever its name says. */
export function sniffContent(head: Uint8Array): SniffedContent {
  if (head.length === 0) return 'empty';
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'zip';
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) return 'ole2';
  if (head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31) return 'parquet';
  const sample = head.subarray(0, Math.min(head.length, 8192));
  let start = 0;
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) start = 3;
  // UTF-16 text is full of zero bytes; other text never holds them, nor most control bytes.
  if (detectEncoding(sample).encoding.startsWith('utf-16')) return 'text';
  let zeros = 0;
  let control = 0;
  for (let i = start; i < sample.length; i++) {
    const b = sample[i];
    if (b === 0) zeros++;
    else if (b < 9 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  const n = sample.length - start;
  if (zeros > 0 || control > n * 0.01) return 'binary';
  let i = start;
  while (i < sample.length && (sample[i] === 0x20 || sample[i] === 0x0a || sample[i] === 0x0d || sample[i] === 0x09)) i++;
  return sample[i] === 0x7b ? 'json' : 'text';
}
