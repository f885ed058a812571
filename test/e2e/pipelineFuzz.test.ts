import * as fs from 'node:fs';
import { fuzzCase } from '../../tools/fuzz/fuzzCases';
import { specialInputs } from '../../tools/fuzz/specialInputs';
import { listBlobs, readBlobText } from '../helpers/azurite';
import { WaitTimeoutError, waitFor } from '../helpers/waitFor';
import { useHostOnTestStorage } from '../helpers/testHost';

/**
 * Fuzz cases dropped into a running host, all at once, as a team's hostile uploads would arrive:
 * every one must end with latest.json (a completed run) or an error.json that names the file and
 * says what to do; the host must survive all of them, and its memory stay bounded.
 */
const { storage, host } = useHostOnTestStorage();

/** The crafted inputs worth a whole pipeline (zip bombs, entity expansion, wide, long cells, encodings, formulas, dates), then seeded mutations. */
const crafted = specialInputs.map((_, i) => i);
const mutated = Array.from({ length: 60 }, (_, k) => specialInputs.length + k);

interface Ending {
  kind: 'completed' | 'error';
  error?: { file?: string; code: string; message: string; hint: string };
}

async function endingOf(dataset: string): Promise<Ending | undefined> {
  const names = await listBlobs(storage().service, 'results', `${dataset}/`);
  if (names.includes(`${dataset}/latest.json`)) return { kind: 'completed' };
  const errorBlob = names.find((n) => n.endsWith('/error.json'));
  if (errorBlob) return { kind: 'error', error: JSON.parse((await readBlobText(storage().service, 'results', errorBlob))!) as Ending['error'] };
  return undefined;
}

function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

test('hostile uploads through the whole pipeline each end completed or with error.json; the host survives', async () => {
  const cases = await Promise.all([...crafted, ...mutated].map((i) => fuzzCase(3, i, { dataDir: null })));
  const uploads = storage().service.getContainerClient('uploads');
  for (const c of cases) await uploads.getBlockBlobClient(`fuzz-${c.index}/${c.file}`).uploadData(c.bytes);

  const endings = new Map<number, Ending>();
  await waitFor(
    async () => {
      for (const c of cases) {
        if (endings.has(c.index)) continue;
        const ending = await endingOf(`fuzz-${c.index}`);
        if (ending) endings.set(c.index, ending);
      }
      expect({ hostExited: host().child.exitCode ?? host().child.signalCode }).toEqual({ hostExited: null });
      return endings.size === cases.length ? true : undefined;
    },
    240_000,
    'every hostile upload to end',
  ).catch((err: unknown) => {
    // Out of time: the check below names the uploads that never ended.
    if (!(err instanceof WaitTimeoutError)) throw err;
  });

  const unfinished = cases.filter((c) => !endings.has(c.index)).map((c) => `#${c.index} ${c.name}`);
  expect(unfinished).toEqual([]);
  for (const c of cases) {
    const ending = endings.get(c.index)!;
    const what = `#${c.index} ${c.name}`;
    if (c.expect !== 'either') expect({ what, kind: ending.kind }).toEqual({ what, kind: c.expect === 'completed' ? 'completed' : 'error' });
    if (ending.kind === 'error') {
      const e = ending.error!;
      // error.json speaks to the uploader: the file, what went wrong, what to do; no stack trace.
      expect({ what, file: e.file }).toEqual({ what, file: c.file });
      expect(e.message.length).toBeGreaterThan(10);
      expect(e.hint.length).toBeGreaterThan(10);
      expect(e.message).not.toMatch(/\n\s+at /);
      if (c.expectCodes) expect({ what, code: e.code, expected: c.expectCodes.includes(e.code as never) }).toEqual({ what, code: e.code, expected: true });
    }
  }
  // The upload stays where it was dropped, whatever became of it.
  for (const c of cases) expect(await uploads.getBlobClient(`fuzz-${c.index}/${c.file}`).exists()).toBe(true);
  const completed = [...endings.values()].filter((e) => e.kind === 'completed').length;
  // Both endings are exercised, not only one.
  expect(completed).toBeGreaterThan(15);
  expect(cases.length - completed).toBeGreaterThan(30);
  expect(peakRssMb(host().child.pid!)).toBeLessThan(1536);
  expect(host().output()).not.toMatch(/FATAL ERROR|Unhandled|uncaught/i);
}, 300_000);
