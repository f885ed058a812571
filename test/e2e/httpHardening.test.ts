import * as http from 'node:http';
import { customerCsv } from '../fixtures/customerCsv';
import { waitForLatest } from '../helpers/waitFor';
import { useHostOnTestStorage } from '../helpers/testHost';

/**
 * Every HTTP route against hostile input: malformed JSON, wrong types, missing and unknown fields,
 * bodies over the limit, unicode of every awkward kind, path tricks, look-alike, unknown and
 * misshapen names. Each answer is a 4xx in the `{ error: { code, message, details? } }` shape
 * with a message a client can act on; none is a 5xx.
 */
const { storage, host } = useHostOnTestStorage();
let runId: string;

/** A dataset with a completed run, so hostile requests also meet real models and files. */
const dataset = 'shop';

beforeAll(async () => {
  const body = customerCsv({ rows: 150, seed: 21 });
  // Messages need consent information; this file has no consent column, so the manifest declares it.
  const manifest = JSON.stringify({ consent: 'all' });
  await storage().service.getContainerClient('uploads').getBlockBlobClient(`${dataset}/manifest.json`).upload(manifest, manifest.length);
  await storage().service.getContainerClient('uploads').getBlockBlobClient(`${dataset}/customers.csv`).upload(body, body.length);
  runId = (await waitForLatest(storage().service, dataset)).runId;
});

interface Answer {
  status: number;
  contentType: string;
  text: string;
}

/**
 * A request sent byte for byte as written: fetch would normalize "..", refuse a body on GET and
 * re-encode the path, which would hide exactly what these tests are about.
 */
