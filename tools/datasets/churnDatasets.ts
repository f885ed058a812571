import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { FeatureDescription } from '../../shared/model/FeaturePipeline';

/** A real churn table as the anchors read it: rows, label, feature description, anchor split. */
export interface ChurnDataset {
  name: 'telco' | 'one-click' | 'ecommerce';
  rows: Record<string, unknown>[];
  y: number[];
  description: FeatureDescription;
  /** Rows of the anchor's hold-out, and the anchor's 5 folds (bench-anchors/splits). */
  testRows: number[];
  folds: number[];
}

function readCsv(file: string): Record<string, string>[] {
  return parse(fs.readFileSync(file), { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[];
}

function readSplit(anchorsDir: string, name: string): { testRows: number[]; folds: number[] } {
  const rows = readCsv(path.join(anchorsDir, 'splits', `${name}.csv`));
  return {
    testRows: rows.filter((r) => r.holdout === '1').map((r) => Number(r.row)),
    folds: rows.map((r) => Number(r.fold)),
  };
}

/** IBM Telco: as sk_churn_real.py, TotalCharges' blanks become 0. */
export function loadTelco(dataDir: string, anchorsDir: string): ChurnDataset {
  const raw = readCsv(path.join(dataDir, 'telco-churn', 'WA_Fn-UseC_-Telco-Customer-Churn.csv'));
  const numeric = ['SeniorCitizen', 'Tenure', 'MonthlyCharges', 'TotalCharges'];
  const skip = new Set(['customerID', 'Churn', ...numeric]);
  const categorical = Object.keys(raw[0]).filter((c) => !skip.has(c));
  const rows = raw.map((r) => ({ ...r, TotalCharges: r.TotalCharges.trim() === '' ? 0 : r.TotalCharges }));
  return { name: 'telco', rows, y: raw.map((r) => (r.Churn === 'Yes' ? 1 : 0)), description: { numeric, categorical }, ...readSplit(anchorsDir, 'telco') };
}

/** «В один клик»: market_file joined with market_money / market_time pivoted by Период and money, on id. */
export function loadOneClick(dataDir: string, anchorsDir: string): ChurnDataset {
  const dir = path.join(dataDir, 'one-click-market');
  const market = readCsv(path.join(dir, 'market_file.csv'));
  const extra = new Map<string, Record<string, unknown>>();
  const extraColumns = new Set<string>();
  const add = (id: string, col: string, v: string): void => {
    extraColumns.add(col);
    extra.set(id, { ...(extra.get(id) ?? {}), [col]: v });
  };
  for (const r of readCsv(path.join(dir, 'market_money.csv'))) add(r.id, `выручка_${r['Период']}`, r['Выручка']);
  for (const r of readCsv(path.join(dir, 'market_time.csv'))) add(r.id, `минут_${r['Период']}`, r['минут']);
  for (const r of readCsv(path.join(dir, 'money.csv'))) add(r.id, 'Прибыль', r['Прибыль']);
  const target = 'Покупательская активность';
  const categorical = ['Тип сервиса', 'Разрешить сообщать', 'Популярная_категория'];
  const numeric = [
    ...Object.keys(market[0]).filter((c) => c !== 'id' && c !== target && !categorical.includes(c)),
    ...[...extraColumns].sort(),
  ];
  const rows = market.map((r) => ({ ...r, ...extra.get(r.id) }));
  return { name: 'one-click', rows, y: market.map((r) => (r[target] === 'Снизилась' ? 1 : 0)), description: { numeric, categorical }, ...readSplit(anchorsDir, 'one-click') };
}

/** E-commerce churn XLSX: sheet "E Comm", header on row 2. */
export async function loadEcommerce(dataDir: string, anchorsDir: string): Promise<ChurnDataset> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(dataDir, 'ecommerce-churn', 'E Commerce Dataset.xlsx'));
  const ws = wb.getWorksheet('E Comm');
  if (!ws) throw new Error('sheet "E Comm" not found');
  const header = (ws.getRow(2).values as unknown[]).map((v) => (v === undefined || v === null ? '' : String(v)));
  const rows: Record<string, unknown>[] = [];
  for (let r = 3; r <= ws.rowCount; r++) {
    const values = ws.getRow(r).values as unknown[];
    if (!values || values.length === 0) continue;
    const row: Record<string, unknown> = {};
    header.forEach((h, c) => { if (h) row[h] = values[c] ?? null; });
    if (row.CustomerID === null || row.CustomerID === undefined) continue;
    rows.push(row);
  }
  const categorical = ['PreferredLoginDevice', 'PreferredPaymentMode', 'Gender', 'PreferedOrderCat', 'MaritalStatus'];
  const numeric = header.filter((h) => h && h !== 'CustomerID' && h !== 'Churn' && !categorical.includes(h));
  return { name: 'ecommerce', rows, y: rows.map((r) => Number(r.Churn)), description: { numeric, categorical }, ...readSplit(anchorsDir, 'ecommerce') };
}
