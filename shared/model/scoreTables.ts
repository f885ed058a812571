import { exactText } from '../features/exactText';
import { numericValues, tableColumns } from '../features/tableColumns';
import type { Table } from '../ingest/Table';
import { applyTableRecipe, type ReplayedTable } from '../recipe/applyTableRecipe';
import type { Driver } from './churnModel';
import type { ModelArtifact } from './ModelArtifact';
import { priorityAmong, rfmSegmentAmong } from './populationRanks';
import { ScoreInputError } from './ScoreInputError';
import { customerAction } from '../segments/customerAction';
import { score } from './score';
import { customerValue } from '../segments/customerValue';
import { scoreCustomerValue } from '../value/scoreCustomerValue';
import type { CustomerValueColumns } from '../value/customerValueColumns';

export interface ScoreTablesOptions {
  /** Impute a column the model needs but a customer lacks (listed in `imputed`) instead of refusing. */
  allowMissing?: boolean;
  /** How many churn drivers per customer (default 3). */
  drivers?: number;
}

/** One customer scored as the run scored it. */
export interface ScoredCustomer {
  id: string;
  segment: number;
  segmentName: string;
  churnProbability: number | null;
  priority: number;
  rfmSegment?: string;
  drivers: Driver[];
  action: string;
  predictedClass?: string;
  classProbabilities?: Record<string, number>;
  imputed?: string[];
  unseenCategories?: { column: string; value: string }[];
  /** With a customer value model (transactions): as assignments' customer_value_12m, null without purchases. */
  customerValue12m?: number | null;
  /** With a customer value model: `YYYY-MM-DD` as assignments' next_purchase_date, null when none. */
  nextPurchaseDate?: string | null;
}

/**
 * Raw inputs to scores, as the run scored its own customers: the files of an upload (as tables,
 * named as in the manifest) go through the model's table recipe (joins, pivots, aggregations, dates,
 * rates, imputation), the feature pipeline, the centroids and the churn model, and each customer gets
 * the priority, RFM segment and action the run would have given them among its customers. Results
 * come in the order of the customer rows (the base file's rows; for transactions or events, customers
 * in order of their first line). A column the model needs that is missing is a ScoreInputError (400)
 * naming it and the customer, unless `allowMissing`.
 */
export async function scoreTables(model: ModelArtifact, files: { name: string; table: Table }[], options: ScoreTablesOptions = {}): Promise<ScoredCustomer[]> {
  const replayed = model.recipe ? applyTableRecipe(model.recipe, files, { allowMissing: options.allowMissing }) : legacyTable(model, files, options.allowMissing ?? false);
  const { table, ids } = replayed;
  const scored = score(model, tableColumns(table), { drivers: options.drivers });
  const actions = new Map(model.centroids.map((c) => [c.segment, { action: c.action ?? '', ...(c.actionsByDriver ? { actionsByDriver: c.actionsByDriver } : {}) }]));
  const population = model.population;
  const valueColumn = population?.priority.valueColumn ?? undefined;
  // A run with transactions ranked on predicted value: new customers are valued by the same fit.
  const predicted = model.customerValue && replayed.purchases ? scoreCustomerValue(model.customerValue, replayed.purchases, ids) : undefined;
  const value = customerValue(table, valueColumn, predicted);
  const rfm = population?.rfm;
  const recency = rfm ? numericValues(table, rfm.columns.recency) : undefined;
  const frequency = rfm ? numericValues(table, rfm.columns.frequency) : undefined;
  return scored.map((s, i): ScoredCustomer => {
    const risk = s.churnProbability ?? undefined;
    const imputed = replayed.imputed[i] ?? [];
    const unseen = replayed.unseen[i] ?? [];
    return {
      id: ids[i]!,
      segment: s.segment,
      segmentName: s.segmentName,
      churnProbability: s.churnProbability,
      priority: population ? priorityAmong(population.priority, risk, value?.[i], i + 1) : i + 1,
      ...(rfm && recency && frequency ? { rfmSegment: rfmSegmentAmong(rfm, recency[i]!, frequency[i]!) } : {}),
      drivers: s.drivers,
      // The run chose among the segment's actions by the customer's three listed drivers: so does scoring.
      action: customerAction(actions.get(s.segment), s.drivers.slice(0, 3)),
      ...(s.classProbabilities ? { predictedClass: s.predictedClass, classProbabilities: s.classProbabilities } : {}),
      ...(imputed.length ? { imputed } : {}),
      ...(unseen.length ? { unseenCategories: unseen } : {}),
      ...(model.customerValue ? valueFields(predicted, i) : {}),
    };
  });
}

function valueFields(predicted: CustomerValueColumns | undefined, i: number): Pick<ScoredCustomer, 'customerValue12m' | 'nextPurchaseDate'> {
  const value = predicted?.value[i];
  const next = predicted?.nextPurchase[i];
  return {
    customerValue12m: value !== undefined && Number.isFinite(value) ? value : null,
    nextPurchaseDate: next !== undefined && Number.isFinite(next) ? new Date(next).toISOString().slice(0, 10) : null,
  };
}

/**
 * A model from before table recipes: the first file's rows hold the finished table's columns. A model
 * column absent from the file is refused unless `allowMissing` (then the pipeline's median fills it).
 */
function legacyTable(model: ModelArtifact, files: { name: string; table: Table }[], allowMissing: boolean): ReplayedTable {
  const table = files[0]?.table ?? { name: 'customers', columns: [], rowCount: 0 };
  const missing = [...model.schema.numeric, ...model.schema.boolean, ...model.schema.categorical].filter((c) => !table.columns.some((x) => x.name === c));
  if (missing.length && !allowMissing) {
    throw new ScoreInputError(400, 'missing_column', `Customer 1${table.rowCount > 1 ? ' (and every other)' : ''}: the model needs column "${missing[0]}", which was not sent.`, {
      column: missing[0],
      customer: '1',
    });
  }
  const idColumn = model.schema.idColumn ? table.columns.find((c) => c.name === model.schema.idColumn) : undefined;
  const ids = idColumn ? exactText(idColumn).values.map((v, i) => v ?? String(i + 1)) : Array.from({ length: table.rowCount }, (_, i) => String(i + 1));
  return { table, ids, imputed: Array.from({ length: table.rowCount }, () => missing), unseen: [] };
}
