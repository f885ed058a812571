import type { ManifestFile } from '../ingest/manifestSchema';
import type { Table } from '../ingest/Table';
import { guessTransactionColumns } from './guessColumns';
import { keyValues } from './keyValues';

/**
 * A file read without a manifest: a JSONL file is an event stream, a table of invoice lines (fewer than
 * nine in ten customer ids distinct) is transactions, anything else has one row per customer.
 */
export function guessFileRole(table: Table): ManifestFile['role'] {
  if (table.source?.format === 'jsonl') return 'events';
  const tx = guessTransactionColumns(table);
  if (tx) {
    const ids = keyValues(table.columns.find((c) => c.name === tx.customer)!);
    if (new Set(ids).size < ids.length * 0.9) return 'transactions';
  }
  return 'customers';
}
