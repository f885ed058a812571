import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { denseMatrix, type DenseMatrix } from '../../shared/ml/DenseMatrix';

/** Kevin Hillstrom's e-mail experiment (../shared/data/hillstrom-email, SOURCE.md) as arrays. */
export interface HillstromData {
  rows: number;
  /** Pre-treatment covariates: recency, history, mens, womens, newbie, zip_code and channel one-hot. */
  X: DenseMatrix;
  featureNames: string[];
  /** 0 = "No E-Mail" (control), 1 = "Mens E-Mail", 2 = "Womens E-Mail". */
  armOf: Int32Array;
  arms: ['Mens E-Mail', 'Womens E-Mail'];
  control: 'No E-Mail';
  visit: Float64Array;
  conversion: Float64Array;
  spend: Float64Array;
}

export const hillstromFile = (dataDir: string) => path.join(dataDir, 'hillstrom-email', 'hillstrom.csv');

export function loadHillstrom(dataDir: string): HillstromData {
  const raw = parse(fs.readFileSync(hillstromFile(dataDir)), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const zips = ['Urban', 'Surburban', 'Rural'];
  const channels = ['Phone', 'Web', 'Multichannel'];
  const featureNames = ['recency', 'history', 'mens', 'womens', 'newbie', ...zips.map((z) => `zip_${z}`), ...channels.map((c) => `channel_${c}`)];
  const d = featureNames.length;
  const data = new Float64Array(raw.length * d);
  raw.forEach((r, i) => {
    const row = [Number(r.recency), Number(r.history), Number(r.mens), Number(r.womens), Number(r.newbie), ...zips.map((z) => (r.zip_code === z ? 1 : 0)), ...channels.map((c) => (r.channel === c ? 1 : 0))];
    data.set(row, i * d);
  });
  const arm = (s: string) => (s === 'No E-Mail' ? 0 : s === 'Mens E-Mail' ? 1 : s === 'Womens E-Mail' ? 2 : -1);
  return {
    rows: raw.length,
    X: denseMatrix(data, raw.length, d),
    featureNames,
    armOf: Int32Array.from(raw, (r) => arm(r.segment!)),
    arms: ['Mens E-Mail', 'Womens E-Mail'],
    control: 'No E-Mail',
    visit: Float64Array.from(raw, (r) => Number(r.visit)),
    conversion: Float64Array.from(raw, (r) => Number(r.conversion)),
    spend: Float64Array.from(raw, (r) => Number(r.spend)),
  };
}
