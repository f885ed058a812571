import { InvocationContext } from '@azure/functions';
import { createLogger, type LogSink } from '../../../shared/telemetry/createLogger';
import { REDACTED } from '../../../shared/telemetry/redactSecrets';

const fixedTime = new Date('2026-11-23T19:00:00.000Z');

function recordingSink(): LogSink & { lines: { level: string; line: string }[] } {
  const lines: { level: string; line: string }[] = [];
  return {
    lines,
    debug: (line: unknown) => lines.push({ level: 'debug', line: String(line) }),
    info: (line: unknown) => lines.push({ level: 'info', line: String(line) }),
    warn: (line: unknown) => lines.push({ level: 'warn', line: String(line) }),
    error: (line: unknown) => lines.push({ level: 'error', line: String(line) }),
  };
}

describe('createLogger', () => {
  it('writes one JSON object per line with time, level, message, runId and dataset first', () => {
    const sink = recordingSink();
    const log = createLogger(sink, { runId: '3f2a9c1b0d4e5f60', dataset: 'telco' }, { now: () => fixedTime });
    log.info('clustered customers', { k: 4, silhouette: 0.41 });
    expect(sink.lines).toHaveLength(1);
    expect(sink.lines[0].level).toBe('info');
    expect(sink.lines[0].line).toBe(
      '{"time":"2026-11-23T19:00:00.000Z","level":"info","message":"clustered customers","runId":"3f2a9c1b0d4e5f60","dataset":"telco","k":4,"silhouette":0.41}',
    );
  });

  it('sends each level to the matching sink method and drops debug by default', () => {
    const sink = recordingSink();
    const log = createLogger(sink, {}, { now: () => fixedTime });
    log.debug('hidden');
    log.info('a');
    log.warn('b');
    log.error('c');
    expect(sink.lines.map((l) => l.level)).toEqual(['info', 'warn', 'error']);
    const verbose = createLogger(sink, {}, { level: 'debug', now: () => fixedTime });
    verbose.debug('shown');
    expect(JSON.parse(sink.lines[3].line)).toMatchObject({ level: 'debug', message: 'shown' });
  });

  it('falls back to log() for sinks that only have it', () => {
    const lines: unknown[] = [];
    createLogger({ log: (line: unknown) => lines.push(line) }).warn('only log');
    expect(JSON.parse(String(lines[0]))).toMatchObject({ level: 'warn', message: 'only log' });
  });

  it('child loggers add fields such as the runId once it is known', () => {
    const sink = recordingSink();
    const upload = createLogger(sink, { dataset: 'one-click-market' }, { now: () => fixedTime });
    const run = upload.child({ runId: 'aaaabbbbccccdddd', step: 'parseDataset' });
    run.info('parsed', { rows: 1300 });
    upload.info('upload seen');
    expect(JSON.parse(sink.lines[0].line)).toEqual({
      time: fixedTime.toISOString(),
      level: 'info',
      message: 'parsed',
      runId: 'aaaabbbbccccdddd',
      dataset: 'one-click-market',
      step: 'parseDataset',
      rows: 1300,
    });
    expect(JSON.parse(sink.lines[1].line)).not.toHaveProperty('runId');
    expect(run.fields).toEqual({ dataset: 'one-click-market', runId: 'aaaabbbbccccdddd', step: 'parseDataset' });
  });

  it('redacts secrets in messages, nested fields and errors, and fields named as secrets', () => {
    const sink = recordingSink();
    const log = createLogger(sink, { runId: 'r1', dataset: 'telco' }, { now: () => fixedTime });
    const error = Object.assign(
      new Error('403 on https://st1.blob.core.windows.net/results/a.csv?sv=2024-08-04&sig=SECRETSIGNATURE123'),
      { code: 'AuthorizationFailure', statusCode: 403 },
    );
    log.error('write failed with AccountKey=SECRETACCOUNTKEY==;', error, {
      request: { headers: { 'api-key': 'SECRETAPIKEY', authorization: 'Bearer SECRETTOKEN123456', accept: 'json' } },
      connectionString: 'DefaultEndpointsProtocol=https;AccountName=a;AccountKey=SECRET2==',
      AZURE_OPENAI_API_KEY: 'SECRETAPIKEY2',
      attempt: 2,
    });
    const line = sink.lines[0].line;
    for (const secret of ['SECRETSIGNATURE123', 'SECRETACCOUNTKEY', 'SECRETAPIKEY', 'SECRETTOKEN123456', 'SECRET2', 'SECRETAPIKEY2']) {
      expect(line).not.toContain(secret);
    }
    const record = JSON.parse(line);
    expect(record.message).toBe(`write failed with AccountKey=${REDACTED};`);
    expect(record.request.headers).toEqual({ 'api-key': REDACTED, authorization: REDACTED, accept: 'json' });
    expect(record.connectionString).toBe(REDACTED);
    expect(record.AZURE_OPENAI_API_KEY).toBe(REDACTED);
    expect(record.attempt).toBe(2);
    expect(record.error).toMatchObject({ name: 'Error', code: 'AuthorizationFailure', statusCode: 403 });
    expect(record.error.message).toBe(
      `403 on https://st1.blob.core.windows.net/results/a.csv?sv=2024-08-04&sig=${REDACTED}`,
    );
    expect(record.error.stack).toContain('Error: 403 on');
  });

  it('takes a non-Error thrown value as the error, and plain objects as fields', () => {
    const sink = recordingSink();
    const log = createLogger(sink, {}, { now: () => fixedTime });
    log.error('rejected', 'plain string reason');
    log.error('failed', { file: 'market_file.csv', row: 12 });
    expect(JSON.parse(sink.lines[0].line).error).toBe('plain string reason');
    expect(JSON.parse(sink.lines[1].line)).toMatchObject({ file: 'market_file.csv', row: 12 });
  });

  it('keeps lines small and valid JSON for large, circular and exotic values', () => {
    const sink = recordingSink();
    const log = createLogger(sink, {}, { now: () => fixedTime });
    const circular: Record<string, unknown> = { name: 'loop' };
    circular.self = circular;
    log.info('x'.repeat(10_000), {
      matrix: new Float64Array(1_000_000),
      ids: Array.from({ length: 500 }, (_, i) => i),
      circular,
      big: 2n ** 70n,
      notANumber: Number.NaN,
      when: fixedTime,
      seen: new Set(['a', 'b']),
      skipped: undefined,
    });
    const line = sink.lines[0].line;
    expect(line.length).toBeLessThan(6000);
    const record = JSON.parse(line);
    expect(record.message).toMatch(/^x{4000}…\(\+6000 chars\)$/);
    expect(record.matrix).toBe('[Float64Array(1000000)]');
    expect(record.ids).toHaveLength(51);
    expect(record.ids[50]).toBe('…(+450 items)');
    expect(record.circular).toEqual({ name: 'loop', self: '[Circular]' });
    expect(record.big).toBe('1180591620717411303424');
    expect(record.notANumber).toBe('NaN');
    expect(record.when).toBe(fixedTime.toISOString());
    expect(record.seen).toEqual(['a', 'b']);
    expect(record).not.toHaveProperty('skipped');
  });

  it('writes through a real InvocationContext, whose lines the Functions host forwards', () => {
    const received: { level: string; text: string }[] = [];
    const context = new InvocationContext({
      invocationId: 'inv-1',
      functionName: 'ingestUpload',
      logHandler: (level, ...args) => received.push({ level, text: args.map(String).join(' ') }),
    });
    const log = createLogger(context, { dataset: 'telco' }, { now: () => fixedTime });
    log.info('upload received', { blob: 'uploads/telco/telco.csv' });
    log.warn('slow');
    log.error('boom', new Error('x'));
    expect(received.map((r) => r.level)).toEqual(['information', 'warning', 'error']);
    expect(JSON.parse(received[0].text)).toMatchObject({ dataset: 'telco', blob: 'uploads/telco/telco.csv' });
  });
});
