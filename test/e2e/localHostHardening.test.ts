import * as http from 'node:http';
import * as net from 'node:net';
import { waitFor, waitForRunEnd } from '../helpers/waitFor';
import { useHostOnTestStorage } from '../helpers/testHost';

/**
 * The local host (npm start) on a developer's machine: its admin and durable routes answer bad input
 * with a 4xx, the durable API shows inputs and history only to the host itself, it answers only
 * requests addressed to this machine, refuses an oversized body while it arrives and cuts off a client
 * that never finishes its request. Every case goes through a started host process.
 */
const requestTimeoutMs = 1_500;
const { storage, host } = useHostOnTestStorage({ SEGMENTWISE_LOCAL_REQUEST_TIMEOUT_MS: String(requestTimeoutMs) });
let port: number;

beforeAll(() => {
  port = Number(new URL(host().url).port);
});

const durable = (path: string) => `${host().url}/runtime/webhooks/durabletask/${path}`;
const withKey = { 'x-functions-key': '' };

beforeAll(() => {
  withKey['x-functions-key'] = host().hostKey;
});

/** A raw HTTP/1.1 exchange, so a test can send what fetch never would (a wrong Host, a short body). */
function rawRequest(
  lines: string,
  body = '',
  holdOpenMs = 0,
): Promise<{ status: number | undefined; text: string; answeredAfterMs: number | undefined; closedAfterMs: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(`${lines}\r\n\r\n${body}`);
    });
    let text = '';
    let answeredAfterMs: number | undefined;
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => {
      answeredAfterMs ??= Date.now() - started;
      text += d;
      // One answer is all these tests wait for; the host may keep the connection for the next request.
      const head = text.indexOf('\r\n\r\n');
      const length = Number(/content-length: (\d+)/i.exec(text.slice(0, Math.max(0, head)))?.[1] ?? 0);
      if (head >= 0 && !holdOpenMs && Buffer.byteLength(text.slice(head + 4)) >= length) socket.destroy();
    });
    socket.on('error', () => undefined);
    const giveUp = setTimeout(() => socket.destroy(), holdOpenMs || 10_000);
    socket.on('close', () => {
      clearTimeout(giveUp);
      const m = /^HTTP\/1\.1 (\d{3})/.exec(text);
      resolve({ status: m ? Number(m[1]) : undefined, text, answeredAfterMs, closedAfterMs: Date.now() - started });
    });
  });
}

describe('admin routes', () => {
  test.each([
    ['malformed JSON', '{"input": '],
    ['a JSON array', '[1, 2]'],
    ['a number as input', '{"input": 42}'],
    ['an input without a blob name', '{"input": "uploads"}'],
  ])('POST /admin/functions/ingestUpload with %s → 400', async (_, body) => {
    const res = await fetch(`${host().url}/admin/functions/ingestUpload`, { method: 'POST', body });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('bad_request');
  });

  test('POST /admin/functions/ingestUpload naming a blob that does not exist → 404', async () => {
    const res = await fetch(`${host().url}/admin/functions/ingestUpload`, { method: 'POST', body: JSON.stringify({ input: 'uploads/nothing/here.csv' }) });
    expect(res.status).toBe(404);
  });
});

describe('durable API', () => {
  let runId: string;

  beforeAll(async () => {
    // A run that fails at once (one customer cannot be segmented): an instance with an input and a history.
    const csv = 'customer_id,monthly_spend\nC1,10\n';
    await storage().service.getContainerClient('uploads').getBlockBlobClient('lonely/customers.csv').upload(csv, csv.length);
    runId = await waitFor(
      async () => {
        const res = await fetch(durable('instances/'), { headers: withKey });
        const all = (await res.json()) as { instanceId: string; input: { dataset?: string } | null }[];
        return all.find((i) => i.input?.dataset === 'lonely')?.instanceId;
      },
      30_000,
      'the run of lonely to start',
    );
    const ended = await waitForRunEnd(host().url, runId, 60_000);
    expect(ended.runtimeStatus).toBe('Failed');
  });

  test('without the host key, statuses come without inputs, outputs or history', async () => {
    const list = (await (await fetch(durable('instances/'))).json()) as Record<string, unknown>[];
    const mine = list.find((i) => i.instanceId === runId)!;
    expect(mine).toMatchObject({ instanceId: runId, runtimeStatus: 'Failed' });
    for (const field of ['input', 'output', 'history']) expect(Object.keys(mine)).not.toContain(field);
    const one = (await (await fetch(durable(`instances/${runId}?showHistory=true`))).json()) as Record<string, unknown>;
    expect(one.runtimeStatus).toBe('Failed');
    for (const field of ['input', 'output', 'history']) expect(Object.keys(one)).not.toContain(field);
  });

  test('with the host key (header or ?code=), the host sees inputs and history', async () => {
    const byHeader = (await (await fetch(durable(`instances/${runId}?showHistory=true`), { headers: withKey })).json()) as {
      input: { dataset: string };
      history: unknown[];
    };
    expect(byHeader.input.dataset).toBe('lonely');
    expect(byHeader.history.length).toBeGreaterThan(2);
    const byCode = (await (await fetch(durable(`instances/${runId}?code=${encodeURIComponent(host().hostKey)}`))).json()) as { input: { dataset: string } };
    expect(byCode.input.dataset).toBe('lonely');
  });

  test('changing an instance needs the host key: none or a wrong one → 401', async () => {
    for (const headers of [{} as Record<string, string>, { 'x-functions-key': 'not-the-key' }]) {
      const res = await fetch(durable(`instances/${runId}/terminate?reason=x`), { method: 'POST', headers });
      expect(res.status).toBe(401);
      const started = await fetch(durable('orchestrators/segmentationPipeline/0123456789abcdef'), { method: 'POST', headers, body: '{}' });
      expect(started.status).toBe(401);
    }
  });

  test('malformed JSON to start an orchestration or raise an event → 400', async () => {
    const start = await fetch(durable('orchestrators/segmentationPipeline/fedcba9876543210'), { method: 'POST', headers: withKey, body: '{"dataset": ' });
    expect(start.status).toBe(400);
    const raise = await fetch(durable(`instances/${runId}/raiseEvent/go`), { method: 'POST', headers: withKey, body: 'not json' });
    expect(raise.status).toBe(400);
    const unknown = await fetch(durable('orchestrators/noSuchOrchestrator'), { method: 'POST', headers: withKey, body: '{}' });
    expect(unknown.status).toBe(400);
  });

  test('a broken percent-encoding or a date that is not one in a durable request → 400', async () => {
    expect((await fetch(durable('instances/%E0%A4%A'), { headers: withKey })).status).toBe(400);
    expect((await fetch(durable('instances/?createdTimeFrom=yesterday'), { headers: withKey })).status).toBe(400);
  });

  test('the log says why the run failed, not "failed: false"', async () => {
    const log = host().output();
    expect(log).toContain(runId);
    expect(log).not.toMatch(/failed: false\b/);
    // The orchestrator's own message (a sentence), wherever the host prints the end of the instance.
    expect(log).toMatch(new RegExp(`${runId}[^\\n]* failed[^\\n]*: [A-Z][a-z]+ `));
  });
});

