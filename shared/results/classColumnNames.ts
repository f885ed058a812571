/**
 * One `probability_<class>` column name per class of a one-vs-rest target (docs/CONTRACTS.md,
 * assignments): the class text in lower-case snake_case, accents dropped and letters of any alphabet
 * kept (a Russian class stays readable), anything else an underscore. Classes that read the same
 * after that (`Gold` and `gold `), or that leave nothing (`???`), are told apart by their position,
 * so every class gets its own column and no column name depends on spreadsheet-unsafe characters.
 */
export function classColumnNames(classes: readonly string[], taken: Iterable<string> = []): string[] {
  const used = new Set(taken);
  return classes.map((value, i) => {
    const words = value
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 60);
    const base = `probability_${words || `class_${i + 1}`}`;
    let name = base;
    for (let suffix = 2; used.has(name); suffix++) name = `${base}_${suffix}`;
    used.add(name);
    return name;
  });
}
