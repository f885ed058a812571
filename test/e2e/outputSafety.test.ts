import { randomBytes } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { devAccountKey } from '../../local/azurite';
import { customerCsv } from '../fixtures/customerCsv';
import { FakeOpenAI, startFakeOpenAI } from '../../tools/fakes/fakeOpenAI';
import { waitForLatest } from '../helpers/waitFor';
import { useHostOnTestStorage } from '../helpers/testHost';

/**
 * What leaves the app is safe to open and to keep: spreadsheet formulas in customer data are
 * neutralized in assignments.csv and assignments.xlsx (re-read with the libraries a user's tools
 * resemble), and the host's logs carry neither the OpenAI key, the storage account key nor a
 * function key, even through retries and failures.
 */
let fake: FakeOpenAI;
const apiKey = `sk-${randomBytes(24).toString('hex')}`;
const functionKey = randomBytes(30).toString('base64url');

/** Values a spreadsheet would run as formulas (OWASP CSV injection), as customer ids. */
const hostileIds = ['=HYPERLINK("http://x")', '@SUM(1)', '+1+1', '-2+3', '=1+1', '\tTAB', '\rCR', '-cmd|\' /C calc\'!A0', '=2*3'];
/** A column name that would be a formula too: it becomes the id column's header via the manifest. */
const hostileIdColumn = '=HYPERLINK("http://x","id")';
/** A numeric feature whose name is a formula: it reaches driver_1..3 as "<name>: +0.12". */
const hostileFeature = '@risk';

function quoteCsv(value: string): string {
  return /[",\r\n\t]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The fixture's customers with hostile ids in the first rows and a strong hostile-named feature. */
function hostileCustomers(): string {
  const lines = customerCsv({ rows: 240, seed: 17 }).trimEnd().split('\n');
  const header = lines[0]!.split(',');
  header[0] = hostileIdColumn;
  const rows = lines.slice(1).map((line, i) => {
    const cells = line.split(',');
    if (i < hostileIds.length) cells[0] = hostileIds[i]!;
    const churned = cells[cells.length - 1] === 'yes';
    // Strongly tied to churn, so the churn model names it among each customer's drivers.
    return [...cells, String(churned ? 8 + (i % 3) : i % 3)];
  });
  return [[...header, hostileFeature], ...rows].map((cells) => cells.map(quoteCsv).join(',')).join('\n') + '\n';
}

/** A numeric id column with negative and fractional ids: numbers must stay numbers. */
function negativeIdCustomers(): string {
  const lines = customerCsv({ rows: 150, seed: 19 }).trimEnd().split('\n');
  return [lines[0], ...lines.slice(1).map((l, i) => l.replace(/^[^,]+/, String(-(i + 1) / 2)))].join('\n') + '\n';
}

async function upload(name: string, body: string): Promise<void> {
  await storage().service.getContainerClient('uploads').getBlockBlobClient(name).upload(body, Buffer.byteLength(body));
}

async function completedRun(dataset: string): Promise<string> {
  return (await waitForLatest(storage().service, dataset)).runId;
}

async function readBuffer(name: string): Promise<Buffer> {
  return storage().service.getContainerClient('results').getBlobClient(name).downloadToBuffer();
}

const formulaStart = /^[=+\-@\t\r]/;

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey, deployment: 'gpt-test', faultRate: 0.25, faults: ['429', '500'], seed: 9, retryAfterSeconds: 0 });
});

const { storage, host } = useHostOnTestStorage(() => ({
  AZURE_OPENAI_ENDPOINT: fake.endpoint,
  AZURE_OPENAI_DEPLOYMENT: 'gpt-test',
  AZURE_OPENAI_API_KEY: apiKey,
}));

beforeAll(async () => {
  // The hostile feature separates churn perfectly, so the leakage guard would keep it out: "include" forces
  // it back to reach the drivers; "consent": "all" lets the message request write to these customers.
  await upload('inject/manifest.json', JSON.stringify({ id: hostileIdColumn, include: [hostileFeature], consent: 'all' }));
  await upload('inject/customers.csv', hostileCustomers());
  await upload('negative/customers.csv', negativeIdCustomers());
});

// After the host and its storage have stopped (hooks run in the order they are declared).
afterAll(async () => {
  await fake?.close();
});

