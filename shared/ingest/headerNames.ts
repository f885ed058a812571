/**
 * Column names as pandas gives them: blank headers become "Unnamed: <i>" (0-based position) and
 * repeated names get ".1", ".2" suffixes, so every column can be addressed by name.
 */
export function headerNames(raw: readonly (string | null | undefined)[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((value, i) => {
    const base = value === null || value === undefined || String(value).trim() === '' ? `Unnamed: ${i}` : String(value).trim();
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    return count === 0 ? base : `${base}.${count}`;
  });
}
