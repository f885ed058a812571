import type { Schema } from '../ingest/Schema';
import type { Column, Table } from '../ingest/Table';
import { isPersonalField } from '../messaging/isPersonalField';
import type { AttributeValue } from './RunCustomer';

/**
 * The uploaded columns customers.jsonl carries per customer: not the id (it has its own field), not
 * the target or consent (facts about the data, not about the person written to), and not columns
 * whose names look personal, which no message may use. Returns each customer's values by column.
 */
export function customerAttributes(table: Table, schema: Schema): { columns: Column[]; at: (row: number) => Record<string, AttributeValue> } {
  const hidden = new Set(
    [schema.id, schema.target?.column, schema.consent?.column, ...(schema.channelConsent ?? []).map((c) => c.column)].filter((c): c is string => !!c),
  );
  const columns = table.columns.filter((c) => !hidden.has(c.name) && !isPersonalField(c.name));
  return {
    columns,
    at: (row) => {
      const out: Record<string, AttributeValue> = {};
      for (const c of columns) out[c.name] = attributeValue(c, row);
      return out;
    },
  };
}

export function attributeValue(column: Column, row: number): AttributeValue {
  const v = column.values[row];
  if (typeof v !== 'number') return v ?? null;
  if (Number.isNaN(v)) return null;
  return column.kind === 'date' ? new Date(v).toISOString().slice(0, 10) : v;
}