describe('formula injection in assignments', () => {
  let runId: string;
  beforeAll(async () => {
    runId = await completedRun('inject');
  });

  test('assignments.csv, re-read with csv-parse: every text cell that would be a formula starts with an apostrophe', async () => {
    const rows = parse(await readBuffer(`inject/${runId}/assignments.csv`), { bom: true, relax_column_count: false }) as string[][];
    const [header, ...data] = rows;
    expect(header![0]).toBe(`'${hostileIdColumn}`);
    // The hostile ids come back in input order, each neutralized and otherwise unchanged.
    expect(data.slice(0, hostileIds.length).map((r) => r[0])).toEqual(hostileIds.map((id) => `'${id}`));
    expect(data[hostileIds.length]![0]).toBe('C100009');
    for (const cell of rows.flat()) expect({ cell, formula: formulaStart.test(cell) }).toEqual({ cell, formula: false });
    const drivers = data.flatMap((r) => r.slice(5, 8)).filter((d) => d.includes(hostileFeature));
    expect(drivers.length).toBeGreaterThan(0);
    for (const d of drivers) if (d.startsWith(`'${hostileFeature}`)) expect(d).toMatch(/^'@risk: [+-]\d/);
    // Numbers are still plain numbers.
    for (const r of data) {
      expect(Number.isFinite(Number(r[3]))).toBe(true);
      expect(Number(r[3])).toBeGreaterThanOrEqual(0);
    }
  });

  test('assignments.xlsx, re-read with exceljs: no cell is a formula, hostile text comes back unchanged as text', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readBuffer(`inject/${runId}/assignments.xlsx`)) as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    const cells: ExcelJS.Cell[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell)));
    expect(cells.length).toBeGreaterThan(240 * 5);
    for (const cell of cells) {
      expect({ at: cell.address, type: cell.type }).not.toEqual({ at: cell.address, type: ExcelJS.ValueType.Formula });
    }
    // Formula-like text is stored as an inline string (which exceljs reads as rich text): shown, never run.
    const text = (cell: ExcelJS.Cell): string => {
      const v = cell.value;
      return v && typeof v === 'object' && 'richText' in v ? v.richText.map((r) => r.text).join('') : String(v);
    };
    expect(text(sheet.getCell('A1'))).toBe(hostileIdColumn);
    // XML reads a stored carriage return back as a line feed; otherwise the ids are byte-for-byte as uploaded.
    const lineEnds = (v: string) => v.replace(/\r/g, '\n');
    expect(hostileIds.map((_, i) => lineEnds(text(sheet.getCell(`A${i + 2}`))))).toEqual(hostileIds.map(lineEnds));
    // churn_probability stays a number cell.
    expect(sheet.getCell('D2').type).toBe(ExcelJS.ValueType.Number);
  });

  test('numeric-looking ids such as -0.5 come back as uploaded in both files (no apostrophe)', async () => {
    const negativeRun = await completedRun('negative');
    const rows = parse(await readBuffer(`negative/${negativeRun}/assignments.csv`), { bom: true }) as string[][];
    expect(rows.slice(1, 4).map((r) => r[0])).toEqual(['-0.5', '-1', '-1.5']);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readBuffer(`negative/${negativeRun}/assignments.xlsx`)) as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    // Ids are text, exactly as uploaded (a number cell would turn "0001" into 1), and never an apostrophe.
    expect([2, 3, 4].map((r) => sheet.getCell(`A${r}`).value)).toEqual(['-0.5', '-1', '-1.5']);
    expect(sheet.getCell('A2').type).toBe(ExcelJS.ValueType.String);
  });
});

describe('secrets in logs', () => {
  test('a pipeline, message requests through Azure OpenAI with faults, and keyed HTTP calls log no key', async () => {
    const runId = await completedRun('inject');
    // Function keys arrive as ?code= and x-functions-key on Azure; neither may be logged.
    const asked = await fetch(`${host().url}/api/messages?code=${functionKey}`, {
      method: 'POST',
      headers: { 'x-functions-key': functionKey },
      body: JSON.stringify({ dataset: 'inject', segment: 0, channel: 'email', limit: 8, requestId: 'log-check' }),
    });
    expect(asked.status).toBe(200);
    const body = (await asked.json()) as { runId: string; messages: unknown[] };
    expect(body.runId).toBe(runId);
    expect(body.messages.length).toBeGreaterThan(0);
    expect(fake.requests.length).toBeGreaterThan(0);
    expect(fake.stats()['429'] + fake.stats()['500']).toBeGreaterThan(0);
    // A failing request (a 5xx inside the host) and a refused one log too.
    await fetch(`${host().url}/api/runs/%zz?code=${functionKey}`);
    await fetch(`${host().url}/api/score?code=${functionKey}`, { method: 'POST', body: '{"dataset": "inject", "customers": [{"x": 1}]}' });

    const output = host().output();
    expect(output.length).toBeGreaterThan(0);
    expect(output).toMatch(/inject/);
    expect(output.includes(apiKey)).toBe(false);
    expect(output.includes(apiKey.slice(3, 27))).toBe(false);
    expect(output.includes(devAccountKey)).toBe(false);
    expect(output.includes(devAccountKey.slice(0, 24))).toBe(false);
    expect(output.includes(functionKey)).toBe(false);
    expect(output).not.toMatch(/AccountKey=(?!\[REDACTED\])[A-Za-z0-9+/=]{8,}/);
  });
});