describe('requests for another host name', () => {
  test.each([
    ['a rebound domain', 'attacker.example'],
    ['a rebound domain at the host port', 'attacker.example:PORT'],
    ['127.0.0.1 at another port', '127.0.0.1:1'],
    ['a name that only starts like localhost', 'localhost.attacker.example:PORT'],
  ])('Host: %s → 403', async (_, hostHeader) => {
    const res = await rawRequest(`GET /api/datasets HTTP/1.1\r\nHost: ${hostHeader.replace('PORT', String(port))}\r\nConnection: close`);
    expect(res.status).toBe(403);
    expect(res.text).toContain('host_not_allowed');
  });

  test.each([['127.0.0.1:PORT'], ['localhost:PORT'], ['localhost']])('Host: %s is served', async (hostHeader) => {
    const res = await rawRequest(`GET /api/datasets HTTP/1.1\r\nHost: ${hostHeader.replace('PORT', String(port))}\r\nConnection: close`);
    expect(res.status).toBe(200);
  });
});

describe('request bodies and slow clients', () => {
  test('a declared 100 MiB body is refused with 413 before any of it is read', async () => {
    const res = await rawRequest(`POST /api/score HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${100 * 1024 * 1024}`, '{"dataset":');
    expect(res.status).toBe(413);
    expect(res.answeredAfterMs).toBeLessThan(requestTimeoutMs);
  });

  test('a 100 MiB body sent without a length is refused when it passes the limit, long before its end', async () => {
    const total = 100 * 1024 * 1024;
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    const outcome = await new Promise<{ status?: number; sent: number }>((resolve) => {
      let sent = 0;
      let status: number | undefined;
      const req = http.request(`${host().url}/api/score`, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } });
      req.on('response', (res) => {
        status = res.statusCode;
        res.resume();
        res.on('end', () => {
          req.destroy();
          resolve({ status, sent });
        });
      });
      req.on('error', () => resolve({ status, sent }));
      const pump = () => {
        while (sent < total && status === undefined) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        if (sent >= total) req.end();
      };
      pump();
    });
    expect(outcome.status).toBe(413);
    // The host stopped reading just past its 5 MiB limit; what was sent beyond sat in socket buffers.
    expect(outcome.sent).toBeLessThan(40 * 1024 * 1024);
  });

  test('a Content-Length larger than the body sent does not hold the connection', async () => {
    const res = await rawRequest(
      `POST /api/score HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 1000`,
      '{"dataset": "x"',
      20_000,
    );
    expect(res.closedAfterMs).toBeLessThan(requestTimeoutMs + 2_500);
    expect(res.status).toBe(408);
  });

  test('headers that never end do not hold the connection', async () => {
    const res = await new Promise<{ closedAfterMs: number }>((resolve) => {
      const started = Date.now();
      const socket = net.connect(port, '127.0.0.1', () => socket.write(`GET /api/datasets HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Slow: `));
      const giveUp = setTimeout(() => socket.destroy(), 20_000);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearTimeout(giveUp);
        resolve({ closedAfterMs: Date.now() - started });
      });
      socket.resume();
    });
    expect(res.closedAfterMs).toBeLessThan(requestTimeoutMs + 2_500);
  });

  test('the host still answers after all of the above', async () => {
    const res = await fetch(`${host().url}/api/datasets`);
    expect(res.status).toBe(200);
  });
});
