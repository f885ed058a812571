export interface DetectedEncoding {
  /** An iconv-lite encoding name. */
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1251' | 'windows-1252';
  bom: boolean;
}

/**
 * Guesses a text file's encoding from its first bytes: a BOM when present, zero bytes for UTF-16
 * without BOM, valid UTF-8, and otherwise the single-byte code page that fits better. Cyrillic text in
 * Windows-1251 is mostly runs of bytes ≥ 0xC0; Western text in Windows-1252 has isolated accented bytes.
 */
export function detectEncoding(head: Uint8Array): DetectedEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: true };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: true };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: true };
  const sample = head.subarray(0, Math.min(head.length, 65536));
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] === 0) {
      if (i % 2 === 0) zeroEven++;
      else zeroOdd++;
    }
  }
  const half = sample.length / 2;
  if (zeroOdd > half * 0.3 && zeroOdd > zeroEven * 4) return { encoding: 'utf-16le', bom: false };
  if (zeroEven > half * 0.3 && zeroEven > zeroOdd * 4) return { encoding: 'utf-16be', bom: false };
  if (isUtf8(sample)) return { encoding: 'utf-8', bom: false };
  let high = 0;
  let paired = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] >= 0xc0) {
      high++;
      if ((i > 0 && sample[i - 1] >= 0xc0) || (i + 1 < sample.length && sample[i + 1] >= 0xc0)) paired++;
    }
  }
  return { encoding: high > 0 && paired / high > 0.5 ? 'windows-1251' : 'windows-1252', bom: false };
}

/** Valid UTF-8, allowing a multi-byte character cut off at the end of the sample. */
function isUtf8(bytes: Uint8Array): boolean {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let extra: number;
    if (b >= 0xc2 && b <= 0xdf) extra = 1;
    else if (b >= 0xe0 && b <= 0xef) extra = 2;
    else if (b >= 0xf0 && b <= 0xf4) extra = 3;
    else return false;
    if (i + extra >= n) return true;
    for (let k = 1; k <= extra; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return false;
    i += extra + 1;
  }
  return true;
}
