import type { Column, Table } from '../ingest/Table';
import type { EventColumns } from './aggregateEvents';
import type { TransactionColumns } from './aggregateTransactions';

const find = (table: Table, re: RegExp, ok: (c: Column) => boolean = () => true): string | undefined =>
  table.columns.find((c) => re.test(c.name.trim()) && ok(c))?.name;
const isNumber = (c: Column): boolean => c.kind === 'number';

const customerRe = /^(customer|client|user|member|buyer|account|cust)[\s_.-]?(id|no|number|code)?$|^(id[\s_.-]?)?(cliente|клиент)/i;

/**
 * Recognises a transaction table (invoice lines) by its columns: a customer, a date, and an amount or
 * quantity × price. Returns undefined when the table does not look like one.
 */
export function guessTransactionColumns(table: Table, customer?: string): TransactionColumns | undefined {
  const cust = customer ?? find(table, customerRe);
  const date = table.columns.find((c) => c.kind === 'date')?.name;
  if (!cust || !date) return undefined;
  const qty = find(table, /^(quantity|qty|units|кол-?во|количество|cantidad|quantidade)$/i, isNumber);
  const price = find(table, /^(unit[\s_]?price|price|цена|precio|pre[cç]o)$/i, isNumber);
  const amount = find(table, /^(amount|revenue|sales|total|line[\s_]?total|sum|сумма|выручка|importe|valor)$/i, isNumber);
  const invoice = find(table, /^(invoice[\s_]?(no|id|number)?|order[\s_]?(id|no)|receipt|transaction[\s_]?id|чек|заказ)$/i);
  const item = find(table, /^(stock[\s_]?code|sku|item[\s_]?id|product[\s_]?id|product|article|артикул|товар)$/i);
  if (qty && price) return { customer: cust, date, amount: [qty, price], invoice, item };
  if (amount) return { customer: cust, date, amount, invoice, item };
  return undefined;
}

/** Recognises an event stream: an entity (customer or session), a time and usually an event type. */
export function guessEventColumns(table: Table, entity?: string): EventColumns | undefined {
  const session = find(table, /^(session|session[\s_]?id)$/i);
  const ent = entity ?? find(table, customerRe) ?? session;
  const time = find(table, /^(ts|timestamp|time|event[\s_]?time|date|datetime|created[\s_]?at)$/i);
  if (!ent || !time) return undefined;
  const type = find(table, /^(type|event|event[\s_]?type|action|name)$/i);
  const item = find(table, /^(aid|item|item[\s_]?id|product[\s_]?id|sku|article)$/i);
  return { entity: ent, time, type, item, session: session && session !== ent ? session : undefined };
}
