import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FuzzCase } from '../../../tools/fuzz/FuzzCase';
import { IsolatedCaseRunner } from '../../../tools/fuzz/IsolatedCaseRunner';

/** A stand-in worker whose behaviour is chosen by the case's file name. */
const fakeWorker = `
process.on('message', (req) => {
  const reply = (outcome, detail) => process.send({ index: req.index, outcome, detail, ms: 1, rssMb: 1, maxRssMb: 1 });
  if (req.file === 'hang.csv') return; // never answers
  if (req.file === 'exit.csv') process.exit(3);
  if (req.file === 'throw.csv') return setTimeout(() => { throw new Error('escaped'); }, 0);
  if (req.file === 'memory.csv') {
    const held = [];
    const grow = () => { held.push(Buffer.alloc(128 * 1024 * 1024, 1)); setTimeout(grow, 5); };
    return grow();
  }
  reply(req.file.endsWith('.bad') ? 'reported' : 'completed', 'ok');
});
process.send({ ready: true });
`;

describe('IsolatedCaseRunner turns every way a case can go wrong into an outcome and carries on', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'segmentwise-runner-'));
    fs.writeFileSync(path.join(dir, 'worker.js'), fakeWorker);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('hang, exit, escaped exception and runaway memory are counted; later cases still run', async () => {
    // The time limit leaves the memory case room to pass 400 MiB first, even on a loaded machine.
    const runner = new IsolatedCaseRunner({ workerScript: path.join(dir, 'worker.js'), timeoutMs: 6000, maxRssMb: 400, heapMb: 256 });
    const files = ['ok.csv', 'hang.csv', 'after-hang.csv', 'exit.csv', 'throw.csv', 'memory.csv', 'last.bad'];
    const outcomes = [];
    try {
      for (const [index, file] of files.entries()) {
        const c: FuzzCase = { index, name: file, file, bytes: Buffer.from('x'), expect: 'either' };
        outcomes.push(await runner.run(c));
      }
    } finally {
      runner.close();
    }
    expect(outcomes.map((o) => o.outcome)).toEqual(['completed', 'hang', 'completed', 'crash', 'crash', 'crash', 'reported']);
    expect(outcomes[3].detail).toMatch(/code 3/);
    expect(outcomes[5].detail).toMatch(/resident memory .* over the 400 MiB limit/);
    expect(runner.peakRssMb).toBeGreaterThan(400);
    // A fresh process after the hang, the exit, the throw and the memory kill.
    expect(runner.processes).toBe(5);
  }, 60_000);
});
