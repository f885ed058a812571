import type { Channel, Driver } from './customerResults';

/** An uploaded value as customers.jsonl keeps it: numbers as numbers, dates as `YYYY-MM-DD`, missing as null. */
export type AttributeValue = string | number | boolean | null;

/**
 * One line of customers.jsonl (docs/CONTRACTS.md): one customer's results, in input order. The
 * machine-readable twin of assignments.csv, which is written for people: code that needs a run's
 * customers (messages, drift) reads this, through readRunCustomers.
 */
export interface RunCustomer {
  /** The id exactly as uploaded (`row_id` runs: the row number as text); null when the cell was empty. */
  id: string | null;
  segment: number;
  segmentName: string;
  /** Probability of the positive class, or the heuristic risk; null when the run has no single score. */
  churnProbability: number | null;
  /** 1 = act first. */
  priority: number;
  /** Strongest first, at most three, contributions at full precision. */
  drivers: Driver[];
  consent: boolean;
  /** Per channel, when the data has channel-specific consent columns. */
  channelConsent?: Partial<Record<Channel, boolean>>;
  /** The segment's suggested action. */
  action?: string;
  rfmSegment?: string;
  /** One-vs-rest runs: the most probable class and every class's probability (they sum to 1). */
  predictedClass?: string;
  classProbabilities?: Record<string, number>;
  /** Runs whose manifest names a treatment: the estimated change in the positive outcome's probability if treated (best arm). */
  uplift?: number;
  /**
   * The customer's uploaded columns, except the id, the target, consent columns and columns whose
   * names look personal (names, contacts, addresses, documents): what a message may speak of.
   */
  attributes: Record<string, AttributeValue>;
}
