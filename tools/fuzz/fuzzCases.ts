import { baseInputs, defaultDataDir } from './baseInputs';
import type { FuzzCase } from './FuzzCase';
import { mutatorsFor } from './mutators';
import { caseSeed, seededRandom } from './seededRandom';
import { specialInputs } from './specialInputs';

export interface FuzzCaseOptions {
  /** Where the real datasets are; null for generated inputs only. Default ../shared/data. */
  dataDir?: string | null;
}

/**
 * The fuzz cases of a run: first the crafted inputs (zip bombs, entity expansion, 10,000 columns,
 * million-character cells, encodings, dates, formulas ...), then seeded mutations of generated and
 * real inputs. Case i depends only on (seed, i): `fuzzCase(seed, i)` rebuilds any one of them.
 */
export async function* fuzzCases(seed: number, count: number, options: FuzzCaseOptions = {}): AsyncGenerator<FuzzCase> {
  for (let index = 0; index < count; index++) yield await fuzzCase(seed, index, options);
}

export async function fuzzCase(seed: number, index: number, options: FuzzCaseOptions = {}): Promise<FuzzCase> {
  const bases = await baseInputs(options.dataDir === undefined ? defaultDataDir() : options.dataDir);
  if (index < specialInputs.length) {
    const special = specialInputs[index];
    const built = await special.build(bases);
    return { ...built, index, name: special.name };
  }
  const rng = seededRandom(caseSeed(seed, index));
  const base = rng.pick(bases);
  const steps = rng.chance(0.6) ? 1 : rng.between(2, 3);
  const available = mutatorsFor(base.kind);
  let bytes = base.bytes;
  const names: string[] = [];
  for (let s = 0; s < steps; s++) {
    const m = rng.pick(available);
    bytes = await m.apply(bytes, rng, base);
    names.push(m.name);
  }
  return { index, name: `${names.join(' + ')} of ${base.name}`, file: base.file, bytes, expect: 'either' };
}
