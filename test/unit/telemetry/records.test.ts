import { HttpRequest, InvocationContext } from '@azure/functions';
import { REDACTED } from '../../../shared/telemetry/redactSecrets';
import { logRunEnd } from '../../../shared/telemetry/logRunEnd';
import { countsOf, logStep, stepRunOf } from '../../../shared/telemetry/logStep';
import { withRequestLog } from '../../../shared/telemetry/withRequestLog';

/** A real InvocationContext whose log handler keeps what the Functions host would receive. */
function capturingContext(functionName: string): { context: InvocationContext; records: { level: string; record: Record<string, unknown> }[] } {
  const records: { level: string; record: Record<string, unknown> }[] = [];
  const context = new InvocationContext({
    invocationId: 'inv-1',
    functionName,
    logHandler: (level, ...args) => records.push({ level, record: JSON.parse(args.map(String).join(' ')) }),
  });
  return { context, records };
}

const run = { runId: '3f2a9c1b0d4e5f60', dataset: 'telco' };

describe('logStep', () => {
  it('writes one step record with runId, dataset, step, status, durationMs and the result counts', async () => {
    const { context, records } = capturingContext('parseDataset');
    const result = await logStep(context, 'parseDataset', run, async () => ({ ok: true as const, rows: 7043, columns: 21, centers: [1, 2], files: ['a', 'b', 'c'] }));
    expect(result.rows).toBe(7043);
    expect(records).toHaveLength(1);
    expect(records[0].level).toBe('information');
    const record = records[0].record;
    expect(record).toMatchObject({ runId: run.runId, dataset: 'telco', event: 'step', step: 'parseDataset', status: 'succeeded', rows: 7043, columns: 21, files: 3 });
    expect(typeof record.durationMs).toBe('number');
    expect(record.durationMs as number).toBeGreaterThanOrEqual(0);
    expect(record).not.toHaveProperty('centers');
    expect(record).not.toHaveProperty('ok');
    expect(record.message).toMatch(/^parseDataset succeeded in \d+ ms \(rows 7043, columns 21, files 3\)$/);
  });

  it('records a refusal of the data as a warning with its code, and returns the result unchanged', async () => {
    const { context, records } = capturingContext('parseDataset');
    const refusal = { ok: false as const, problem: { code: 'NO_ROWS', message: 'The file has no rows.', hint: 'Upload rows.' } };
    expect(await logStep(context, 'parseDataset', run, () => refusal)).toBe(refusal);
    expect(records.map((r) => r.level)).toEqual(['warning']);
    expect(records[0].record).toMatchObject({ event: 'step', status: 'refused', errorCode: 'NO_ROWS', runId: run.runId });
  });

  it('records a failure with its error, secrets redacted, and rethrows it', async () => {
    const { context, records } = capturingContext('writeResults');
    const error = new Error('PUT https://st.blob.core.windows.net/results/x.csv?sv=1&sig=TOPSECRETSIG failed');
    await expect(logStep(context, 'writeResults', run, async () => Promise.reject(error))).rejects.toBe(error);
    expect(records.map((r) => r.level)).toEqual(['error']);
    const record = records[0].record as { status: string; durationMs: number; error: { message: string } };
    expect(record).toMatchObject({ event: 'step', step: 'writeResults', status: 'failed' });
    expect(typeof record.durationMs).toBe('number');
    expect(record.error.message).toContain(`sig=${REDACTED}`);
    expect(JSON.stringify(records)).not.toContain('TOPSECRETSIG');
  });

  it('finds the run in every payload shape the activities take', () => {
    const input = { runId: 'aaaabbbbccccdddd', dataset: 'shop', files: [] };
    const job = { runId: 'aaaabbbbccccdddd', dataset: 'shop', requestId: 'req1', request: {} };
    expect(stepRunOf(input)).toEqual({ runId: input.runId, dataset: 'shop' });
    expect(stepRunOf({ input, k: 3 })).toEqual({ runId: input.runId, dataset: 'shop' });
    expect(stepRunOf(job)).toEqual({ runId: job.runId, dataset: 'shop', requestId: 'req1' });
    expect(stepRunOf({ job, batch: 2 })).toEqual({ runId: job.runId, dataset: 'shop', requestId: 'req1' });
    expect(stepRunOf(undefined)).toEqual({});
    expect(stepRunOf([1, 2])).toEqual({});
  });

  it('counts only numbers, flags and the number of files', () => {
    expect(countsOf({ k: 4, silhouette: 0.41, historical: true, files: ['x'], centers: [1], name: 'n', nan: Number.NaN })).toEqual({
      k: 4,
      silhouette: 0.41,
      historical: true,
      files: 1,
    });
    expect(countsOf([1, 2, 3])).toEqual({});
    expect(countsOf(undefined)).toEqual({});
  });
});

