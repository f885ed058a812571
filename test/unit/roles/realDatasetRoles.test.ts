import { fileSource } from '../../../shared/ingest/fileSource';
import { buildCustomerTable } from '../../../shared/features/buildCustomerTable';
import { parseManifest } from '../../../shared/ingest/parseManifest';
import type { Schema } from '../../../shared/ingest/Schema';
import { customerConsent } from '../../../shared/roles/customerConsent';
import { describeWithData, sharedDataPath } from '../../helpers/sharedData';
import { oneClickManifestFiles } from '../../../tools/datasets/oneClickMarket';

const source = (...parts: string[]) => fileSource(sharedDataPath(...parts));
const features = (s: Schema) => [...s.numeric, ...s.categorical, ...s.boolean];

/** Each real dataset's roles as a person who knows the data would name them (see each SOURCE.md). */
describeWithData('roles on every dataset in ../shared/data', () => {
  test('IBM Telco: customerID, Churn = Yes (churn), no consent, MonthlyCharges (not the running TotalCharges)', async () => {
    const { schema, quality, table } = await buildCustomerTable([source('telco-churn', 'WA_Fn-UseC_-Telco-Customer-Churn.csv')]);
    expect(quality.roles).toMatchObject({
      id: { column: 'customerID', confidence: 'high' },
      target: { column: 'Churn', positive: 'Yes' },
      goal: { goal: 'churn' },
      consent: { mode: 'none', column: null },
      value: { column: 'MonthlyCharges' },
      dates: [],
    });
    expect(Array.from(customerConsent(table, schema)).every((v) => v === 0)).toBe(true);
    expect(quality.excluded!.map((e) => e.column)).toEqual([]);
    expect(features(schema)).not.toContain('customerID');
  });

  test('Bank marketing: no id (row_id), y = yes is a campaign response (conversion), duration left out as post-call', async () => {
    for (const [file, target, duration] of [['bank.csv', 'y', 'duration'], ['bank-full.csv', 'Y', 'DURATION']] as const) {
      const { schema, quality } = await buildCustomerTable([source('bank-marketing', file)]);
      expect(quality.roles).toMatchObject({
        id: { column: null, confidence: 'none' },
        target: { column: target, positive: 'yes' },
        goal: { goal: 'conversion', confidence: 'medium' },
        consent: { mode: 'none' },
        value: { column: file === 'bank.csv' ? 'balance' : 'BALANCE', confidence: 'low' },
      });
      expect(quality.excluded).toContainEqual({ column: duration, reason: expect.stringContaining('known only after the call') });
      expect(features(schema)).not.toContain(duration);
    }
  });

  test('E-commerce XLSX: CustomerID, Churn = 1, no value column (hours in the app and cashback are not money earned)', async () => {
    const { quality } = await buildCustomerTable([source('ecommerce-churn', 'E Commerce Dataset.xlsx')]);
    expect(quality.roles).toMatchObject({
      id: { column: 'CustomerID', confidence: 'high' },
      target: { column: 'Churn', positive: '1' },
      goal: { goal: 'churn' },
      value: { column: null },
    });
    expect(quality.excluded).toEqual([]);
  });

  test('Hillstrom e-mail experiment: conversion = 1 (conversion goal), spend excluded as the outcome itself, every row kept', async () => {
    const { quality, table } = await buildCustomerTable([source('hillstrom-email', 'hillstrom.csv')]);
    expect(table.rowCount).toBe(64000);
    expect(quality.roles).toMatchObject({ id: { column: null }, target: { column: 'conversion', positive: '1' }, goal: { goal: 'conversion', confidence: 'high' }, value: { column: null } });
    expect(quality.excluded).toContainEqual({ column: 'spend', reason: expect.stringContaining('ROC AUC 1.000') });
  });

  test('«В один клик», four tables: id, Снизилась (churn), consent да/нет, Прибыль as value, ids as uploaded', async () => {
    const manifest = parseManifest({
      files: oneClickManifestFiles('money_original_semicolon.csv'),
      id: 'id',
    });
    const files = ['market_file.csv', 'market_money.csv', 'market_time.csv', 'money_original_semicolon.csv'].map((f) => source('one-click-market', f));
    const { schema, quality, table } = await buildCustomerTable(files, manifest);
    expect(quality.roles).toMatchObject({
      id: { column: 'id', confidence: 'manifest' },
      target: { column: 'Покупательская активность', positive: 'Снизилась' },
      goal: { goal: 'churn', confidence: 'high' },
      consent: { column: 'Разрешить сообщать', polarity: 'opt-in', consenting: 962, notConsenting: 338, unreadable: 0 },
      value: { column: 'Прибыль' },
    });
    expect(table.columns.find((c) => c.name === 'id')!.values[0]).toBe('215348');
    expect(features(schema)).not.toContain('Разрешить сообщать');
  });

  test('Online Retail lines: CustomerID from the transactions, monetary as value, ids as the file wrote them', async () => {
    const { quality, table } = await buildCustomerTable([source('online-retail', 'OnlineRetail.csv')]);
    expect(quality.roles).toMatchObject({ id: { column: 'CustomerID' }, target: { column: null }, goal: { goal: 'neutral' }, value: { column: 'monetary' } });
    expect(table.columns.find((c) => c.name === 'CustomerID')!.values[0]).toMatch(/^\d{5}\.0$/);
  });

  test('Online Retail, two years: churned derived (churn goal), monetary as value', async () => {
    const manifest = parseManifest({ files: [{ name: 'sample_customers_2009_2010.csv', role: 'transactions' }, { name: 'sample_customers_2010_2011.csv', role: 'transactions' }] });
    const files = ['sample_customers_2009_2010.csv', 'sample_customers_2010_2011.csv'].map((f) => source('online-retail-full', f));
    const { quality } = await buildCustomerTable(files, manifest);
    expect(quality.roles).toMatchObject({ target: { column: 'churned', positive: '1' }, goal: { goal: 'churn', confidence: 'high' }, value: { column: 'monetary' } });
  });

  test('Online Retail RFM table: CustomerID (not the pandas index), Monetary (not its score), no label', async () => {
    const { quality, schema } = await buildCustomerTable([source('online-retail-rfm', 'Online Retail.xlsx')]);
    expect(quality.roles).toMatchObject({ id: { column: 'CustomerID', confidence: 'high' }, target: { column: null }, value: { column: 'Monetary' } });
    expect(features(schema)).not.toContain('Unnamed: 0');
  });
});
