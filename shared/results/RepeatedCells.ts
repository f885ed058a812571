/** Distinct texts a column remembers before it stops: ids and other one-off values are never worth it. */
const distinctLimit = 4096;

/** Texts at least this long are kept as UTF-8 bytes, copied into the file instead of encoded again. */
const bytesFrom = 64;

/**
 * Each column's text cells as the file writes them (escaped, quoted, wrapped in their XML), made once
 * per distinct text: a run's segment names, drivers and actions repeat across 100,000 rows, and
 * escaping a 300-character action for every customer cost more than the rest of the row. Long
 * cells come back as bytes, so a row is never one large string to build, flatten and encode.
 * A column stops remembering after 4,096 distinct texts (an id column after its first rows).
 */
export class RepeatedCells {
  private readonly columns: (Map<string, string | Buffer> | null)[] = [];

  constructor(private readonly encode: (text: string) => string) {}

  /** The cell for `text` in column `column`: a string to append to the row, or bytes for a long one. */
  cell(column: number, text: string): string | Buffer {
    let seen = this.columns[column];
    if (seen === null) return this.encode(text);
    if (seen === undefined) this.columns[column] = seen = new Map();
    const known = seen.get(text);
    if (known !== undefined) return known;
    const encoded = this.encode(text);
    const kept = encoded.length >= bytesFrom ? Buffer.from(encoded, 'utf8') : encoded;
    if (seen.size < distinctLimit) seen.set(text, kept);
    else this.columns[column] = null;
    return kept;
  }
}
