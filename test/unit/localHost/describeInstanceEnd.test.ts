import { describeInstanceEnd } from '../../../local/describeInstanceEnd';
import type { InstanceRecord } from '../../../local/durable/InstanceRecord';

function record(overrides: Partial<InstanceRecord>): InstanceRecord {
  return {
    instanceId: '0123456789abcdef',
    name: 'segmentationPipeline',
    input: JSON.stringify({ dataset: 'telco', runId: '0123456789abcdef', files: [] }),
    runtimeStatus: 'Completed',
    customStatus: null,
    output: null,
    createdTime: '2026-11-30T10:00:00.000Z',
    lastUpdatedTime: '2026-11-30T10:00:12.340Z',
    history: [],
    nextId: 0,
    knownActions: 0,
    pending: [],
    ...overrides,
  };
}

describe('describeInstanceEnd: the line npm start prints when a run ends', () => {
  it('a completed run: dataset, duration, result folder, report and its link', () => {
    const line = describeInstanceEnd(record({}), 'results', 'http://127.0.0.1:7071');
    expect(line.level).toBe('information');
    expect(line.message).toBe(
      'Run 0123456789abcdef (dataset telco) completed in 12.3 s. Results: results/telco/0123456789abcdef/ ' +
        '(report: results/telco/0123456789abcdef/report.html; link: http://127.0.0.1:7071/api/datasets/telco/results/report.html?runId=0123456789abcdef)',
    );
  });

  it('a failed run: duration, the reason on one line and where error.json is', () => {
    const line = describeInstanceEnd(
      record({ runtimeStatus: 'Failed', output: 'Only 1 customer row is left. Segments need at least two customers.\n    at stack', lastUpdatedTime: '2026-11-30T10:02:05.000Z' }),
      'results',
      'http://127.0.0.1:7071',
    );
    expect(line).toEqual({
      level: 'error',
      message:
        'Run 0123456789abcdef (dataset telco) failed after 2 min 5 s: Only 1 customer row is left. Segments need at least two customers. Details: results/telco/0123456789abcdef/error.json',
    });
  });

  it('other orchestrations by name, without a result folder', () => {
    const line = describeInstanceEnd(record({ name: 'messagePipeline', instanceId: 'msg-1', input: '{"requestId":"r1"}', runtimeStatus: 'Terminated', output: 'stopped by user' }), 'results', 'http://h');
    expect(line).toEqual({ level: 'error', message: 'messagePipeline msg-1 was terminated after 12.3 s: stopped by user' });
  });
});
