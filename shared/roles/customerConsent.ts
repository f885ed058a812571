import type { Schema } from '../ingest/Schema';
import type { Table } from '../ingest/Table';
import { consentFlags } from './inferConsent';

/**
 * Whether each customer may be messaged (assignments' `consent`): the general consent column when
 * there is one, else any channel's consent; everyone when the manifest says `"consent": "all"`;
 * nobody when nothing says so.
 */
export function customerConsent(table: Table, schema: Pick<Schema, 'consent' | 'consentAll' | 'channelConsent'>): Uint8Array {
  const n = table.rowCount;
  if (schema.consentAll) return new Uint8Array(n).fill(1);
  const columnOf = (name: string) => table.columns.find((c) => c.name === name);
  if (schema.consent) {
    const column = columnOf(schema.consent.column);
    return column ? consentFlags(column, schema.consent) : new Uint8Array(n);
  }
  const out = new Uint8Array(n);
  for (const channel of schema.channelConsent ?? []) {
    const column = columnOf(channel.column);
    if (!column) continue;
    const flags = consentFlags(column, channel);
    for (let i = 0; i < n; i++) out[i] |= flags[i]!;
  }
  return out;
}
