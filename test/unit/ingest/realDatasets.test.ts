import * as fs from 'node:fs';
import { fileSource } from '../../../shared/ingest/fileSource';
import { buildCustomerTable } from '../../../shared/features/buildCustomerTable';
import { parseManifest } from '../../../shared/ingest/parseManifest';
import { readTable } from '../../../shared/ingest/readTable';
import type { Column } from '../../../shared/ingest/Table';
import { describeWithData, sharedDataPath } from '../../helpers/sharedData';
import { oneClickManifestFiles } from '../../../tools/datasets/oneClickMarket';

const source = (...parts: string[]) => fileSource(sharedDataPath(...parts));
const col = (columns: Column[], name: string): Column => {
  const c = columns.find((x) => x.name === name);
  if (!c) throw new Error(`no column ${name}`);
  return c;
};

describeWithData('real datasets in ../shared/data', () => {
  test('IBM Telco: id customerID, target Churn = Yes (26.54 %), TotalCharges numeric with 11 blanks', async () => {
    const { table, schema, quality } = await buildCustomerTable([source('telco-churn', 'WA_Fn-UseC_-Telco-Customer-Churn.csv')]);
    expect(table.rowCount).toBe(7043);
    expect(schema.id).toBe('customerID');
    expect(schema.target).toMatchObject({ column: 'Churn', positive: 'Yes' });
    expect(schema.target!.positiveShare).toBeCloseTo(1869 / 7043, 6);
    expect(schema.numeric).toEqual(expect.arrayContaining(['Tenure', 'MonthlyCharges', 'TotalCharges']));
    expect(schema.boolean).toEqual(expect.arrayContaining(['SeniorCitizen', 'Partner', 'Dependents', 'PhoneService', 'PaperlessBilling']));
    expect(schema.categorical).toEqual(expect.arrayContaining(['Contract', 'PaymentMethod', 'InternetService', 'MultipleLines']));
    const total = quality.columns.find((c) => c.name === 'TotalCharges')!;
    expect(total.missing).toBe(11);
    expect(total.imputed).toMatchObject({ strategy: 'median', count: 11 });
  });

  test('Bank marketing (UCI ; quoted): target y = yes (11.52 %), no id', async () => {
    const t = await readTable(source('bank-marketing', 'bank.csv'));
    expect(t.source).toMatchObject({ delimiter: ';', encoding: 'utf-8' });
    expect(t.rowCount).toBe(4521);
    expect(t.columns).toHaveLength(17);
    const { schema } = await buildCustomerTable([source('bank-marketing', 'bank.csv')]);
    expect(schema.id).toBeNull();
    expect(schema.target).toMatchObject({ column: 'y', positive: 'yes' });
    expect(schema.target!.positiveShare).toBeCloseTo(521 / 4521, 6);
    expect(schema.numeric).toEqual(expect.arrayContaining(['age', 'balance', 'campaign', 'pdays', 'previous']));
    // Known only after the call: the leakage guard keeps it out (roles tests check the reason).
    expect(schema.numeric).not.toContain('duration');
    expect(schema.boolean).toEqual(expect.arrayContaining(['default', 'housing', 'loan']));
    expect(schema.categorical).toEqual(expect.arrayContaining(['job', 'marital', 'education', 'month', 'poutcome']));
  });

  test('Bank marketing full (upper-cased header): target Y = yes (11.70 %)', async () => {
    const { table, schema } = await buildCustomerTable([source('bank-marketing', 'bank-full.csv')]);
    expect(table.rowCount).toBe(45211);
    expect(schema.target).toMatchObject({ column: 'Y', positive: 'yes' });
    expect(schema.target!.positiveShare).toBeCloseTo(5289 / 45211, 6);
    expect(schema.categorical).toEqual(expect.arrayContaining(['MARITAL_STATUS', 'OUTCOME']));
  });

  test('E-commerce XLSX: sheet "E Comm" chosen over the dictionary, header on row 2, Churn 1 = 16.84 %', async () => {
    const t = await readTable(source('ecommerce-churn', 'E Commerce Dataset.xlsx'));
    expect(t.source).toMatchObject({ format: 'xlsx', sheet: 'E Comm', headerRow: 2 });
    expect(t.rowCount).toBe(5630);
    expect(t.columns).toHaveLength(20);
    const cid = col(t.columns, 'CustomerID');
    expect(cid.kind).toBe('number');
    expect([cid.values[0], cid.values[5629]]).toEqual([50001, 55630]);
    const { schema, quality } = await buildCustomerTable([source('ecommerce-churn', 'E Commerce Dataset.xlsx')]);
    expect(schema.id).toBe('CustomerID');
    expect(schema.target).toMatchObject({ column: 'Churn', positive: '1' });
    expect(schema.target!.positiveShare).toBeCloseTo(948 / 5630, 6);
    const missing = Object.fromEntries(quality.columns.map((c) => [c.name, c.missing]));
    expect(missing).toMatchObject({ Tenure: 264, WarehouseToHome: 251, HourSpendOnApp: 255, OrderAmountHikeFromlastYear: 265, CouponUsed: 256, OrderCount: 258, DaySinceLastOrder: 307 });
    expect(schema.categorical).toEqual(expect.arrayContaining(['PreferredLoginDevice', 'PreferredPaymentMode', 'Gender', 'PreferedOrderCat', 'MaritalStatus']));
    expect(schema.numeric).toEqual(expect.arrayContaining(['Tenure', 'CashbackAmount', 'SatisfactionScore', 'CityTier']));
    expect(schema.boolean).toContain('Complain');
  });

  test('E-commerce XLSX: the dictionary sheet can be named, its header on row 2 from column B', async () => {
    const t = await readTable(source('ecommerce-churn', 'E Commerce Dataset.xlsx'), { sheet: 'Data Dict' });
    expect(t.source).toMatchObject({ sheet: 'Data Dict', headerRow: 2 });
    expect(t.columns.map((c) => c.name)).toEqual(['Data', 'Variable', 'Discerption']);
  });

  test('Online Retail RFM XLSX: pandas index "Unnamed: 0" dropped as id-like, CustomerID is the id', async () => {
    const { table, schema } = await buildCustomerTable([source('online-retail-rfm', 'Online Retail.xlsx')]);
    expect(table.rowCount).toBe(3949);
    expect(table.columns.slice(0, 11).map((c) => c.name)).toEqual([
      'Unnamed: 0', 'CustomerID', 'Monetary', 'Frequency', 'Recency', 'Recency_Score', 'Monetary_score', 'Frequency_Score', 'RFM Segment', 'RFM Score', 'Combined_score',
    ]);
    expect(schema.id).toBe('CustomerID');
    expect(schema.target).toBeNull();
    expect(schema.dropped).toContainEqual(expect.objectContaining({ column: 'Unnamed: 0', reason: 'id-like' }));
    expect(schema.numeric).toEqual(expect.arrayContaining(['Monetary', 'Frequency', 'Recency']));
    expect(col(table.columns, 'Monetary').values[0]).toBe(0);
  });

  test('«В один клик» market_file.csv alone: Cyrillic headers, target and consent found by name', async () => {
    const { table, schema, quality } = await buildCustomerTable([source('one-click-market', 'market_file.csv')]);
    expect(table.rowCount).toBe(1300);
    expect(schema.id).toBe('id');
    expect(schema.target).toMatchObject({ column: 'Покупательская активность', positive: 'Снизилась' });
    expect(schema.target!.positiveShare).toBeCloseTo(498 / 1300, 6);
    expect(schema.consent).toMatchObject({ column: 'Разрешить сообщать', polarity: 'opt-in' });
    expect(quality.roles!.consent).toMatchObject({ consenting: 962, notConsenting: 338, unreadable: 0 });
    expect(schema.categorical).toEqual(expect.arrayContaining(['Тип сервиса', 'Популярная_категория']));
    expect(schema.numeric).toEqual(expect.arrayContaining(['Маркет_актив_6_мес', 'Длительность', 'Акционные_покупки', 'Страниц_за_визит']));
    expect(quality.rows.duplicatesIgnoringId).toBe(11);
    expect(quality.rows.duplicateRowsRemoved).toBe(0);
  });

  test('«В один клик» four tables: joined on id, long tables pivoted per period, outlier revenue flagged', async () => {
    const manifest = parseManifest(
      JSON.stringify({
        files: oneClickManifestFiles('money_original_semicolon.csv'),
        id: 'id',
        target: 'Покупательская активность',
        positive: 'Снизилась',
        consent: 'Разрешить сообщать',
      }),
    );
    const files = ['market_file.csv', 'market_money.csv', 'market_time.csv', 'money_original_semicolon.csv'].map((f) => source('one-click-market', f));
    const { table, schema, quality } = await buildCustomerTable(files, manifest);
    expect(table.rowCount).toBe(1300);
    const names = table.columns.map((c) => c.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'Выручка_препредыдущий_месяц', 'Выручка_предыдущий_месяц', 'Выручка_текущий_месяц', 'минут_текущий_месяц', 'минут_предыдцщий_месяц', 'Прибыль',
      ]),
    );
    expect(table.columns).toHaveLength(13 + 3 + 2 + 1);
    // First customer (id 215348): revenue 0.0 two months back, 3293.1 this month; profit "0,98" read as 0.98.
    const row = (col(table.columns, 'id').values as (string | null)[]).indexOf('215348');
    expect(col(table.columns, 'Выручка_текущий_месяц').values[row]).toBeCloseTo(3293.1, 6);
    expect(col(table.columns, 'Выручка_препредыдущий_месяц').values[row]).toBe(0);
    expect(col(table.columns, 'Прибыль').values[row]).toBeCloseTo(0.98, 9);
    expect(schema.target).toMatchObject({ column: 'Покупательская активность', positive: 'Снизилась' });
    expect(schema.numeric).toEqual(expect.arrayContaining(['Выручка_текущий_месяц', 'минут_текущий_месяц', 'Прибыль']));
    expect(quality.joins.every((j) => j.unmatchedCustomers === 0)).toBe(true);
    expect(quality.derived.map((d) => d.column)).toContain('Выручка_предыдущий_месяц');
    expect(quality.implausible[0]).toMatchObject({ value: 106862.2 });
    expect(quality.implausible[0].column.startsWith('Выручка_')).toBe(true);
  });

  test('money.csv and the semicolon/decimal-comma original parse to the same values', async () => {
    const a = await readTable(source('one-click-market', 'money.csv'));
    const b = await readTable(source('one-click-market', 'money_original_semicolon.csv'));
    expect(b.source).toMatchObject({ delimiter: ';', decimal: ',' });
    expect(Array.from(b.columns[1].values as Float64Array)).toEqual(Array.from(a.columns[1].values as Float64Array));
  });

  test('Online Retail sample CSV: transactions aggregated to RFM per customer', async () => {
    const t = await readTable(source('online-retail', 'OnlineRetail.csv'));
    expect(t.rowCount).toBe(30000);
    expect(col(t.columns, 'InvoiceDate').kind).toBe('date');
    const { table, schema, quality } = await buildCustomerTable([source('online-retail', 'OnlineRetail.csv')]);
    expect(quality.files[0].role).toBe('transactions');
    expect(table.rowCount).toBe(3569);
    expect(schema.id).toBe('CustomerID');
    expect(schema.numeric).toEqual(expect.arrayContaining(['recency_days', 'frequency', 'monetary']));
    expect(quality.notes.join(' ')).toContain('2000 lines without a customer id');
  });

  test('Online Retail parquet read with range requests: rows, types, missing values and date range from SOURCE.md', async () => {
    const t = await readTable(source('online-retail-full', 'online_retail_2010_2011.parquet'));
    expect(t.rowCount).toBe(541909);
    expect(t.columns.map((c) => [c.name, c.kind])).toEqual([
      ['InvoiceNo', 'string'], ['StockCode', 'string'], ['Description', 'string'], ['Quantity', 'number'],
      ['InvoiceDate', 'date'], ['UnitPrice', 'number'], ['CustomerID', 'number'], ['Country', 'string'],
    ]);
    const nan = (c: Column) => Array.from(c.values as Float64Array).filter(Number.isNaN).length;
    expect(nan(col(t.columns, 'CustomerID'))).toBe(135080);
    expect((col(t.columns, 'Description').values as (string | null)[]).filter((v) => v === null).length).toBe(1454);
    const dates = col(t.columns, 'InvoiceDate').values as Float64Array;
    expect(new Date(dates.reduce((a, b) => Math.min(a, b))).toISOString()).toBe('2010-12-01T08:26:00.000Z');
    expect(new Date(dates.reduce((a, b) => Math.max(a, b))).toISOString()).toBe('2011-12-09T12:50:00.000Z');
  });

  test('Parquet without range reads is buffered only up to the cap', async () => {
    const path = sharedDataPath('online-retail-full', 'online_retail_2010_2011.parquet');
    const streamOnly = { name: 'online_retail_2010_2011.parquet', open: () => fs.createReadStream(path) };
    await expect(readTable(streamOnly, { maxBufferedParquetBytes: 1024 * 1024 })).rejects.toMatchObject({ code: 'FILE_TOO_LARGE' });
  });

  test('Online Retail, two years of parquet: RFM from 2009-2010, churned = no purchase in 2010-2011', async () => {
    const manifest = parseManifest({
      files: [
        { name: 'online_retail_ii_2009_2010.parquet', role: 'transactions', id: 'Customer ID', amount: ['Quantity', 'Price'], invoice: 'Invoice', date: 'InvoiceDate' },
        { name: 'online_retail_2010_2011.parquet', role: 'transactions', id: 'CustomerID', amount: ['Quantity', 'UnitPrice'], invoice: 'InvoiceNo', date: 'InvoiceDate' },
      ],
    });
    const files = ['online_retail_ii_2009_2010.parquet', 'online_retail_2010_2011.parquet'].map((f) => source('online-retail-full', f));
    const { table, schema } = await buildCustomerTable(files, manifest);
    expect(table.rowCount).toBe(4383);
    expect(schema.id).toBe('Customer ID');
    expect(schema.target).toMatchObject({ column: 'churned', positive: '1' });
    // SOURCE.md: 1,570 of the 4,383 customers never appear in the 2010-2011 file; 76 more appear there only in
    // 2010-12-01..09, the days both files share, so they did not buy after the first period ended.
    expect(Math.round(schema.target!.positiveShare * 4383)).toBe(1646);
  });

  test('Online Retail whole-customer CSV samples: 434 customers, 175 churned (164 + 11 seen only in the shared days)', async () => {
    const manifest = parseManifest({
      files: [
        { name: 'sample_customers_2009_2010.csv', role: 'transactions' },
        { name: 'sample_customers_2010_2011.csv', role: 'transactions' },
      ],
    });
    const files = ['sample_customers_2009_2010.csv', 'sample_customers_2010_2011.csv'].map((f) => source('online-retail-full', f));
    const { table, schema } = await buildCustomerTable(files, manifest);
    expect(table.rowCount).toBe(434);
    // Checked with Python's csv module: 164 never in the 2010-2011 sample, 175 with no line after 2010-12-09.
    expect(Math.round(schema.target!.positiveShare * 434)).toBe(175);
  });
});