function send(method: string, path: string, body?: Buffer | string, headers: Record<string, string> = {}): Promise<Answer> {
  const { hostname, port } = new URL(host().url);
  const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        hostname,
        port,
        method,
        path,
        headers: { ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** The contract's error shape, a 4xx, and a message worth reading. */
function expectClientError(answer: Answer, what: string): { code: string; message: string } {
  const summary = { what, status: answer.status, body: answer.text.slice(0, 300) };
  expect({ ...summary, clientError: answer.status >= 400 && answer.status < 500 }).toEqual({ ...summary, clientError: true });
  expect({ what, json: /json/i.test(answer.contentType) }).toEqual({ what, json: true });
  const body = JSON.parse(answer.text) as { error?: Record<string, unknown> };
  expect({ what, keys: Object.keys(body) }).toEqual({ what, keys: ['error'] });
  const error = body.error!;
  expect({ what, extra: Object.keys(error).filter((k) => !['code', 'message', 'details'].includes(k)) }).toEqual({ what, extra: [] });
  expect(typeof error.code).toBe('string');
  expect(error.code).toMatch(/^[a-z_]+$/);
  const message = String(error.message);
  // Something to act on: a sentence, short enough to show, with no stack trace or raw control characters.
  expect({ what, message, ok: message.length >= 10 && message.length <= 400 }).toEqual({ what, message, ok: true });
  // eslint-disable-next-line no-control-regex
  expect({ what, message, clean: !/\n\s+at |[\u0000-\u0008\u000b-\u001f\u007f]/.test(message) }).toEqual({ what, message, clean: true });
  return { code: String(error.code), message };
}

const sixMegabytes = JSON.stringify({ dataset, customers: [{ customer_id: 'x'.repeat(6 * 1024 * 1024) }] });
const long = 'a'.repeat(5000);

/** Path segments a client could send for a dataset name: traversal, NUL, look-alikes, length, unknown. */
const hostileDatasets: [string, string][] = [
  ['".."', '..'],
  ['"%2e%2e"', '%2e%2e'],
  ['"..%2f..%2fresults"', '..%2f..%2fresults'],
  ['"%00"', '%00'],
  ['"shop%00"', 'shop%00'],
  ['an encoded slash', 'sh%2Fop'],
  ['a backslash', '..%5c..%5cshop'],
  ['a very long value', long],
  ['64 characters', 'a'.repeat(64)],
  ['a Cyrillic look-alike "tеlco"', encodeURIComponent('tеlco')],
  ['a fullwidth look-alike', encodeURIComponent('ｓhop')],
  ['an RTL override', encodeURIComponent('\u202Eshop')],
  ['emoji', encodeURIComponent('shop😀')],
  ['a space', 'sh%20op'],
  ['an unknown dataset', 'no-such-dataset'],
];

/** runIds a client could send: unknown, misshapen, traversal, NUL, long. */
const hostileRunIds: [string, string][] = [
  ['an unknown runId', '0123456789abcdef'],
  ['a runId of the wrong shape', 'not-a-run'],
  ['a runId with upper-case hex', '0123456789ABCDEF'],
  ['a runId one character short', '0123456789abcde'],
  ['".."', '..'],
  ['"%2e%2e"', '%2e%2e'],
  ['"..." (dots only)', '...'],
  ['"%00"', '%00'],
  ['a runId with NUL', '0123456789abcdef%00'],
  ['a very long runId', long],
  ['a Cyrillic look-alike runId', encodeURIComponent('0123456789аbcdef')],
  ['an unknown message instance', 'messages-0123456789abcdef-nope'],
];

describe('GET /api/runs/{runId}', () => {
  test.each(hostileRunIds)('%s → 4xx', async (what, value) => {
    const answer = await send('GET', `/api/runs/${value}`);
    const { code } = expectClientError(answer, what);
    if (what === 'an unknown runId' || what === 'an unknown message instance') {
      expect(answer.status).toBe(404);
      expect(code).toBe('run_not_found');
    }
    if (what === 'a runId of the wrong shape') {
      expect(answer.status).toBe(400);
      expect(code).toBe('invalid_run_id');
    }
  });

  test('a body on the GET is ignored, whatever it holds', async () => {
    for (const body of ['{"runId": ', sixMegabytes, '\u0000\u202E😀']) {
      expectClientError(await send('GET', '/api/runs/0123456789abcdef', body), 'GET with a body');
    }
    const real = await send('GET', `/api/runs/${runId}`, '{not json');
    expect(real.status).toBe(200);
    expect(JSON.parse(real.text)).toMatchObject({ runId, dataset, runtimeStatus: 'Completed' });
  });
});

describe.each([
  ['GET /api/datasets/{dataset}/runs', (d: string) => `/api/datasets/${d}/runs`],
  ['GET /api/datasets/{dataset}/segments', (d: string) => `/api/datasets/${d}/segments`],
  ['GET /api/datasets/{dataset}/model', (d: string) => `/api/datasets/${d}/model`],
  ['GET /api/datasets/{dataset}/results/{file}', (d: string) => `/api/datasets/${d}/results/assignments.csv`],
])('%s', (_route, path) => {
  test.each(hostileDatasets)('dataset %s → 4xx', async (what, value) => {
    const answer = await send('GET', path(value));
    const { code } = expectClientError(answer, what);
    if (what === 'an unknown dataset') {
      expect(answer.status).toBe(404);
      expect(code).toBe('dataset_not_found');
    }
    if (what.includes('look-alike') || what === 'emoji' || what === 'a very long value') {
      expect(answer.status).toBe(400);
      expect(code).toBe('invalid_dataset');
    }
  });

  test('unknown query fields and a GET body change nothing: the unknown dataset is still a 404', async () => {
    for (const body of [undefined, '{"dataset": ', sixMegabytes, '\u0000\u202E😀']) {
      const answer = await send('GET', `${path('no-such-dataset')}?foo=bar&code=abc&%00=%00`, body);
      expectClientError(answer, 'unknown query and body');
      expect(answer.status).toBe(404);
    }
  });

  test('the real dataset answers 200', async () => {
    const answer = await send('GET', path(dataset));
    expect(answer.status).toBe(200);
  });
});

describe('GET /api/datasets/{dataset}/results/{file}', () => {
  const files: [string, string][] = [
    ['a traversal', '../../shop/latest.json'],
    ['an encoded traversal', '..%2f..%2fshop%2flatest.json'],
    ['a traversal through %2e%2e', '%2e%2e/%2e%2e/latest.json'],
    ['a hand-over file', '_work/table.bin'],
    ['an absolute path', '%2Fetc%2Fpasswd'],
    ['NUL', 'assignments.csv%00.txt'],
    ['a very long name', long],
    ['emoji', encodeURIComponent('😀.csv')],
    ['a message file with a traversal', 'messages/..%2f..%2flatest.json'],
  ];
  test.each(files)('file %s → 4xx', async (what, value) => {
    expectClientError(await send('GET', `/api/datasets/${dataset}/results/${value}`), what);
  });

  const runIds: [string, string, number][] = [
    ['an unknown runId', '0123456789abcdef', 404],
    ['a runId of the wrong shape', 'latest', 400],
    ['a runId with a traversal', '..%2f..%2fshop', 400],
    ['a runId with NUL', '0123456789abcdef%00', 400],
    ['a very long runId', long, 400],
  ];
  test.each(runIds)('?runId= %s → %d', async (what, value, status) => {
    const answer = await send('GET', `/api/datasets/${dataset}/results/assignments.csv?runId=${value}`);
    expectClientError(answer, what);
    expect(answer.status).toBe(status);
  });

  test('the real file of the real run gives a link', async () => {
    const answer = await send('GET', `/api/datasets/${dataset}/results/assignments.csv?runId=${runId}`);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ url: expect.stringContaining(`/results/${dataset}/${runId}/assignments.csv`), expiresAt: expect.any(String) });
  });
});

