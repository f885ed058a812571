import type { DenseMatrix } from '../ml/DenseMatrix';
import { SimpleImputer, type SimpleImputerState } from '../ml/SimpleImputer';
import { StandardScaler, type StandardScalerState } from '../ml/StandardScaler';
import { MinMaxScaler, type MinMaxScalerState } from '../ml/MinMaxScaler';
import { RobustScaler, type RobustScalerState } from '../ml/RobustScaler';
import { OneHotEncoder, type OneHotEncoderState } from '../ml/OneHotEncoder';

/** Which columns are what: a plain description, independent of how the table was read. */
export interface FeatureDescription {
  numeric?: string[];
  categorical?: string[];
  boolean?: string[];
  /** Scaling of numeric and boolean columns (one-hot columns stay 0/1). Default standard. */
  scaling?: 'standard' | 'minmax' | 'robust' | 'none';
  maxCategories?: number;
  minFrequency?: number;
}

/** Rows as objects, or columns as arrays of equal length. */
export type TableInput = readonly Record<string, unknown>[] | Readonly<Record<string, ArrayLike<unknown>>>;

export interface FeaturePipelineState {
  version: 1;
  numeric: string[];
  boolean: string[];
  categorical: string[];
  imputer: SimpleImputerState;
  scaler: StandardScalerState | MinMaxScalerState | RobustScalerState | null;
  encoder: OneHotEncoderState;
  featureNames: string[];
}

export interface TransformedFeatures {
  /** Model input: imputed, scaled numeric and boolean columns, then one-hot columns. */
  X: DenseMatrix;
  /** The same columns imputed but unscaled, for profiles in original units. */
  unscaled: DenseMatrix;
  featureNames: string[];
}

/**
 * The feature pipeline users know from scikit-learn's ColumnTransformer: numeric columns get
 * median imputation then scaling, boolean columns become 0/1 with mode imputation, categorical
 * columns are one-hot encoded with an "other" bucket. State is JSON for the model artifact.
 */
export class FeaturePipeline {
  state?: FeaturePipelineState;

  constructor(readonly description: FeatureDescription = {}) {}

  fit(input: TableInput): this {
    const numeric = this.description.numeric ?? [], boolean = this.description.boolean ?? [], categorical = this.description.categorical ?? [];
    const cols = toColumns(input, [...numeric, ...boolean, ...categorical]);
    const raw = numericBlock(cols.get, cols.rows, numeric, boolean);
    const imputer = new SimpleImputer('median').fit(raw);
    // booleans take the mode, numbers the median: one imputer per kind keeps the state simple
    const modeFill = new SimpleImputer('most_frequent').fit(raw).toJSON().fill;
    const imputerState = imputer.toJSON();
    for (let j = numeric.length; j < numeric.length + boolean.length; j++) imputerState.fill[j] = modeFill[j];
    const imputed = SimpleImputer.fromJSON(imputerState).transform(raw);
    const scaling = this.description.scaling ?? 'standard';
    const scaler = scaling === 'standard' ? new StandardScaler().fit(imputed).toJSON()
      : scaling === 'minmax' ? new MinMaxScaler().fit(imputed).toJSON()
      : scaling === 'robust' ? new RobustScaler().fit(imputed).toJSON() : null;
    const encoder = new OneHotEncoder({ maxCategories: this.description.maxCategories, minFrequency: this.description.minFrequency })
      .fit(categoricalColumns(cols.get, cols.rows, categorical));
    this.state = {
      version: 1, numeric, boolean, categorical, imputer: imputerState, scaler, encoder: encoder.toJSON(),
      featureNames: [...numeric, ...boolean, ...encoder.featureNames()],
    };
    return this;
  }

