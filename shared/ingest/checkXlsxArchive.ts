import type { Readable } from 'node:stream';
import * as yauzl from 'yauzl';
import { IngestError } from './IngestError';
import { formatBytes } from './openSourceStream';
import { openXlsxPart } from './xlsxPackage';
import { XlsxRangeReader } from './xlsxRangeReader';

export interface XlsxArchiveLimits {
  /** Most bytes all parts of the workbook may expand to, together. */
  maxExpandedBytes: number;
  /** Highest compression ratio allowed for a part larger than `ratioGraceBytes` once expanded. */
  maxCompressionRatio: number;
  /** Parts this small are never refused for their ratio (tiny XML parts compress very well). */
  ratioGraceBytes: number;
  /** Most parts (files) in the archive. */
  maxEntries: number;
}

export const defaultXlsxArchiveLimits: XlsxArchiveLimits = {
  maxExpandedBytes: 2 * 1024 ** 3,
  // Apache POI's default: real sheets compress 5-15 times; zip bombs 1,000 times.
  maxCompressionRatio: 100,
  ratioGraceBytes: 1024 ** 2,
  maxEntries: 10_000,
};

/** The archive's bytes, either in memory or behind range reads of known total size. */
export type XlsxArchive = Buffer | { size: number; readRange(start: number, end: number): Promise<Uint8Array> };

/** Parts whose presence says what kind of Office or OpenDocument file a ZIP archive really is. */
const otherKinds: [RegExp, string][] = [
  [/^word\/document\.xml$/, 'a Word document'],
  [/^ppt\/presentation\.xml$/, 'a PowerPoint presentation'],
  [/^xl\/workbook\.bin$/, 'a binary Excel workbook (.xlsb)'],
  [/^content\.xml$/, 'an OpenDocument file (.ods or .odt)'],
];

/**
 * Checks an .xlsx archive before the workbook reader expands it, so a hostile or broken file ends in
 * an IngestError instead of filling memory, disk or time: the ZIP directory must be readable, the
 * archive must be a workbook (not some other ZIP), no part may be encrypted, parts may not overlap,
 * no part may expand beyond the ratio and size limits (checked on the actual inflated bytes, not only
 * on the sizes the directory declares), and no XML part may carry a DOCTYPE (entity expansion).
 */
export async function checkXlsxArchive(file: string, archive: XlsxArchive, limits: XlsxArchiveLimits = defaultXlsxArchiveLimits): Promise<void> {
  const size = Buffer.isBuffer(archive) ? archive.length : archive.size;
  let zip: yauzl.ZipFile;
  try {
    const options = { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false };
    zip = Buffer.isBuffer(archive)
      ? await yauzl.fromBufferPromise(archive, options)
      : await yauzl.fromRandomAccessReaderPromise(new XlsxRangeReader(archive.readRange), archive.size, options);
  } catch (err) {
    throw corrupt(file, `its ZIP directory cannot be read: ${reason(err)}`);
  }
  try {
    const entries: yauzl.Entry[] = [];
    let declared = 0;
    let compressed = 0;
    try {
      for await (const entry of zip.eachEntry()) {
        entries.push(entry);
        if (entries.length > limits.maxEntries) throw unsafe(file, `it holds more than ${limits.maxEntries.toLocaleString('en-US')} parts`);
        if (entry.isEncrypted()) throw encrypted(file);
        declared += entry.uncompressedSize;
        compressed += entry.compressedSize;
        if (declared > limits.maxExpandedBytes) throw bomb(file, declared, limits);
        checkRatio(file, entry.fileName, entry.uncompressedSize, entry.compressedSize, limits);
      }
    } catch (err) {
      if (err instanceof IngestError) throw err;
      throw corrupt(file, `its ZIP directory is damaged: ${reason(err)}`);
    }
    // Parts that share compressed bytes are how the largest zip bombs are built.
    if (compressed > size) throw unsafe(file, 'its parts overlap each other inside the archive');
    const names = new Set(entries.map((e) => e.fileName));
    if (!names.has('xl/workbook.xml')) {
      const kind = otherKinds.find(([re]) => [...names].some((n) => re.test(n)))?.[1];
      throw new IngestError({
        code: 'WRONG_FORMAT',
        file,
        message: `The file is a ZIP archive, but not an Excel workbook${kind ? `: it is ${kind}` : ' (it has no xl/workbook.xml)'}.`,
        hint: 'Open the data in Excel and save it as an Excel Workbook (.xlsx), or export it as CSV, then upload that file.',
      });
    }
    let expanded = 0;
    for (const entry of entries) {
      expanded += await expandPart(file, zip, entry, expanded, limits);
    }
  } finally {
    zip.close();
  }
}

