import { bufferSource } from '../../../shared/ingest/fileSource';
import { inferSchema } from '../../../shared/roles/inferSchema';
import { buildCustomerTable } from '../../../shared/features/buildCustomerTable';
import { parseManifest } from '../../../shared/ingest/parseManifest';
import { readTable } from '../../../shared/ingest/readTable';

const table = (text: string) => readTable(bufferSource('t.csv', Buffer.from(text)));

function customers(n: number): string {
  const lines = ['cliente_id,Abandono,acepta_publicidad,gasto,plan,nota,alta,vacía,constante,codigo'];
  for (let i = 0; i < n; i++) {
    const note = `cliente muy ${['contento', 'molesto', 'indeciso'][i % 3]} con el servicio número ${i}`;
    lines.push(
      [`C${i}`, i % 4 === 0 ? 'sí' : 'no', i % 2 ? 'sí' : 'no', (i * 3.7).toFixed(1), ['basic', 'pro'][i % 2], note, `2024-01-${String((i % 28) + 1).padStart(2, '0')}`, i % 10 === 0 ? '5' : '', 'x', `K${i * 7}`].join(','),
    );
  }
  return lines.join('\n') + '\n';
}

describe('inferSchema', () => {
  test('Spanish names: id, target (sí = positive), consent, types and drop reasons', async () => {
    const t = await table(customers(100));
    const s = inferSchema(t);
    expect(s.id).toBe('cliente_id');
    expect(s.target).toMatchObject({ column: 'Abandono', positive: 'sí', positiveShare: 0.25 });
    expect(s.consent).toMatchObject({ column: 'acepta_publicidad', polarity: 'opt-in' });
    expect(s.consent!.yes).toContain('sí');
    expect(s.consent!.no).toContain('no');
    expect(s.roles.consent).toMatchObject({ mode: 'column', consenting: 50, notConsenting: 50, unreadable: 0 });
    expect(s.numeric).toEqual(['gasto']);
    expect(s.categorical).toEqual(['plan']);
    expect(s.date).toEqual(['alta']);
    expect(s.text).toEqual(['nota']);
    const reasons = Object.fromEntries(s.dropped.map((d) => [d.column, d.reason]));
    expect(reasons).toEqual({ nota: 'free-text', vacía: 'missing', constante: 'constant', codigo: 'id-like' });
  });

  test('manifest wins: id, target with positive value, exclude', async () => {
    const t = await table('code,status,spend,duration\nA,gone,1,5\nB,stays,2,6\nC,stays,3,7\n');
    const s = inferSchema(t, { id: 'code', target: 'status', positive: 'gone', exclude: ['duration'] });
    expect(s.id).toBe('code');
    expect(s.target).toMatchObject({ column: 'status', positive: 'gone' });
    expect(s.numeric).toEqual(['spend']);
    expect(s.dropped).toEqual([{ column: 'duration', reason: 'excluded', detail: expect.any(String) }]);
  });

  test('Russian да/нет is boolean; 0/1 numbers are boolean', async () => {
    const t = await table('Подписка,flag,сумма\nда,0,1\nнет,1,2\nда,1,3\n');
    const s = inferSchema(t);
    expect(s.boolean).toEqual(['Подписка', 'flag']);
    expect(s.columns.find((c) => c.name === 'Подписка')!.positive).toBe('да');
  });

  test('buildCustomerTable: exact duplicates collapsed, rows sharing an id kept and listed, dates become day counts', async () => {
    const text = 'id,spend,joined\n1,10,2024-01-01\n2,20,2024-01-11\n2,20,2024-01-11\n2,99,2024-01-02\n3,,2024-01-05\n';
    const { table, schema, quality } = await buildCustomerTable([bufferSource('c.csv', Buffer.from(text))], parseManifest({ id: 'id' }));
    expect(table.rowCount).toBe(4);
    expect(quality.rows).toMatchObject({ input: 5, duplicateRowsRemoved: 1, duplicateIdsRemoved: 0, rowsSharingAnId: 2, output: 4 });
    expect(quality.duplicateIds).toEqual([{ id: '2', rows: [2, 4] }]);
    expect(schema.numeric).toEqual(['spend', 'joined_days_ago']);
    expect(quality.derived).toContainEqual(expect.objectContaining({ column: 'joined_days_ago', from: 'joined' }));
    expect(quality.columns.find((c) => c.name === 'spend')!.imputed).toEqual({ strategy: 'median', value: 20, count: 1 });
    expect(Array.from(table.columns.find((c) => c.name === 'spend')!.values as Float64Array)).toEqual([10, 20, 99, 20]);
    expect(table.columns.find((c) => c.name === 'id')!.values).toEqual(['1', '2', '2', '3']);
  });
});
