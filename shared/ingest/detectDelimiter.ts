const candidates = [',', ';', '\t', '|'] as const;

/**
 * Picks the delimiter that splits the first lines into the same number of fields, as Python's
 * csv.Sniffer does; quoted text is skipped so commas inside "1,5" or a description do not count.
 */
export function detectDelimiter(text: string): string {
  const lines = firstLines(text, 30);
  if (lines.length === 0) return ',';
  let best: string = ',';
  let bestScore = -1;
  for (const d of candidates) {
    const counts = lines.map((line) => countOutsideQuotes(line, d));
    const header = counts[0];
    if (header === 0) continue;
    const consistent = counts.filter((c) => c === header).length / counts.length;
    const score = consistent * 1000 + header;
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

/**
 * Decides the decimal mark from sample fields: "0,98" or "1 234,5" means a decimal comma; it is only
 * possible when the delimiter is not a comma or the numbers are quoted.
 */
export function detectDecimalMark(text: string, delimiter: string): '.' | ',' {
  const lines = firstLines(text, 200).slice(1);
  let comma = 0;
  let dot = 0;
  for (const line of lines) {
    for (const raw of splitOutsideQuotes(line, delimiter)) {
      const f = raw.replace(/^"|"$/g, '').trim();
      // "4,800" and "1.234" read either way: only fields one mark can read count.
      if (/^[+-]?\d{1,3}[,.]\d{3}$/.test(f)) continue;
      if (/^[+-]?(\d+,(\d{1,2}|\d{4,})|\d{1,3}([ \u00a0.]\d{3})+,\d+)$/.test(f)) comma++;
      else if (/^[+-]?(\d*\.\d+|\d{1,3}(,\d{3})+(\.\d+)?)$/.test(f)) dot++;
    }
  }
  if (comma === dot) return delimiter === ';' ? ',' : '.';
  return comma > dot ? ',' : '.';
}

function firstLines(text: string, max: number): string[] {
  const out: string[] = [];
  let start = 0;
  let inQuotes = false;
  for (let i = 0; i < text.length && out.length < max; i++) {
    const c = text[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (c === '\n' && !inQuotes) {
      const line = text.slice(start, i).replace(/\r$/, '');
      if (line.trim() !== '') out.push(line);
      start = i + 1;
    }
  }
  // A last line without newline is only whole when the sample is the whole file.
  if (out.length === 0 && start < text.length) out.push(text.slice(start));
  return out;
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (c === d && !inQuotes) n++;
  }
  return n;
}

function splitOutsideQuotes(line: string, d: string): string[] {
  const out: string[] = [];
  let inQuotes = false;
  let start = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (c === d && !inQuotes) {
      out.push(line.slice(start, i));
      start = i + 1;
    }
  }
  out.push(line.slice(start));
  return out;
}
