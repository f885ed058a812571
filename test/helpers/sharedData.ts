import * as fs from 'node:fs';
import * as path from 'node:path';

/** The real public datasets live beside the repository, never inside it. */
export const sharedDataDir = process.env.SEGMENTWISE_SHARED_DATA ?? path.resolve(__dirname, '../../../shared/data');
export const sharedAnchorsDir = path.resolve(sharedDataDir, '../bench-anchors');
export const hasSharedData = fs.existsSync(sharedDataDir);

export function sharedDataPath(...parts: string[]): string {
  return path.join(sharedDataDir, ...parts);
}

/**
 * `describe` for tests on the real datasets. A fresh clone has no ../shared/data, so these
 * suites are skipped there (with a message saying why) and everything else still runs. The suite's
 * body is not even collected then (Jest runs a skipped describe's body, and bodies read the files),
 * so it stands as one skipped entry named with the reason.
 */
export const describeWithData: jest.Describe = hasSharedData
  ? describe
  : (((name: string) => {
      // Skipped on purpose: the datasets folder is absent in this checkout.
      test.skip(`${name} (skipped: ${sharedDataDir} not found; real-dataset tests need ../shared/data)`, () => undefined);
    }) as unknown as jest.Describe);
