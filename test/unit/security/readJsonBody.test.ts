import { z } from 'zod';
import { maxJsonBodyBytes, readJson, readJsonBody } from '../../../shared/http/readJsonBody';

function request(body: Buffer | string, headers: Record<string, string> = {}) {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return {
    headers: { get: (name: string) => headers[name.toLowerCase()] ?? null },
    arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer,
  };
}

const schema = z.strictObject({ dataset: z.string(), limit: z.number().int().optional() });

async function error(body: Buffer | string, headers?: Record<string, string>) {
  const out = await readJsonBody(request(body, headers), schema);
  if (out.ok) throw new Error('expected a refusal');
  return { status: out.response.status, ...(out.response.jsonBody as { error: { code: string; message: string; details?: unknown } }).error };
}

describe('readJsonBody', () => {
  test('parses and validates a good body, with or without a UTF-8 BOM', async () => {
    expect(await readJsonBody(request('{"dataset":"shop"}'), schema)).toEqual({ ok: true, value: { dataset: 'shop' } });
    expect(await readJsonBody(request('\uFEFF{"dataset":"shop"}'), schema)).toEqual({ ok: true, value: { dataset: 'shop' } });
  });

  test('refuses bodies over the limit, by declared length before reading and by actual length', async () => {
    expect(await error('{}', { 'content-length': String(maxJsonBodyBytes + 1) })).toMatchObject({ status: 413, code: 'body_too_large' });
    const big = JSON.stringify({ dataset: 'x'.repeat(maxJsonBodyBytes) });
    expect(await error(big)).toMatchObject({ status: 413, code: 'body_too_large', message: expect.stringMatching(/limit is 5242880/) });
  });

  test('refuses empty, malformed and non-UTF-8 bodies with a code for each', async () => {
    expect(await error('')).toMatchObject({ status: 400, code: 'empty_body' });
    expect(await error(' \n ')).toMatchObject({ status: 400, code: 'empty_body' });
    expect(await error('{"dataset": ')).toMatchObject({ status: 400, code: 'invalid_json', message: expect.stringMatching(/not valid JSON/) });
    expect(await error(Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d]))).toMatchObject({ status: 400, code: 'invalid_encoding' });
  });

  test('says which field is wrong and how: missing, wrong type, unknown', async () => {
    expect(await error('{}')).toMatchObject({ status: 400, code: 'invalid_request', message: 'dataset: is required' });
    const wrongType = await error('{"dataset": ["shop"]}');
    expect(wrongType.message).toMatch(/^dataset: .*expected string, received array/);
    expect(await error('{"dataset": "shop", "isAdmin": true}')).toMatchObject({ message: expect.stringMatching(/unknown field\(s\) "isAdmin"/) });
    expect(await error('{"dataset": "shop", "limit": 1.5}')).toMatchObject({ details: [{ path: 'limit', message: expect.any(String) }] });
  });

  test('readJson alone returns any JSON value for the caller to check', async () => {
    expect(await readJson(request('[1,2]'))).toEqual({ ok: true, value: [1, 2] });
    expect(await readJson(request('null'))).toEqual({ ok: true, value: null });
  });
});
