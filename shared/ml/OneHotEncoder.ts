export interface OneHotEncoderState {
  kind: 'onehot';
  /** Per column: kept categories (most frequent first), then whether an "other" column exists. */
  columns: { name: string; categories: string[]; other: boolean; mode: string }[];
}

export interface OneHotEncoderOptions {
  /** Categories kept per column; the rest share one "other" column. */
  maxCategories?: number;
  /** Categories seen fewer times go to "other" (scikit-learn's min_frequency). */
  minFrequency?: number;
}

export const OTHER_CATEGORY = '__other__';

/**
 * One-hot encoding with an "other" bucket for rare and unseen categories (scikit-learn's
 * OneHotEncoder(handle_unknown="infrequent_if_exist")). Missing values take the column's mode.
 */
export class OneHotEncoder {
  state?: OneHotEncoderState;

  constructor(readonly options: OneHotEncoderOptions = {}) {}

  /** columns: name → one string (or null for missing) per row. */
  fit(columns: Record<string, ArrayLike<string | null>>): this {
    const maxCategories = this.options.maxCategories ?? 20;
    const minFrequency = this.options.minFrequency ?? 1;
    const out: OneHotEncoderState['columns'] = [];
    for (const [name, values] of Object.entries(columns)) {
      const counts = new Map<string, number>();
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (v === null || v === '') continue;
        counts.set(v, (counts.get(v) ?? 0) + 1);
      }
      const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      const kept = ranked.filter(([, c]) => c >= minFrequency).slice(0, maxCategories).map(([v]) => v);
      out.push({ name, categories: kept, other: kept.length < ranked.length, mode: ranked[0]?.[0] ?? '' });
    }
    this.state = { kind: 'onehot', columns: out };
    return this;
  }

  /** Output column names, `column=category` as pandas.get_dummies spells them (with `_` there). */
  featureNames(): string[] {
    return this.require().columns.flatMap((c) => [...c.categories.map((v) => `${c.name}=${v}`), ...(c.other ? [`${c.name}=${OTHER_CATEGORY}`] : [])]);
  }

  get width(): number {
    return this.require().columns.reduce((a, c) => a + c.categories.length + (c.other ? 1 : 0), 0);
  }

  /** Writes the one-hot block of each row into out (row-major, `stride` wide, starting at `offset`). */
  transformInto(columns: Record<string, ArrayLike<string | null>>, rows: number, out: Float64Array, stride: number, offset: number): void {
    let o = offset;
    for (const c of this.require().columns) {
      const values = columns[c.name];
      const index = new Map(c.categories.map((v, i) => [v, i]));
      for (let i = 0; i < rows; i++) {
        let v = values ? values[i] : null;
        if (v === null || v === '' || v === undefined) v = c.mode;
        const at = index.get(v);
        if (at !== undefined) out[i * stride + o + at] = 1;
        else if (c.other) out[i * stride + o + c.categories.length] = 1;
      }
      o += c.categories.length + (c.other ? 1 : 0);
    }
  }

  toJSON(): OneHotEncoderState {
    return this.require();
  }

  static fromJSON(state: OneHotEncoderState): OneHotEncoder {
    const e = new OneHotEncoder();
    e.state = state;
    return e;
  }

  private require(): OneHotEncoderState {
    if (!this.state) throw new Error('OneHotEncoder is not fitted');
    return this.state;
  }
}