describe('GET /api/datasets', () => {
  test('unknown query fields and any GET body are ignored (the route takes no input)', async () => {
    for (const body of [undefined, '{"dataset": ', sixMegabytes, '\u0000\u202E😀']) {
      const answer = await send('GET', '/api/datasets?dataset=..&foo=%00', body);
      expect(answer.status).toBe(200);
      const json = JSON.parse(answer.text) as { datasets: { dataset: string }[] };
      expect(json.datasets.map((d) => d.dataset)).toContain(dataset);
    }
  });
});

/** Bodies a client could send to a JSON route; `valid` is a body the route accepts, to vary. */
function bodyCases(valid: Record<string, unknown>): [string, string | Buffer, number][] {
  const withDataset = (d: unknown) => JSON.stringify({ ...valid, dataset: d });
  // Every row has all three members: jest hands a shorter row's missing argument the `done` callback.
  const rows: [string, string | Buffer, number?][] = [
    ['malformed JSON', '{"dataset": "shop",'],
    ['a truncated string', '{"dataset": "sho'],
    ['single quotes', "{'dataset': 'shop'}"],
    ['an empty body', ''],
    ['whitespace only', '  \n '],
    ['JSON null', 'null'],
    ['a JSON array', JSON.stringify([valid])],
    ['a JSON string', '"shop"'],
    ['a JSON number', '42'],
    ['missing fields', '{}'],
    ['the dataset as a number', withDataset(42)],
    ['the dataset as an object', withDataset({ $ne: null })],
    ['the dataset as an array', withDataset(['shop'])],
    ['an extra unknown field', JSON.stringify({ ...valid, isAdmin: true })],
    ['a prototype key', `{"__proto__": {"polluted": true}, ${JSON.stringify(valid).slice(1)}`],
    ['a 6 MB body', sixMegabytes, 413],
    ['raw NUL bytes', Buffer.from(`{"dataset": "sh\u0000op"}`)],
    ['invalid UTF-8', Buffer.concat([Buffer.from('{"dataset": "'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')])],
    ['a UTF-8 BOM then an unknown dataset', `\uFEFF${withDataset('no-such-dataset')}`],
    ['emoji, RTL and NUL in the dataset', withDataset('😀\u202Eshop\u0000')],
    ['a lone surrogate', withDataset('\ud800shop')],
    ['a dataset of ".."', withDataset('..')],
    ['a dataset with a traversal', withDataset('../results/shop')],
    ['a dataset of "%2e%2e"', withDataset('%2e%2e')],
    ['an absolute dataset path', withDataset('/etc/passwd')],
    ['a very long dataset', withDataset(long)],
    ['a Cyrillic look-alike dataset "tеlco"', withDataset('tеlco')],
    ['an unknown dataset', withDataset('no-such-dataset'), 404],
    ['deeply nested arrays', `{"dataset": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`],
  ];
  return rows.map(([what, body, status]) => [what, body, status ?? 0]);
}

describe('POST /api/score', () => {
  const valid = { dataset, customers: [{ customer_id: 'N1', monthly_spend: 120, orders_6m: 2, tenure_months: 5, plan: 'basic' }] };

  test.each(bodyCases(valid))('%s → 4xx', async (what, body, status) => {
    const answer = await send('POST', '/api/score', body);
    expectClientError(answer, what);
    if (status) expect(answer.status).toBe(status);
  });

  const customers: [string, unknown][] = [
    ['customers as a string', 'N1'],
    ['customers as an object', valid.customers[0]],
    ['no customers', []],
    ['a customer as a number', [5]],
    ['a customer as null', [null]],
    ['a customer with none of the model columns', [{ foo: 1 }]],
    ['a number column holding text', [{ ...valid.customers[0], monthly_spend: 'lots' }]],
    ['a number column holding an object', [{ ...valid.customers[0], monthly_spend: { valueOf: 5 } }]],
    ['a number column holding an array', [{ ...valid.customers[0], monthly_spend: [1, 2] }]],
    ['a number in hex', [{ ...valid.customers[0], monthly_spend: '0x3E8' }]],
    ['a number as true', [{ ...valid.customers[0], monthly_spend: true }]],
    ['an absurd number', [{ ...valid.customers[0], monthly_spend: 1e308 }]],
    ['a decimal comma the API cannot tell from a thousands group', [{ ...valid.customers[0], monthly_spend: '1,5' }]],
    ['a text column holding an object', [{ ...valid.customers[0], plan: { $gt: '' } }]],
    ['an id holding a list', [{ ...valid.customers[0], customer_id: ['N1', 'N2'] }]],
    ['more than 10,000 customers', Array.from({ length: 10_001 }, () => valid.customers[0])],
  ];
  test.each(customers)('%s → 4xx', async (what, value) => {
    expectClientError(await send('POST', '/api/score', JSON.stringify({ dataset, customers: value })), what);
  });

  test('unicode values in text columns are data: the request scores', async () => {
    const odd = { ...valid.customers[0], customer_id: '😀\u202E\u0000=HYPERLINK("x")', plan: 'プラン\u0000' };
    const answer = await send('POST', '/api/score', JSON.stringify({ dataset, customers: [odd] }));
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({ runId, results: [{ id: odd.customer_id, segment: expect.any(Number) }] });
  });

  test('the valid body scores', async () => {
    const answer = await send('POST', '/api/score', JSON.stringify(valid));
    expect(answer.status).toBe(200);
  });

  test('"1,200" is scored as 1200, exactly as the number 1200', async () => {
    const asNumber = await send('POST', '/api/score', JSON.stringify({ dataset, customers: [{ ...valid.customers[0], monthly_spend: 1200 }] }));
    const asText = await send('POST', '/api/score', JSON.stringify({ dataset, customers: [{ ...valid.customers[0], monthly_spend: '1,200' }] }));
    const asOne = await send('POST', '/api/score', JSON.stringify({ dataset, customers: [{ ...valid.customers[0], monthly_spend: 1.2 }] }));
    expect([asNumber.status, asText.status, asOne.status]).toEqual([200, 200, 200]);
    const results = (text: string) => (JSON.parse(text) as { results: unknown[] }).results;
    expect(results(asText.text)).toEqual(results(asNumber.text));
    expect(results(asOne.text)).not.toEqual(results(asNumber.text));
  });

  test('a column the model needs, not sent, is a 400 naming it and the customer; allowMissing fills it and says so', async () => {
    const { tenure_months: _, ...without } = valid.customers[0];
    const refused = await send('POST', '/api/score', JSON.stringify({ dataset, customers: [valid.customers[0], without] }));
    const { code, message } = expectClientError(refused, 'a missing column');
    expect(refused.status).toBe(400);
    expect(code).toBe('missing_column');
    expect(message).toMatch(/Customer "N1" \(row 2\).*"tenure_months"/);
    const filled = await send('POST', '/api/score', JSON.stringify({ dataset, customers: [valid.customers[0], without], allowMissing: true }));
    expect(filled.status).toBe(200);
    const results = (JSON.parse(filled.text) as { results: { imputed?: string[] }[] }).results;
    expect(results.map((r) => r.imputed)).toEqual([undefined, ['tenure_months']]);
  });

  test('an unseen category scores and is reported on its customer; extra columns are ignored', async () => {
    const answer = await send('POST', '/api/score', JSON.stringify({ dataset, customers: [{ ...valid.customers[0], plan: 'platinum-x', note: 'extra' }, valid.customers[0]] }));
    expect(answer.status).toBe(200);
    const body = JSON.parse(answer.text) as { modelVersion: number; results: { unseenCategories?: unknown; priority: number; action: string }[] };
    expect(body.modelVersion).toBe(1);
    expect(body.results[0]!.unseenCategories).toEqual([{ column: 'plan', value: 'platinum-x' }]);
    expect(body.results[1]!.unseenCategories).toBeUndefined();
    expect(body.results.every((r) => r.priority >= 1 && r.action.length > 0)).toBe(true);
  });

  test('10,000 customers score in request order; 10,001 are a 413', async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => ({ ...valid.customers[0], customer_id: `M${i}`, orders_6m: i % 9 }));
    const answer = await send('POST', '/api/score', JSON.stringify({ dataset, customers: many }));
    expect(answer.status).toBe(200);
    expect((JSON.parse(answer.text) as { results: { id: string }[] }).results.map((r) => r.id)).toEqual(many.map((c) => c.customer_id));
    const tooMany = await send('POST', '/api/score', JSON.stringify({ dataset, customers: [...many, valid.customers[0]] }));
    expect([tooMany.status, expectClientError(tooMany, '10,001 rows').code]).toEqual([413, 'too_many_rows']);
  });

  test('files for a single-table dataset score like customers; both or neither is a 400', async () => {
    const asFiles = await send('POST', '/api/score', JSON.stringify({ dataset, files: { 'customers.csv': valid.customers } }));
    const asCustomers = await send('POST', '/api/score', JSON.stringify(valid));
    expect([asFiles.status, asCustomers.status]).toEqual([200, 200]);
    expect(JSON.parse(asFiles.text)).toEqual(JSON.parse(asCustomers.text));
    expectClientError(await send('POST', '/api/score', JSON.stringify({ ...valid, files: { 'customers.csv': valid.customers } })), 'both');
    expectClientError(await send('POST', '/api/score', JSON.stringify({ dataset })), 'neither');
  });

  test('a declared length over the limit is refused before the body is read', async () => {
    const answer = await send('POST', '/api/score', '{}', { 'content-length': '2' });
    expectClientError(answer, 'short body');
    const big = await send('POST', '/api/score', sixMegabytes, { 'content-type': 'text/plain' });
    expect(big.status).toBe(413);
  });
});

describe('POST /api/messages', () => {
  const valid = { dataset, customerIds: ['C100000'], channel: 'email' };

  test.each(bodyCases(valid))('%s → 4xx', async (what, body, status) => {
    const answer = await send('POST', '/api/messages', body);
    expectClientError(answer, what);
    if (status) expect(answer.status).toBe(status);
  });

  const fields: [string, Record<string, unknown>][] = [
    ['no channel', { dataset, customerIds: ['C100000'] }],
    ['an unknown channel', { ...valid, channel: 'fax' }],
    ['the channel as a number', { ...valid, channel: 1 }],
    ['customerIds as a string', { ...valid, customerIds: 'C100000' }],
    ['empty customerIds', { ...valid, customerIds: [] }],
    ['a customerId as an object', { ...valid, customerIds: [{ id: 1 }] }],
    ['a segment as text', { dataset, segment: 'zero', channel: 'sms' }],
    ['a negative segment', { dataset, segment: -1, channel: 'sms' }],
    ['a fractional segment', { dataset, segment: 0.5, channel: 'sms' }],
    ['both customerIds and segment', { ...valid, segment: 0 }],
    ['a limit of zero', { ...valid, limit: 0 }],
    ['a huge limit', { ...valid, limit: 1e12 }],
    ['an unknown language', { ...valid, language: 'english please' }],
    ['an unknown tone', { ...valid, tone: 'angry' }],
    ['a requestId with a traversal', { ...valid, requestId: '../../latest' }],
    ['a requestId with NUL', { ...valid, requestId: 'req\u0000' }],
    ['a requestId of the wrong shape', { ...valid, requestId: '-leading-dash' }],
    ['a very long requestId', { ...valid, requestId: long }],
    ['a Cyrillic look-alike requestId', { ...valid, requestId: 'rеq-1' }],
  ];
  test.each(fields)('%s → 4xx', async (what, body) => {
    const answer = await send('POST', '/api/messages', JSON.stringify(body));
    expectClientError(answer, what);
    expect(answer.status).toBe(400);
  });

  test('unicode customer ids are data: unknown ones are reported as skipped', async () => {
    const answer = await send('POST', '/api/messages', JSON.stringify({ ...valid, customerIds: ['😀\u202E\u0000', 'C100000'], requestId: 'unicode-ids' }));
    expect(answer.status).toBe(200);
    const json = JSON.parse(answer.text) as { messages: { customerId: string }[]; skipped: { customerId: string }[] };
    expect(json.skipped.map((s) => s.customerId)).toContain('😀\u202E\u0000');
  });
});

describe('routes and methods the app does not serve', () => {
  const cases: [string, string, string][] = [
    ['DELETE a run', 'DELETE', '/api/runs/0123456789abcdef'],
    ['POST to the runs of a dataset', 'POST', `/api/datasets/${dataset}/runs`],
    ['GET the score route', 'GET', '/api/score'],
    ['a traversal that stays inside /api', 'GET', '/api/datasets/../runs/0123456789abcdef/../..'],
    ['an encoded traversal that stays inside /api', 'GET', '/api/datasets/%2e%2e/%2e%2e/api/datasets/x/runs/..'],
    ['an unknown route', 'GET', '/api/nothing-here'],
    ['a traversal out of /api into the admin API', 'POST', '/api/../admin/functions/retrainModels'],
    ['an encoded traversal out of /api', 'POST', '/api/%2e%2e/admin/functions/retrainModels'],
    ['broken percent-encoding in a route value', 'GET', '/api/datasets/%zz/segments'],
    ['a truncated percent-escape in a run id', 'GET', '/api/runs/abc%E2%82'],
  ];
  test.each(cases)('%s → 4xx', async (what, method, path) => {
    const answer = await send(method, path);
    expectClientError(answer, what);
  });
});
