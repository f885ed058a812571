import { buildCustomerTable } from '../../../shared/features/buildCustomerTable';
import { bufferSource } from '../../../shared/ingest/fileSource';
import { manifestSchema } from '../../../shared/ingest/manifestSchema';
import { readTable } from '../../../shared/ingest/readTable';
import type { Table } from '../../../shared/ingest/Table';
import { ScoreInputError } from '../../../shared/model/ScoreInputError';
import { applyTableRecipe } from '../../../shared/recipe/applyTableRecipe';
import type { TableRecipe } from '../../../shared/recipe/TableRecipe';

/**
 * The table recipe replayed on the uploaded files, or on a few customers' lines of them, gives each
 * customer the row the run built: same joins, the run's periods, reference dates, date formats,
 * event types and imputation, nothing decided again.
 */
const n = 60;
const pad = (x: number) => String(x).padStart(2, '0');
const plans = ['basic', 'plus', 'pro'];

function customersCsv(): string {
  const lines = ['id,plan,signup,emails_sent,opens,clicks,spend'];
  for (let i = 1; i <= n; i++) {
    // Days above 12 in some rows settle the run's reading as day first.
    const signup = `${pad(((i * 7) % 28) + 1)}-${pad((i % 12) + 1)}-2023`;
    const spend = i % 9 === 0 ? '' : String(100 + ((i * 37) % 400));
    lines.push([`C${i}`, plans[i % 3], signup, 10 + (i % 5), i % 7, i % 3, spend].join(','));
  }
  return lines.join('\n') + '\n';
}

function longCsv(): string {
  const lines = ['id,period,revenue'];
  for (let i = 1; i <= n; i++) {
    lines.push(`C${i},current,${50 + i}`);
    if (i % 4 !== 0) lines.push(`C${i},previous,${40 + ((i * 3) % 50)}`);
  }
  return lines.join('\n') + '\n';
}

function transactionsCsv(): string {
  const lines = ['CustomerID,InvoiceNo,InvoiceDate,Quantity,UnitPrice,StockCode'];
  for (let i = 1; i <= n; i++) {
    for (let k = 0; k < 1 + (i % 4); k++) {
      const day = ((i * 5 + k * 11) % 27) + 1;
      lines.push([`C${i}`, `${1000 + i * 10 + k}`, `2024-03-${pad(day)} 10:00:00`, 1 + ((i + k) % 3), (2.5 + (i % 6)).toFixed(2), `S${(i + k) % 8}`].join(','));
    }
  }
  return lines.join('\n') + '\n';
}

function eventsJsonl(): string {
  const lines: string[] = [];
  const types = ['view', 'view', 'cart', 'order', 'wishlist'];
  for (let i = 1; i <= n; i++) {
    for (let k = 0; k < 2 + (i % 5); k++) {
      lines.push(JSON.stringify({ customer_id: `C${i}`, ts: 1_700_000_000 + i * 3_600 + k * 86_400, type: types[(i + k) % types.length], aid: (i * k) % 13 }));
    }
  }
  return lines.join('\n') + '\n';
}

const files: Record<string, string> = {
  'customers.csv': customersCsv(),
  'revenue_long.csv': longCsv(),
  'lines.csv': transactionsCsv(),
  'events.jsonl': eventsJsonl(),
};
const manifest = manifestSchema.parse({
  id: 'id',
  files: [
    { name: 'customers.csv', role: 'customers' },
    { name: 'revenue_long.csv', role: 'long', period: 'period', value: 'revenue' },
    { name: 'lines.csv', role: 'transactions', id: 'CustomerID' },
    { name: 'events.jsonl', role: 'events', id: 'customer_id', date: 'ts' },
  ],
});

const read = (name: string, text = files[name]!): Promise<Table> => readTable(bufferSource(name, Buffer.from(text)));
const column = (t: Table, name: string) => Array.from(t.columns.find((c) => c.name === name)!.values as ArrayLike<unknown>);

async function built() {
  return buildCustomerTable(Object.entries(files).map(([name, text]) => bufferSource(name, Buffer.from(text))), manifest);
}

async function uploaded(only?: (line: string) => boolean): Promise<{ name: string; table: Table }[]> {
  return Promise.all(
    Object.keys(files).map(async (name) => {
      const lines = files[name]!.trimEnd().split('\n');
      const header = name.endsWith('.jsonl') ? [] : lines.splice(0, 1);
      const kept = only ? lines.filter(only) : lines;
      return { name, table: await read(name, [...header, ...kept].join('\n') + '\n') };
    }),
  );
}

function modelColumns(recipe: TableRecipe): string[] {
  return [...recipe.schema.numeric, ...recipe.schema.boolean, ...recipe.schema.categorical];
}

