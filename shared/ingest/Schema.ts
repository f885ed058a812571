export type ColumnRole = 'id' | 'target' | 'consent' | 'numeric' | 'categorical' | 'boolean' | 'date' | 'text' | 'dropped';

export type DropReason = 'excluded' | 'constant' | 'missing' | 'id-like' | 'free-text' | 'high-cardinality' | 'date-derived';

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
  /** The id column; null when rows are numbered (see CONTRACTS.md: `row_id`). */
  id: string | null;
  target: { column: string; positive: string; positiveShare: number; classes: string[] } | null;
  consent: { column: string; positive: string } | null;
  numeric: string[];
  categorical: string[];
  boolean: string[];
  date: string[];
  text: string[];
  dropped: { column: string; reason: DropReason; detail: string }[];
  columns: ColumnSchema[];
  rowCount: number;
}
