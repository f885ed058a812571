import type { DatasetRoles } from '../roles/DatasetRoles';

export type ColumnRole = 'id' | 'target' | 'consent' | 'treatment' | 'numeric' | 'categorical' | 'boolean' | 'date' | 'text' | 'dropped';

export type DropReason = 'excluded' | 'constant' | 'missing' | 'id-like' | 'free-text' | 'high-cardinality' | 'date-derived' | 'leakage' | 'sensitive';

/**
 * What a positive target means for the business: `churn` = the positive class leaves (risk to act on),
 * `conversion` = the positive class buys, responds or subscribes (propensity to invite), `neutral` when
 * neither the manifest nor the target's name and values say which.
 */
export type Goal = 'churn' | 'conversion' | 'neutral';

/** A consent column and how its values read (docs/CONTRACTS.md, manifest `consent`). */
export interface ConsentColumn {
  column: string;
  /** opt-in: yes = may be contacted; opt-out (do-not-contact, unsubscribed): yes = must not be. */
  polarity: 'opt-in' | 'opt-out';
  /** Cell values (trimmed, lower-cased) read as yes and as no; anything else means no consent. */
  yes: string[];
  no: string[];
  /** Only this channel's consent, when the column is channel-specific. */
  channel?: 'email' | 'sms' | 'push';
}

export interface ColumnSchema {
  name: string;
  role: ColumnRole;
  /** How the values are stored in the Table. */
  kind: 'number' | 'date' | 'string';
  missing: number;
  missingShare: number;
  distinct: number;
  /** For boolean columns (and the target / consent): the value that means yes. */
  positive?: string;
  /** For categorical columns: values by frequency, most frequent first. */
  categories?: string[];
  dropReason?: DropReason;
}

/** What each column of a dataset is, as the pipeline needs it. */
export interface Schema {
  /** The id column; null when rows are numbered (see docs/CONTRACTS.md: `row_id`). */
  id: string | null;
  /**
   * With `oneVsRest` (manifest `"multiclass": "one-vs-rest"`) every class of `classes` is trained
   * against the rest and there is no single positive outcome: `positive` and `positiveShare` then
   * name the most frequent class only, so a reader of one value still sees a class that exists.
   */
  target: { column: string; positive: string; positiveShare: number; classes: string[]; goal: Goal; oneVsRest?: true } | null;
  /** Where messages may go: a column (polarity and vocabulary), `all` when the manifest declares every
   *  customer consented, `none` when nothing says so (then nobody consents). */
  consent: ConsentColumn | null;
  consentAll?: boolean;
  /** Channel-specific consent columns besides (or instead of) the general one. */
  channelConsent?: ConsentColumn[];
  /** What the target means for the business; `neutral` without a target or evidence. */
  goal: Goal;
  /** The money-per-period column behind priority; null when none was found (priority by risk alone). */
  value: string | null;
  numeric: string[];
  categorical: string[];
  boolean: string[];
  date: string[];
  text: string[];
  dropped: { column: string; reason: DropReason; detail: string }[];
  columns: ColumnSchema[];
  rowCount: number;
  /** Each inference about the data with its evidence (quality.json `roles`). */
  roles: DatasetRoles;
}