describe('applyTableRecipe', () => {
  test('the recipe records the run\'s decisions: join order, periods, reference dates, event types, date formats', async () => {
    const { recipe } = await built();
    expect(recipe.version).toBe(1);
    expect(recipe.files.map((f) => [f.name, f.role])).toEqual([
      ['customers.csv', 'customers'],
      ['revenue_long.csv', 'long'],
      ['lines.csv', 'transactions'],
      ['events.jsonl', 'events'],
    ]);
    expect(recipe.files[1]!.pivot).toEqual({ id: 'id', period: 'period', values: ['revenue'], periods: ['current', 'previous'] });
    expect(recipe.files[2]!.transactions!.referenceDate).toBe(Date.UTC(2024, 2, 28));
    expect(recipe.files[3]!.events!.secondsTimes).toBe(true);
    expect(recipe.files[3]!.events!.types[0]).toBe('view');
    expect(recipe.dates).toEqual([{ column: 'signup', format: 'DD-MM-YYYY' }]);
    const signups = Array.from({ length: n }, (_, k) => Date.UTC(2023, ((k + 1) % 12), ((k + 1) * 7) % 28 + 1));
    expect(recipe.referenceDate).toBe(Math.max(...signups));
    expect(recipe.engagement).toEqual({ sends: 'emails_sent', opens: 'opens', clicks: 'clicks' });
    expect(recipe.idColumn).toBe('id');
    expect(recipe.schema.categories.plan).toEqual({ values: ['plus', 'pro', 'basic'], complete: true });
  });

  test('replayed on the uploaded files it rebuilds every model column of every customer exactly', async () => {
    const run = await built();
    const replay = applyTableRecipe(run.recipe, await uploaded());
    expect(replay.ids).toEqual(column(run.table, 'id'));
    const names = modelColumns(run.recipe);
    expect(names).toEqual(expect.arrayContaining(['signup_days_ago', 'revenue_current', 'revenue_previous', 'recency_days', 'monetary', 'events_total', 'open_rate']));
    for (const name of names) expect([name, column(replay.table, name)]).toEqual([name, column(run.table, name)]);
    // The run filled spend and revenue_previous; the replay says so per customer.
    expect(replay.imputed[8]).toContain('spend');
    expect(replay.imputed[3]).toContain('revenue_previous');
    expect(replay.imputed[0]).toEqual([]);
  });

  test('a few customers alone get the run\'s rows: no new periods, reference dates, formats or event types', async () => {
    const run = await built();
    // C4 and C8 have no "previous" period, C8's dates all have a day ≤ 12 in one file, lines of 2 customers only.
    const few = new Set(['C8', 'C4', 'C13']);
    const replay = applyTableRecipe(run.recipe, await uploaded((line) => [...few].some((id) => line.startsWith(`${id},`) || line.includes(`"${id}"`))));
    expect(replay.ids).toEqual(['C4', 'C8', 'C13']);
    const rowOf = new Map(column(run.table, 'id').map((id, i) => [id, i]));
    for (const name of modelColumns(run.recipe)) {
      const expected = replay.ids.map((id) => column(run.table, name)[rowOf.get(id)!]);
      expect([name, column(replay.table, name)]).toEqual([name, expected]);
    }
  });

  test('a column the model needs, not sent, is a 400 naming column and customer; allowMissing fills it and says so', async () => {
    const run = await built();
    const files = await uploaded();
    const customers = files.find((f) => f.name === 'customers.csv')!;
    customers.table = { ...customers.table, columns: customers.table.columns.filter((c) => c.name !== 'spend') };
    let error: unknown;
    try {
      applyTableRecipe(run.recipe, files);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ScoreInputError);
    expect((error as ScoreInputError).status).toBe(400);
    expect((error as ScoreInputError).message).toMatch(/Customer C1 .*"spend"/);
    const filled = applyTableRecipe(run.recipe, files, { allowMissing: true });
    expect(new Set(column(filled.table, 'spend'))).toEqual(new Set([run.recipe.imputation.statistics.spend]));
    expect(filled.imputed.every((list) => list.includes('spend'))).toBe(true);
  });

  test('a file the model needs, not sent, is a 400 unless allowMissing; the base file is always needed', async () => {
    const run = await built();
    const withoutEvents = (await uploaded()).filter((f) => f.name !== 'events.jsonl');
    expect(() => applyTableRecipe(run.recipe, withoutEvents)).toThrow(/needs the file "events.jsonl"/);
    const filled = applyTableRecipe(run.recipe, withoutEvents, { allowMissing: true });
    expect(filled.imputed[0]).toContain('events_total');
    const withoutBase = (await uploaded()).filter((f) => f.name !== 'customers.csv');
    expect(() => applyTableRecipe(run.recipe, withoutBase, { allowMissing: true })).toThrow(/needs the file "customers.csv"/);
  });

  test('an unseen category is reported for its customer and scored as the run scores a rare value', async () => {
    const run = await built();
    const text = files['customers.csv']!.replace(/^C2,pro,/m, 'C2,enterprise,');
    const replay = applyTableRecipe(run.recipe, [{ name: 'customers.csv', table: await read('customers.csv', text) }, ...(await uploaded()).slice(1)]);
    expect(replay.unseen[1]).toEqual([{ column: 'plan', value: 'enterprise' }]);
    expect(replay.unseen[0]).toEqual([]);
  });

  test('a value of the wrong type is a 400 naming the row and column', async () => {
    const run = await built();
    const text = files['customers.csv']!.replace(/^(C3,[a-z]+,[^,]+),\d+,/m, '$1,many,');
    const table = await read('customers.csv', text);
    const others = (await uploaded()).slice(1);
    expect(() => applyTableRecipe(run.recipe, [{ name: 'customers.csv', table }, ...others])).toThrow(/Row 3 of "customers.csv", column "emails_sent"/);
  });
});
