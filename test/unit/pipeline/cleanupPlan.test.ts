import { groupRunFolders, groupScoreFolders, planCleanup, type StoredBlob } from '../../../shared/pipeline/cleanupPlan';

/** What the timer's sweep removes, decided from a listing, latest.json, what is in progress and the clock. */
const now = new Date('2026-11-30T12:00:00.000Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
const blob = (name: string, age: number): StoredBlob => ({ name, size: 10, lastModified: daysAgo(age) });

const oldRun = 'aaaaaaaaaaaaaaaa';
const latestRun = 'bbbbbbbbbbbbbbbb';
const failedRun = 'cccccccccccccccc';
const freshRun = 'dddddddddddddddd';
const listing = [
  blob('telco/latest.json', 1),
  blob(`telco/${oldRun}/assignments.csv`, 40),
  blob(`telco/${oldRun}/messages/spring.json`, 35),
  blob(`telco/${oldRun}/_work/messages/spring/plan.json`, 35),
  blob(`telco/${latestRun}/assignments.csv`, 50),
  blob(`telco/${latestRun}/_work/messages/summer/plan.json`, 45),
  blob(`telco/${failedRun}/error.json`, 8),
  blob(`telco/${failedRun}/_work/table.bin`, 8),
  blob(`telco/${freshRun}/_work/table.bin`, 0.5),
  blob('telco/_contacts/email.json', 60),
  blob('telco/_privacy/2026-01-01T00-00-00-000Z-0123456789abcdef.json', 300),
  blob('_messages/spring.json', 35),
  blob('_rejected/0123456789abcdef/error.json', 400),
];
const latest = new Map([['telco', latestRun]]);

test('a listing groups into run folders; latest.json, ledgers, privacy records and top-level folders are not runs', () => {
  const folders = groupRunFolders(listing);
  expect(folders.map((f) => f.runId).sort()).toEqual([oldRun, latestRun, failedRun, freshRun].sort());
  const old = folders.find((f) => f.runId === oldRun)!;
  expect(old.lastChanged).toEqual(daysAgo(35));
  expect(old.work.map((u) => u.instanceId)).toEqual([`messages-${oldRun}-spring`]);
  expect(folders.find((f) => f.runId === failedRun)!.work.map((u) => u.instanceId)).toEqual([failedRun]);
});

test('retention removes runs unchanged for longer than the setting, never the one latest.json names', () => {
  const plan = planCleanup(groupRunFolders(listing), latest, new Set(), now, { retentionDays: 30, failedWorkDays: 7 });
  expect(plan.runs.map((f) => f.runId)).toEqual([oldRun]);
  expect(plan.keptLatest).toBe(1);
  // Hand-over files older than 7 days go in runs that stay; the fresh run's stay.
  expect(plan.work.map((u) => u.instanceId).sort()).toEqual([failedRun, `messages-${latestRun}-summer`].sort());
});

test('retention 0 keeps every run; work files still go by their own age', () => {
  const plan = planCleanup(groupRunFolders(listing), latest, new Set(), now, { retentionDays: 0, failedWorkDays: 30 });
  expect(plan.runs).toEqual([]);
  expect(plan.work.map((u) => u.instanceId).sort()).toEqual([`messages-${oldRun}-spring`, `messages-${latestRun}-summer`].sort());
});

test('nothing of an orchestration in progress is removed, however old', () => {
  const inProgress = new Set([oldRun, failedRun, `messages-${latestRun}-summer`]);
  const plan = planCleanup(groupRunFolders(listing), latest, inProgress, now, { retentionDays: 1, failedWorkDays: 0 });
  expect(plan.runs.map((f) => f.runId)).toEqual([]);
  expect(plan.keptInProgress).toBe(2);
  expect(plan.work.map((u) => u.instanceId).sort()).toEqual([`messages-${oldRun}-spring`, freshRun].sort());
});

test('a message request in progress keeps its run', () => {
  const plan = planCleanup(groupRunFolders(listing), latest, new Set([`messages-${oldRun}-spring`]), now, { retentionDays: 30, failedWorkDays: 7 });
  expect(plan.runs).toEqual([]);
  expect(plan.keptInProgress).toBe(1);
});

test('batch scores go with the same retention unless still running', () => {
  const scores = groupScoreFolders([
    blob('telco/scores/old/scores.csv', 40),
    blob('telco/scores/old/status.json', 40),
    blob('telco/scores/busy/status.json', 40),
    blob('telco/scores/new/scores.csv', 2),
  ]).map((s) => ({ ...s, running: s.scoreId === 'busy' }));
  expect(scores.map((s) => s.scoreId).sort()).toEqual(['busy', 'new', 'old']);
  const plan = planCleanup([], latest, new Set(), now, { retentionDays: 30, failedWorkDays: 7 }, scores);
  expect(plan.scores.map((s) => s.scoreId)).toEqual(['old']);
  expect(planCleanup([], latest, new Set(), now, { retentionDays: 0, failedWorkDays: 7 }, scores).scores).toEqual([]);
  // Score folders are not runs.
  expect(groupRunFolders([blob('telco/scores/0123456789abcdef/scores.csv', 1)])).toEqual([]);
});
