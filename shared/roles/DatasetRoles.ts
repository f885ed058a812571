import type { Goal } from '../ingest/Schema';

/**
 * How sure an inference is: `manifest` when manifest.json said so, `high` when the name and the values
 * agree, `medium` when one of them alone points there, `low` when the evidence is weak (reported, and
 * never acted on where people are affected), `none` when nothing was found.
 */
export type Confidence = 'manifest' | 'high' | 'medium' | 'low' | 'none';

/** One decision about the data, with what it was made from and the manifest line that would change it. */
export interface RoleDecision {
  column: string | null;
  evidence: string;
  confidence: Confidence;
  /** The manifest.json entry that overrides this decision, e.g. `"id": "KundenNr"`. */
  override: string;
}

export interface ConsentDecision extends RoleDecision {
  /** `all` when the manifest declares every customer consented; `none` when nothing says so. */
  mode: 'column' | 'all' | 'none';
  polarity?: 'opt-in' | 'opt-out';
  /** Customers whose cell reads as consent, as no consent, and cells that could not be read (no consent). */
  consenting?: number;
  notConsenting?: number;
  unreadable?: number;
  /** Up to ten cell values that could not be read as yes or no. */
  unreadableValues?: string[];
  channels?: { column: string; channel: 'email' | 'sms' | 'push'; polarity: 'opt-in' | 'opt-out'; consenting: number }[];
  /** Columns that look like consent but too weakly to act on: kept out of features, not read as consent. */
  possible?: string[];
}

export interface TargetDecision extends RoleDecision {
  positive?: string;
  classes?: string[];
}

export interface GoalDecision extends RoleDecision {
  goal: Goal;
}

export interface DateDecision extends RoleDecision {
  column: string;
  /** How the values were written: ISO, DD-MM-YYYY, MM/DD/YYYY, DD.MM.YYYY, Excel serial, Unix seconds … */
  format: string;
  /** True when day and month could not be told apart from the values (the format was then assumed). */
  ambiguous?: boolean;
}

/** quality.json `roles`: what each column was taken to be, and why (docs/CONTRACTS.md). */
export interface DatasetRoles {
  id: RoleDecision;
  target: TargetDecision;
  goal: GoalDecision;
  consent: ConsentDecision;
  value: RoleDecision;
  dates: DateDecision[];
  /** The date that "days ago" features count back from (ISO), shared by every date column. */
  referenceDate?: string;
}
