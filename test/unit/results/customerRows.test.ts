import { assignmentRows, driverText } from '../../../shared/results/assignmentRows';
import type { CustomerResults } from '../../../shared/results/customerResults';
import { buildCustomersIndex, chunksFor, parseIndexChunk } from '../../../shared/results/customersIndex';
import { customersJsonl, customersJsonlPieces, runCustomer, type LineRange } from '../../../shared/results/customersJsonl';

/**
 * The people's file (assignments) and the programs' file (customers.jsonl) are written from the same
 * per-customer results: the same customers, segments, priorities and drivers, the CSV rounding the
 * driver for reading and the JSON keeping it whole.
 */
const oneVsRest: CustomerResults = {
  rows: 3,
  idColumn: 'KundenNr',
  idValues: ['0001', 2, null],
  ids: ['0001', '2', null],
  segment: Int32Array.from([1, 0, 1]),
  segmentNames: new Map([[0, 'Loyal'], [1, 'Drifting']]),
  // Segment 1's action for the customers in it (rows 0 and 2); segment 0 has none.
  action: (i) => (i % 2 === 0 ? 'Win them back' : ''),
  priority: Int32Array.from([2, 3, 1]),
  drivers: (i) => (i === 1 ? [] : [{ feature: 'visits', contribution: -0.126 }, { feature: 'spend', contribution: 0.004999 }]),
  consent: Uint8Array.from([1, 0, 1]),
  channelConsent: [],
  rfmSegment: ['Champions', 'At risk', 'Hibernating'],
  classes: { names: ['Gold plan', 'Basic'], columns: ['probability_gold_plan', 'probability_basic'], probabilities: Float64Array.from([0.25, 0.75, 0.9, 0.1, 0.5, 0.5]), predicted: Int32Array.from([1, 0, 0]) },
};

test('assignments: the documented columns, drivers as text, class columns last', () => {
  const { header, rows } = assignmentRows(oneVsRest);
  expect(header).toEqual(['KundenNr', 'segment', 'segment_name', 'churn_probability', 'priority', 'driver_1', 'driver_2', 'driver_3', 'consent', 'rfm_segment', 'action', 'predicted_class', 'probability_gold_plan', 'probability_basic']);
  expect(rows[0]).toEqual(['0001', 1, 'Drifting', null, 2, 'visits: -0.13', 'spend: +0.00', null, true, 'Champions', 'Win them back', 'Basic', 0.25, 0.75]);
  expect(rows[1]).toEqual([2, 0, 'Loyal', null, 3, null, null, null, false, 'At risk', '', 'Gold plan', 0.9, 0.1]);
  expect(rows[2]![0]).toBeNull();
});

test('customers.jsonl: the same customers, ids as text, drivers whole, classes by name, one line each', () => {
  const context = { attributes: (i: number) => ({ visits: i }) };
  const first = runCustomer(oneVsRest, context, 0);
  expect(first).toEqual({
    id: '0001', segment: 1, segmentName: 'Drifting', churnProbability: null, priority: 2,
    drivers: [{ feature: 'visits', contribution: -0.126 }, { feature: 'spend', contribution: 0.004999 }],
    consent: true, action: 'Win them back', rfmSegment: 'Champions',
    predictedClass: 'Basic', classProbabilities: { 'Gold plan': 0.25, Basic: 0.75 }, attributes: { visits: 0 },
  });
  expect(runCustomer(oneVsRest, context, 1)).not.toHaveProperty('action');
  expect(first.drivers.map(driverText)).toEqual(assignmentRows(oneVsRest).rows[0]!.slice(5, 7));

  const { body, lines } = customersJsonl(oneVsRest, context);
  const text = body.toString('utf8');
  expect(text.split('\n')).toHaveLength(4);
  lines.forEach((line, i) => expect(JSON.parse(body.toString('utf8', line.offset, line.offset + line.length))).toEqual(runCustomer(oneVsRest, context, i)));
});

test('the index finds every row of an id, across chunk boundaries, and skips customers without one', () => {
  const ids = Array.from({ length: 5000 }, (_, i) => (i === 7 ? null : i % 2500 === 3 ? 'twice' : `c${i}`));
  const lines = ids.map((_, i) => ({ offset: i * 10, length: 10 }));
  const { index, entries } = buildCustomersIndex(ids, lines);
  expect(index.rows).toBe(5000);
  const all = index.chunks.flatMap((c) => parseIndexChunk(entries.subarray(c.offset, c.offset + c.length)));
  expect(all).toHaveLength(4999);
  expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort());
  for (const id of ['twice', 'c0', 'c4999', 'c2047', 'c2048']) {
    const found = chunksFor(index, id).flatMap((c) => parseIndexChunk(entries.subarray(c.offset, c.offset + c.length))).filter((e) => e.id === id);
    expect(found.map((e) => e.row)).toEqual(ids.flatMap((x, row) => (x === id ? [row] : [])));
    expect(found.map((e) => e.offset)).toEqual(found.map((e) => e.row * 10));
  }
  expect(chunksFor(index, 'zz')).toEqual([]);

  // One id on every row: its entries fill several chunks, and every one of them is found.
  const same = buildCustomersIndex(Array(5000).fill('x'), lines);
  expect(same.index.chunks.length).toBeGreaterThan(2);
  const rows = chunksFor(same.index, 'x').flatMap((c) => parseIndexChunk(same.entries.subarray(c.offset, c.offset + c.length))).map((e) => e.row);
  expect(rows).toEqual(Array.from({ length: 5000 }, (_, i) => i));
});

