import * as fs from 'node:fs';
import * as path from 'node:path';
import { activities } from '../../../shared/pipeline/activities';
import { captureRegistrations, listFunctionFiles, triggerOf } from './captureRegistrations';
import { repoRoot } from './settingsCoverage';

// The stand-in for the Functions worker's own module, so registrations reach the capture (see functionRegistrations.test.ts).
jest.mock('@azure/functions-core', () => require('./captureRegistrations').functionsCoreMock(), { virtual: true });

/**
 * One table of activities: every activity the app registers is in shared/pipeline/activities.ts,
 * every entry of the table is registered, and no orchestrator names an activity by a string of its own.
 */
const registrations = captureRegistrations(listFunctionFiles(path.join(repoRoot, 'functions')));

test('the registered activities are exactly the table', () => {
  const registered = registrations.filter((r) => triggerOf(r)?.type === 'activityTrigger').map((r) => r.name).sort();
  expect(registered).toEqual(Object.values(activities).map((a) => a.name).sort());
  for (const [key, activity] of Object.entries(activities)) expect(activity.name).toBe(key);
});

test('orchestrators call activities through the table only', () => {
  for (const file of ['segmentationPipeline.ts', 'messagePipeline.ts']) {
    const source = fs.readFileSync(path.join(repoRoot, 'functions', file), 'utf8');
    expect({ file, byName: /callActivity(WithRetry)?\(\s*['"`]/.test(source), casts: /\)\) as /.test(source) }).toEqual({ file, byName: false, casts: false });
  }
});
