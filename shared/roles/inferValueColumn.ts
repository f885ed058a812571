import { normalizeName } from './columnVocabulary';
import type { Table } from '../ingest/Table';
import type { RoleDecision } from './DatasetRoles';

/** Kinds of money, most telling first: what the business earns, what the customer spends, other amounts. */
const earned = /profit|margin|прибыл|маржа|ganancia|beneficio|lucro|margem/;
const spent = /revenue|spend|spent|charge|sales|monetary|payment|paid|purchases?amount|orderamount|выручк|доход|трат|расход|оплат|gasto|ingreso|importe|venta|receita|faturamento|gasto|pagamento|compras/;
const amount = /amount|value|clv|ltv|balance|sum|сумм|стоимост|баланс|valor|saldo|monto/;
/** A rate per period, which priority needs (money at stake per month or year). */
const perPeriod = /monthly|permonth|weekly|annual|yearly|peryear|mensal|mensual|anual|вмесяц|ежемесяч|вгод/;
/** Running totals: worth less than a per-period figure (they grow with tenure). */
const cumulative = /total|cumulative|lifetime|alltime|todate|всего|итого|накоп|acumulad|total/;
/** Never money: durations, counts, shares, scores, changes, and money that flows to the customer. */
const neverMoney = /hour|minute|second|duration|tenure|count|qty|quantity|frequency|score|rate|ratio|share|percent|pct|hike|growth|change|cashback|discount|refund|cost|fee|coupon|час|минут|длительн|количеств|доля|процент|скидк|кэшбэк|descuento|desconto|reembolso|devoluc/;
/** Probably not money unless the name also says revenue, spend, profit…: times, ages, ids, codes. */
const unlikelyMoney = /time|day|age|years?$|number|num|orders?$|visits?|sessions?|id$|code|zip|дн|число|возраст/;

interface Candidate {
  column: string;
  score: number;
  why: string;
}

/**
 * The column behind priority (risk × value): money per period (revenue, spend, charges, profit, in
 * en/es/ru/pt) preferred over cumulative totals, never a duration, count, share, id or money paid to
 * the customer; its values must be amounts (mostly ≥ 0, not a handful of codes). None ⇒ priority by
 * risk alone, and the decision says so.
 */
export function inferValueColumn(table: Table, numeric: readonly string[], manifestValue?: string, derivedMoney?: string): RoleDecision {
  const override = '"value": "<column>"';
  if (manifestValue !== undefined) {
    return { column: manifestValue, confidence: 'manifest', override, evidence: 'named in manifest.json.' };
  }
  const candidates: Candidate[] = [];
  for (const name of numeric) {
    const n = normalizeName(name);
    const money = earned.test(n) ? 3 : spent.test(n) ? 2 : amount.test(n) ? 1 : 0;
    if (money === 0 && name !== derivedMoney) continue;
    if (neverMoney.test(n) || (unlikelyMoney.test(n) && money < 2)) continue;
    const shape = amountShape(table, name);
    if (!shape.ok) continue;
    const period = perPeriod.test(n) ? 2 : cumulative.test(n) ? -3 : 0;
    const kind = money === 3 ? 'money earned by the business' : money === 2 ? 'money spent by the customer' : name === derivedMoney ? 'money spent, summed from the purchase lines' : 'an amount of money';
    const why = `"${name}" reads as ${kind}${period > 0 ? ', per period' : period < 0 ? ', but as a running total' : ''}; ${shape.why}`;
    candidates.push({ column: name, score: (name === derivedMoney ? 2 : money) + period, why });
  }
  candidates.sort((a, b) => b.score - a.score);
  const best = candidates[0];
  if (!best) {
    return {
      column: null, confidence: 'none', override,
      evidence: 'no column reads as money per customer (revenue, spend, charges, profit…), so priority follows risk alone.',
    };
  }
  const others = candidates.slice(1, 4).map((c) => `"${c.column}"`);
  return {
    column: best.column,
    confidence: best.score >= 4 ? 'high' : best.score >= 2 ? 'medium' : 'low',
    override,
    evidence: `${best.why}.${others.length ? ` Also considered: ${others.join(', ')}.` : ''}`,
  };
}

function amountShape(table: Table, name: string): { ok: boolean; why: string } {
  const c = table.columns.find((x) => x.name === name);
  if (!c || c.kind !== 'number') return { ok: false, why: '' };
  let present = 0, negative = 0, integers = 0, max = -Infinity, min = Infinity;
  const distinct = new Set<number>();
  for (const v of c.values) {
    if (Number.isNaN(v)) continue;
    present++;
    if (v < 0) negative++;
    if (Number.isInteger(v)) integers++;
    if (distinct.size <= 20) distinct.add(v);
    if (v > max) max = v;
    if (v < min) min = v;
  }
  if (present === 0) return { ok: false, why: '' };
  if (negative > 0.1 * present) return { ok: false, why: '' };
  if (distinct.size <= 5) return { ok: false, why: '' };
  if (max <= 1 && min >= 0) return { ok: false, why: '' };
  return { ok: true, why: `values from ${round(min)} to ${round(max)}${integers === present ? '' : ' with fractions'}` };
}

function round(x: number): string {
  return Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(2);
}