/** Inflates one part, counting and discarding its bytes; returns how many it expanded to. */
async function expandPart(file: string, zip: yauzl.ZipFile, entry: yauzl.Entry, before: number, limits: XlsxArchiveLimits): Promise<number> {
  let stream: Readable;
  try {
    stream = await openXlsxPart(zip, entry);
  } catch (err) {
    throw corrupt(file, `part ${entry.fileName} cannot be opened: ${reason(err)}`);
  }
  const xml = /\.(xml|rels|vml)$/i.test(entry.fileName);
  const prolog = new PrologScanner();
  let bytes = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (bytes > entry.uncompressedSize) throw unsafe(file, `its part ${entry.fileName} expands to more than the size its ZIP directory declares`);
      if (before + bytes > limits.maxExpandedBytes) throw bomb(file, before + bytes, limits);
      checkRatio(file, entry.fileName, bytes, entry.compressedSize, limits);
      if (xml && prolog.scanning) {
        const seen = prolog.push(chunk);
        if (seen === 'doctype') throw unsafe(file, `its part ${entry.fileName} declares a DOCTYPE (XML entities can expand without bound)`);
        if (seen === 'long') throw unsafe(file, `its part ${entry.fileName} starts with more than 256 KiB before its first element`);
      }
    }
  } catch (err) {
    stream.destroy();
    if (err instanceof IngestError) throw err;
    const msg = reason(err);
    if (/too many bytes/.test(msg)) throw unsafe(file, `its part ${entry.fileName} expands to more than the size its ZIP directory declares`);
    throw corrupt(file, `part ${entry.fileName} cannot be expanded: ${msg}`);
  }
  if (bytes !== entry.uncompressedSize) throw corrupt(file, `part ${entry.fileName} cannot be expanded: it ends before the size its ZIP directory declares`);
  return bytes;
}

function checkRatio(file: string, part: string, expanded: number, compressedSize: number, limits: XlsxArchiveLimits): void {
  if (expanded <= limits.ratioGraceBytes) return;
  if (expanded > Math.max(1, compressedSize) * limits.maxCompressionRatio) {
    throw unsafe(
      file,
      `its part ${part} expands from ${formatBytes(compressedSize)} to ${formatBytes(expanded)} or more (over ${limits.maxCompressionRatio} times), which is how zip bombs are built`,
    );
  }
}

/**
 * Looks at the start of an XML part, up to its root element, for a DOCTYPE: only the prolog may hold
 * one, so the scan stops at the first element and costs nothing for the rest of the part.
 */
class PrologScanner {
  scanning = true;
  private text = '';

  push(chunk: Buffer): 'doctype' | 'long' | 'clean' | 'more' {
    // UTF-16 parts are rare in XLSX; dropping zero bytes lets the same scan read them.
    this.text += chunk.toString('latin1').replace(/\u0000/g, '');
    let i = 0;
    for (;;) {
      const lt = this.text.indexOf('<', i);
      if (lt < 0 || lt + 9 > this.text.length) break;
      const after = this.text.slice(lt + 1, lt + 9);
      if (/^!doctype/i.test(after) || /^!entity/i.test(after)) return 'doctype';
      if (after.startsWith('?')) {
        const end = this.text.indexOf('?>', lt);
        if (end < 0) break;
        i = end + 2;
      } else if (after.startsWith('!--')) {
        const end = this.text.indexOf('-->', lt);
        if (end < 0) break;
        i = end + 3;
      } else {
        this.scanning = false;
        return 'clean';
      }
    }
    // A prolog longer than this is not one Excel writes; treat it as hiding something.
    if (this.text.length > 256 * 1024) return 'long';
    this.text = this.text.slice(Math.max(0, i));
    return 'more';
  }
}

function reason(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.length > 120 ? `${msg.slice(0, 117)}...` : msg;
}

function corrupt(file: string, why: string): IngestError {
  return new IngestError({
    code: 'XLSX_CORRUPT',
    file,
    message: `The workbook cannot be read: ${why}. It looks damaged or incomplete.`,
    hint: 'Open it in Excel and save it again as .xlsx (or export the sheet as CSV), then upload it again.',
  });
}

function unsafe(file: string, why: string): IngestError {
  return new IngestError({
    code: 'XLSX_UNSAFE',
    file,
    message: `The workbook was refused because ${why}.`,
    hint: 'Open it in Excel and save it again as .xlsx (or export the sheet as CSV), then upload that file. If you did not create this file, do not open it.',
  });
}

function bomb(file: string, bytes: number, limits: XlsxArchiveLimits): IngestError {
  return unsafe(file, `it expands to ${formatBytes(bytes)} or more, over the ${formatBytes(limits.maxExpandedBytes)} accepted`);
}

function encrypted(file: string): IngestError {
  return new IngestError({
    code: 'XLSX_ENCRYPTED',
    file,
    message: 'Parts of the workbook are encrypted, so it cannot be read.',
    hint: 'Open it in Excel, remove the password (File > Info > Protect Workbook) and save as .xlsx, then upload it again.',
  });
}
