import { spawnSync } from 'node:child_process';
import { describeRequiring } from './describeRequiring';

/** The system Python that .ci/run installs scikit-learn into (Debian's python3-sklearn). */
export const python3Path = process.env.SEGMENTWISE_PYTHON ?? '/usr/bin/python3';

/** Whether that Python can import scikit-learn (and pandas, which the reference scripts read with). */
export const hasScikitLearn = spawnSync(python3Path, ['-c', 'import sklearn, pandas'], { stdio: 'ignore', timeout: 60_000 }).status === 0;

/** `describe` for tests that compare with scikit-learn: skipped on a machine without it, a failure in CI. */
export const describeWithScikitLearn: jest.Describe = describeRequiring({
  available: hasScikitLearn,
  missing: `${python3Path} cannot import sklearn and pandas`,
  install: 'apt-get install python3-sklearn python3-pandas, or set SEGMENTWISE_PYTHON',
});