  transform(input: TableInput): TransformedFeatures {
    const s = this.require();
    const cols = toColumns(input, [...s.numeric, ...s.boolean, ...s.categorical]);
    const n = cols.rows;
    const imputed = SimpleImputer.fromJSON(s.imputer).transform(numericBlock(cols.get, n, s.numeric, s.boolean));
    const scaled = s.scaler === null ? imputed
      : s.scaler.kind === 'standard' ? StandardScaler.fromJSON(s.scaler).transform(imputed)
      : s.scaler.kind === 'minmax' ? MinMaxScaler.fromJSON(s.scaler).transform(imputed)
      : RobustScaler.fromJSON(s.scaler).transform(imputed);
    const encoder = OneHotEncoder.fromJSON(s.encoder);
    const p = imputed.cols, width = p + encoder.width;
    const X = new Float64Array(n * width), unscaled = new Float64Array(n * width);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < p; j++) { X[i * width + j] = scaled.data[i * p + j]; unscaled[i * width + j] = imputed.data[i * p + j]; }
    }
    const cats = categoricalColumns(cols.get, n, s.categorical);
    encoder.transformInto(cats, n, X, width, p);
    encoder.transformInto(cats, n, unscaled, width, p);
    return { X: { data: X, rows: n, cols: width }, unscaled: { data: unscaled, rows: n, cols: width }, featureNames: [...s.featureNames] };
  }

  fitTransform(input: TableInput): TransformedFeatures {
    return this.fit(input).transform(input);
  }

  get featureNames(): string[] {
    return [...this.require().featureNames];
  }

  toJSON(): FeaturePipelineState {
    return this.require();
  }

  static fromJSON(state: FeaturePipelineState): FeaturePipeline {
    const p = new FeaturePipeline({ numeric: state.numeric, boolean: state.boolean, categorical: state.categorical });
    p.state = state;
    return p;
  }

  private require(): FeaturePipelineState {
    if (!this.state) throw new Error('FeaturePipeline is not fitted');
    return this.state;
  }
}

function toColumns(input: TableInput, names: string[]): { rows: number; get: (name: string) => ArrayLike<unknown> | undefined } {
  if (Array.isArray(input)) {
    const rows = input as readonly Record<string, unknown>[];
    const cache = new Map<string, unknown[]>();
    return {
      rows: rows.length,
      get: (name) => {
        if (!cache.has(name)) cache.set(name, rows.map((r) => r[name]));
        return cache.get(name);
      },
    };
  }
  const cols = input as Readonly<Record<string, ArrayLike<unknown>>>;
  const lengths = names.filter((c) => cols[c] !== undefined).map((c) => cols[c].length);
  const rows = lengths.length ? lengths[0] : 0;
  if (lengths.some((l) => l !== rows)) throw new RangeError('feature columns differ in length');
  return { rows, get: (name) => cols[name] };
}

function numericBlock(get: (name: string) => ArrayLike<unknown> | undefined, n: number, numeric: string[], boolean: string[]): DenseMatrix {
  const p = numeric.length + boolean.length;
  const out = new Float64Array(n * p);
  numeric.forEach((name, j) => {
    const v = get(name);
    for (let i = 0; i < n; i++) out[i * p + j] = v ? toNumber(v[i]) : NaN;
  });
  boolean.forEach((name, b) => {
    const v = get(name), j = numeric.length + b;
    for (let i = 0; i < n; i++) out[i * p + j] = v ? toBooleanNumber(v[i]) : NaN;
  });
  return { data: out, rows: n, cols: p };
}

function categoricalColumns(get: (name: string) => ArrayLike<unknown> | undefined, n: number, names: string[]): Record<string, (string | null)[]> {
  const out: Record<string, (string | null)[]> = {};
  for (const name of names) {
    const v = get(name);
    const col: (string | null)[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const x = v ? v[i] : null;
      col[i] = x === null || x === undefined ? null : String(x).trim() || null;
    }
    out[name] = col;
  }
  return out;
}

/** Numbers as they arrive from CSV/XLSX/JSON: blanks are missing, a lone decimal comma is accepted. */
export function toNumber(v: unknown): number {
  if (typeof v === 'number') return Number.isFinite(v) ? v : NaN;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.getTime();
  if (typeof v !== 'string') return NaN;
  const s = v.trim();
  if (s === '') return NaN;
  const n = Number(/^-?\d+,\d+$/.test(s) ? s.replace(',', '.') : s);
  return Number.isFinite(n) ? n : NaN;
}

const TRUE = new Set(['true', 'yes', 'y', '1', 'да', 't']);
const FALSE = new Set(['false', 'no', 'n', '0', 'нет', 'f']);

export function toBooleanNumber(v: unknown): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v === 0 ? 0 : Number.isNaN(v) ? NaN : 1;
  if (typeof v !== 'string') return NaN;
  const s = v.trim().toLowerCase();
  return TRUE.has(s) ? 1 : FALSE.has(s) ? 0 : NaN;
}
