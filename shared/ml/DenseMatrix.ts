/** A row-major matrix over a Float64Array: row i is data[i*cols .. (i+1)*cols). */
export interface DenseMatrix {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

export function denseMatrix(data: Float64Array, rows: number, cols: number): DenseMatrix {
  if (data.length !== rows * cols) {
    throw new RangeError(`matrix data has ${data.length} values, expected ${rows} × ${cols} = ${rows * cols}`);
  }
  return { data, rows, cols };
}

export function matrixFromRows(rows: ArrayLike<number>[]): DenseMatrix {
  const n = rows.length;
  const d = n > 0 ? rows[0].length : 0;
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    if (rows[i].length !== d) throw new RangeError(`row ${i} has ${rows[i].length} values, expected ${d}`);
    for (let j = 0; j < d; j++) data[i * d + j] = rows[i][j];
  }
  return { data, rows: n, cols: d };
}

export function matrixToRows(m: DenseMatrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < m.rows; i++) out.push(Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
  return out;
}

/** Rows picked by index, in the order given (a sample, a fold, a hold-out set). */
export function takeRows(m: DenseMatrix, indices: ArrayLike<number>): DenseMatrix {
  const d = m.cols;
  const data = new Float64Array(indices.length * d);
  for (let r = 0; r < indices.length; r++) data.set(m.data.subarray(indices[r] * d, indices[r] * d + d), r * d);
  return { data, rows: indices.length, cols: d };
}