test('customers.jsonl written from columns is byte-for-byte the JSON of each customer', () => {
  const columns = [
    { name: 'spend "monthly"', kind: 'number' as const, values: Float64Array.from([12.5, NaN, -0, 1e21]) },
    { name: 'plan', kind: 'string' as const, values: ['Pro', null, 'Ünïcode ✓', 'line\nbreak'] },
    { name: 'joined', kind: 'date' as const, values: Float64Array.from([Date.UTC(2024, 0, 2), NaN, 0, Date.UTC(1999, 11, 31)]) },
  ];
  const results: CustomerResults = {
    ...oneVsRest,
    rows: 4,
    idValues: ['0001', 2, null, 'x'],
    ids: ['0001', '2', null, 'Smith, "JJ"'],
    segment: Int32Array.from([1, 0, 1, 0]),
    priority: Int32Array.from([2, 3, 1, 4]),
    consent: Uint8Array.from([1, 0, 1, 0]),
    churnProbability: Float64Array.from([0.1, NaN, 1, 0.123456789012]),
    channelConsent: [{ channel: 'sms', flags: Uint8Array.from([1, 0, 0, 1]) }],
    rfmSegment: ['Champions', 'At risk', 'Hibernating', 'Loyal'],
    classes: { ...oneVsRest.classes!, probabilities: Float64Array.from([0.25, 0.75, 0.9, 0.1, 0.5, 0.5, 0, 1]), predicted: Int32Array.from([1, 0, 0, 1]) },
  };
  const attributes = (i: number) => Object.fromEntries(columns.map((c) => {
    const v = c.values[i];
    return [c.name, typeof v !== 'number' ? (v ?? null) : Number.isNaN(v) ? null : c.kind === 'date' ? new Date(v).toISOString().slice(0, 10) : v];
  }));
  const byObject = customersJsonl(results, { attributes });
  const byColumns = customersJsonl(results, { attributes, attributeColumns: columns });
  expect(byColumns.body.toString('utf8')).toBe(byObject.body.toString('utf8'));
  expect(byColumns.lines).toEqual(byObject.lines);
});

test('customers.jsonl streamed in pieces: no piece holds the whole file, and together they are its bytes and ranges', () => {
  const rows = 12_000;
  const note = { name: 'note', kind: 'string' as const, values: Array.from({ length: rows }, (_, i) => `${'Ünïcode ✓ '.repeat(12)}${i}`) };
  const results: CustomerResults = {
    ...oneVsRest,
    rows,
    idValues: Array.from({ length: rows }, (_, i) => `c${i}`),
    ids: Array.from({ length: rows }, (_, i) => `c${i}`),
    segment: Int32Array.from({ length: rows }, (_, i) => i % 2),
    priority: Int32Array.from({ length: rows }, (_, i) => i + 1),
    consent: new Uint8Array(rows),
    rfmSegment: Array.from({ length: rows }, () => 'Loyal'),
    // Long actions are copied into the pieces as bytes: some lines carry one, some none.
    action: (i) => (i % 3 === 0 ? `${'Ünïcode action ✓ "quoted" '.repeat(20)}${i % 2}` : i % 3 === 1 ? 'Thank them' : ''),
    classes: undefined,
  };
  const context = { attributes: (i: number) => ({ note: note.values[i]! }), attributeColumns: [note] };
  const lines: LineRange[] = new Array(rows);
  const pieces = [...customersJsonlPieces(results, context, lines)];
  const whole = customersJsonl(results, { attributes: context.attributes });
  const joined = Buffer.concat(pieces);
  expect(pieces.length).toBeGreaterThan(1);
  expect(Math.max(...pieces.map((p) => p.length))).toBeLessThanOrEqual(1024 * 1024);
  expect(joined.equals(whole.body)).toBe(true);
  expect(lines).toEqual(whole.lines);
  expect(JSON.parse(joined.toString('utf8', lines[rows - 1]!.offset, lines[rows - 1]!.offset + lines[rows - 1]!.length))).toEqual(runCustomer(results, context, rows - 1));
  // No line is cut between two pieces.
  for (const piece of pieces) expect(piece[piece.length - 1]).toBe(0x0a);
});