describe('withRequestLog', () => {
  it('records method, path without the query, status, durationMs and the dataset the route names', async () => {
    const { context, records } = capturingContext('getSegments');
    const handler = withRequestLog(async (_request: HttpRequest) => ({ status: 404, jsonBody: { error: { code: 'dataset_not_found', message: 'no' } } }));
    const request = new HttpRequest({ method: 'GET', url: 'http://h/api/datasets/Telco/segments?code=FUNCTIONKEY123', params: { dataset: 'Telco' } });
    expect((await handler(request, context)).status).toBe(404);
    expect(records).toHaveLength(1);
    expect(records[0].level).toBe('information');
    expect(records[0].record).toMatchObject({ event: 'request', method: 'GET', path: '/api/datasets/Telco/segments', status: 404, errorCode: 'dataset_not_found', dataset: 'telco' });
    expect(typeof records[0].record.durationMs).toBe('number');
    expect(JSON.stringify(records)).not.toContain('FUNCTIONKEY123');
  });

  it('takes the runId from the route or the query, logs a 5xx as an error, and a throw as a 500', async () => {
    const { context, records } = capturingContext('getRun');
    const unavailable = withRequestLog(async () => ({ status: 503, jsonBody: { error: { code: 'storage_unavailable' } } }));
    await unavailable(new HttpRequest({ method: 'GET', url: 'http://h/api/runs/0123456789abcdef', params: { runId: '0123456789abcdef' } }), context);
    const boom = new Error('down');
    const throwing = withRequestLog(async () => Promise.reject<{ status: number }>(boom));
    await expect(throwing(new HttpRequest({ method: 'GET', url: 'http://h/api/datasets/x/results/a?runId=fedcba9876543210', params: { dataset: 'x' } }), context)).rejects.toBe(boom);
    expect(records.map((r) => r.level)).toEqual(['error', 'error']);
    expect(records[0].record).toMatchObject({ runId: '0123456789abcdef', status: 503, errorCode: 'storage_unavailable' });
    expect(records[1].record).toMatchObject({ runId: 'fedcba9876543210', dataset: 'x', status: 500, error: { message: 'down' } });
  });

  it('counts an answer without a status as 200', async () => {
    const { context, records } = capturingContext('listDatasets');
    await withRequestLog(async () => ({ jsonBody: {} }))(new HttpRequest({ method: 'GET', url: 'http://h/api/datasets' }), context);
    expect(records[0].record).toMatchObject({ status: 200, path: '/api/datasets' });
    expect(records[0].record).not.toHaveProperty('errorCode');
  });
});

describe('logRunEnd', () => {
  it('closes a completed run with its status, duration and what it produced', () => {
    const { context, records } = capturingContext('segmentationPipeline');
    logRunEnd(context, { ...run, status: 'Completed', durationMs: 12_345, rows: 7043, k: 4, files: 9 });
    expect(records[0].level).toBe('information');
    expect(records[0].record).toMatchObject({ ...run, event: 'run', status: 'Completed', durationMs: 12_345, rows: 7043, k: 4, files: 9 });
    expect(records[0].record.message).toBe(`Run ${run.runId} of telco completed in 12.3 s`);
  });

  it('closes a failed run as an error with the step, code and reason', () => {
    const { context, records } = capturingContext('segmentationPipeline');
    logRunEnd(context, { ...run, status: 'Failed', durationMs: 900, step: 'prepareFeatures', errorCode: 'TOO_FEW_ROWS', reason: 'Only 1 customer row is left.' });
    expect(records[0].level).toBe('error');
    expect(records[0].record).toMatchObject({ event: 'run', status: 'Failed', step: 'prepareFeatures', errorCode: 'TOO_FEW_ROWS' });
    expect(records[0].record.message).toBe(`Run ${run.runId} of telco failed after 0.9 s at prepareFeatures: Only 1 customer row is left.`);
  });
});
