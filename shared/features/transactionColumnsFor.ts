import { IngestError } from '../ingest/IngestError';
import type { ManifestFile } from '../ingest/manifestSchema';
import type { Table } from '../ingest/Table';
import type { TransactionColumns } from './aggregateTransactions';
import { guessTransactionColumns } from './guessColumns';

/** A transaction file's customer, date, amount, invoice and item columns: the manifest's, else guessed. */
export function transactionColumnsFor(r: { entry: ManifestFile; table: Table }, idName?: string): TransactionColumns {
  const e = r.entry;
  const customer = e.id ?? (idName && r.table.columns.some((c) => c.name === idName) ? idName : undefined);
  const guessed = guessTransactionColumns(r.table, customer);
  const amount = e.amount ?? guessed?.amount;
  const cols = {
    customer: customer ?? guessed?.customer,
    date: e.date ?? guessed?.date,
    amount,
    invoice: e.invoice ?? guessed?.invoice,
    item: e.item ?? guessed?.item,
  };
  if (!cols.customer || !cols.date || !cols.amount) {
    const missing = [!cols.customer && 'customer id', !cols.date && 'date', !cols.amount && 'amount (or quantity and price)'].filter(Boolean);
    throw new IngestError({
      code: 'COLUMN_NOT_FOUND',
      file: e.name,
      message: `The transaction table's ${missing.join(', ')} column could not be found.`,
      hint: 'Name them in manifest.json on this file\'s entry: "id", "date", "amount" (one column or [quantity, price]) and "invoice".',
    });
  }
  return cols as TransactionColumns;
}
