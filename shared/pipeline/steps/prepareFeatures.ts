import { BlobStore } from '../../storage/BlobStore';
import { RunInput, StepResult } from '../RunInput';
import { WorkFiles } from './workFiles';

export interface PreparedFeatures {
  rows: number;
  cols: number;
}

/** Numeric columns, median-imputed and standard-scaled, as a row-major matrix. */
export async function prepareFeatures(store: BlobStore, input: RunInput): Promise<StepResult<PreparedFeatures>> {
  const work = new WorkFiles(store, input);
  const { table, schema } = await work.readTable();
  const columns = table.columns.filter((c) => c.kind === 'number' && schema.numeric.includes(c.name));
  if (columns.length === 0) {
    return {
      ok: false,
      problem: {
        code: 'NO_NUMERIC_COLUMN',
        file: input.files[0]?.file,
        message: 'No numeric column is left to build segments from.',
        hint: 'Include at least one numeric column (spend, orders, tenure…) besides the id.',
      },
    };
  }
  const n = table.rowCount;
  const d = columns.length;
  const data = new Float64Array(n * d);
  columns.forEach((column, j) => {
    const values = column.values as Float64Array;
    const present = Array.from(values).filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
    const median = present.length ? present[Math.floor(present.length / 2)]! : 0;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += Number.isNaN(values[i]!) ? median : values[i]!;
    const mean = sum / n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += ((Number.isNaN(values[i]!) ? median : values[i]!) - mean) ** 2;
    const scale = Math.sqrt(ss / n) || 1;
    for (let i = 0; i < n; i++) data[i * d + j] = ((Number.isNaN(values[i]!) ? median : values[i]!) - mean) / scale;
  });
  await work.writeFeatures({ rows: n, cols: d, data, meta: { featureNames: columns.map((c) => c.name) } });
  return { ok: true, rows: n, cols: d };
}
