/** Something a suite needs from the machine (a browser, a Python package) and how to get it. */
export interface Requirement {
  available: boolean;
  /** What is missing, e.g. "no chromium at /usr/bin/chromium". */
  missing: string;
  /** How to install it, e.g. "apt-get install chromium". */
  install: string;
}

/** CI installs every requirement (.ci/run); there a missing one is a broken machine, not a reason to skip. */
export const inCi = Boolean(process.env.CI) && process.env.CI !== 'false';

/**
 * `describe` for a suite that needs something the machine may lack. Where it is there, the suite
 * runs. Where it is not, a user's machine skips the suite with the reason in its name, and CI fails
 * it with the same reason, so a green CI run never means "skipped".
 */
export function describeRequiring(requirement: Requirement): jest.Describe {
  if (requirement.available) return describe;
  const reason = `${requirement.missing}; ${requirement.install}`;
  return ((name: string, fn: () => void) => {
    if (inCi) {
      describe(name, () => {
        test(`has what it needs (CI=${process.env.CI})`, () => {
          throw new Error(`${name} cannot run: ${reason}. CI must not skip it.`);
        });
      });
    } else {
      // Skipped on purpose: this machine lacks what the suite needs; the name says what and how to get it.
      describe.skip(`${name} (skipped: ${reason})`, fn);
    }
  }) as unknown as jest.Describe;
}
