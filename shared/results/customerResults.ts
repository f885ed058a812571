import { exactText } from '../features/exactText';
import type { ConsentColumn } from '../ingest/Schema';
import { consentFlags } from '../roles/inferConsent';
import { customerConsent } from '../roles/customerConsent';
import { customerAction } from '../segments/customerAction';
import { customerPriority } from '../segments/customerPriority';
import { customerValue } from '../segments/customerValue';
import type { SegmentProfile } from '../segments/SegmentProfile';
import { findRfmColumns, rfmScores } from '../segments/rfmScores';
import { numericValues } from '../features/tableColumns';
import type { RunOutputs } from './RunOutputs';
import type { CustomerValueColumns } from '../value/customerValueColumns';
import { bestUplift } from '../campaign/treatmentUplift';
import { driversOf, type Driver } from './driversOf';

export type Channel = NonNullable<ConsentColumn['channel']>;

export type { Driver } from './driversOf';

/**
 * Every per-customer result of a run, column by column in input order: what assignments.csv,
 * assignments.xlsx, customers.jsonl and drift.json are written from, decided here once.
 */
export interface CustomerResults {
  rows: number;
  /** The id column's name as uploaded, or `row_id` when rows are numbered. */
  idColumn: string;
  /** The id as the id column held it (a number only where the table stored one); null when missing. */
  idValues: (string | number | null)[];
  /** The id as text, byte-for-byte as uploaded (`row_id`: the row number); null when missing. */
  ids: (string | null)[];
  segment: Int32Array;
  segmentNames: Map<number, string>;
  /** Each customer's action: one of their segment's, chosen by their own drivers (segments/customerAction.ts). */
  action: (customer: number) => string;
  /** Probability or heuristic risk; absent when the run has no single score. */
  churnProbability?: Float64Array;
  /** 1 = act first (segments/customerPriority.ts). */
  priority: Int32Array;
  /** Each customer's strongest drivers, strongest first (at most three). */
  drivers?: (customer: number) => Driver[];
  /** The same drivers as the run's matrix holds them: what crosses to a thread without an object per driver. */
  driverPairs?: { pairs: Float64Array; cols: number; featureNames: string[] };
  consent: Uint8Array;
  /** Per channel, when the data has channel-specific consent columns. */
  channelConsent: { channel: Channel; flags: Uint8Array }[];
  rfmSegment?: string[];
  /** A treatment run: each customer's estimated change in the positive outcome's probability under the best arm. */
  uplift?: Float64Array;
  /** One-vs-rest: the classes in column order, each customer's probabilities (n × classes) and most probable class. */
  classes?: { names: string[]; columns: string[]; probabilities: Float64Array; predicted: Int32Array };
  /** Data with transactions: each customer's predicted 12-month value and next purchase (shared/value/), NaN where none. */
  customerValue?: CustomerValueColumns;
}

export function customerResults(outputs: RunOutputs): CustomerResults {
  const { table, schema, labels, churn, profiles } = outputs;
  const n = table.rowCount;
  const segment = Int32Array.from(labels, (cluster) => profiles.segmentIds[cluster]!);
  const idColumn = schema.id ? table.columns.find((c) => c.name === schema.id) : undefined;
  const idValues = Array.from({ length: n }, (_, i): string | number | null => {
    const raw = idColumn ? idColumn.values[i] : i + 1;
    return raw === undefined || (typeof raw === 'number' && Number.isNaN(raw)) ? null : raw;
  });
  const rfmColumns = findRfmColumns(schema.numeric);
  const rfm = rfmColumns
    ? rfmScores(numericValues(table, rfmColumns.recency)!, numericValues(table, rfmColumns.frequency)!, numericValues(table, rfmColumns.monetary)!)
    : undefined;
  const oneVsRest = churn.model?.type === 'oneVsRest' ? churn.summary.classes : undefined;
  return {
    rows: n,
    idColumn: idColumn?.name ?? 'row_id',
    idValues,
    ids: idColumn ? exactText(idColumn).values : idValues.map(String),
    segment,
    segmentNames: new Map(profiles.segments.map((s) => [s.segment, s.name])),
    action: actionsOf(profiles.segments, segment, outputs.drivers ? driversOf(outputs.drivers.data, outputs.drivers.cols, outputs.featurePipeline.featureNames) : undefined),
    ...(outputs.risk ? { churnProbability: outputs.risk } : {}),
    // Risk × value; by value alone when the data carries no churn signal.
    priority: customerPriority(n, outputs.risk, customerValue(table, profiles.valueColumn, outputs.customerValue?.columns)),
    ...(outputs.drivers
      ? {
          drivers: driversOf(outputs.drivers.data, outputs.drivers.cols, outputs.featurePipeline.featureNames),
          driverPairs: { pairs: outputs.drivers.data, cols: outputs.drivers.cols, featureNames: outputs.featurePipeline.featureNames },
        }
      : {}),
    consent: customerConsent(table, schema),
    channelConsent: channelConsent(outputs),
    ...(rfm ? { rfmSegment: rfm.map((r) => r.segment) } : {}),
    ...(outputs.uplift?.matrix ? { uplift: bestUplift(outputs.uplift.matrix) } : {}),
    ...(oneVsRest && outputs.classProbabilities ? { classes: classesOf(oneVsRest, outputs.classProbabilities.data, n) } : {}),
    ...(outputs.customerValue ? { customerValue: outputs.customerValue.columns } : {}),
  };
}

/** Every customer's action, chosen once: each file written from the results asks for it again. */
function actionsOf(segments: SegmentProfile[], segment: Int32Array, drivers: ((customer: number) => Driver[]) | undefined): (customer: number) => string {
  const bySegment = new Map(segments.map((s) => [s.segment, { action: s.suggestedAction, ...(s.actionsByDriver ? { actionsByDriver: s.actionsByDriver } : {}) }]));
  const actions: string[] = new Array(segment.length);
  for (let i = 0; i < segment.length; i++) actions[i] = customerAction(bySegment.get(segment[i]!), drivers ? drivers(i) : []);
  return (i) => actions[i]!;
}

/** Consent per channel: the channel columns, and the general column when the manifest gave it a channel. */
function channelConsent({ table, schema }: RunOutputs): { channel: Channel; flags: Uint8Array }[] {
  if (schema.consentAll) return [];
  const byChannel = new Map<Channel, Uint8Array>();
  for (const consent of [schema.consent, ...(schema.channelConsent ?? [])]) {
    const column = consent?.channel ? table.columns.find((c) => c.name === consent.column) : undefined;
    if (!consent?.channel || !column) continue;
    const flags = consentFlags(column, consent);
    const seen = byChannel.get(consent.channel);
    if (seen) for (let i = 0; i < flags.length; i++) seen[i] |= flags[i]!;
    else byChannel.set(consent.channel, flags);
  }
  return [...byChannel].map(([channel, flags]) => ({ channel, flags }));
}

function classesOf(summary: { class: string; column: string }[], probabilities: Float64Array, n: number): NonNullable<CustomerResults['classes']> {
  const k = summary.length;
  const predicted = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (probabilities[i * k + c]! > probabilities[i * k + best]!) best = c;
    predicted[i] = best;
  }
  return { names: summary.map((c) => c.class), columns: summary.map((c) => c.column), probabilities, predicted };
}
