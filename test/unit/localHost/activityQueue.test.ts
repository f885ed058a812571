import { ActivityQueue, type ActivityLane } from '../../../local/durable/ActivityQueue';

/** Activities the test finishes by hand, recording the order they start in. */
function harness(slots: number) {
  const queue = new ActivityQueue(slots);
  const started: string[] = [];
  const finishers = new Map<string, () => void>();
  let mostResumedAtOnce = 0;
  const push = (lane: ActivityLane, name: string) =>
    queue.push(lane, () => {
      started.push(name);
      mostResumedAtOnce = Math.max(mostResumedAtOnce, queue.runningCount.resumed);
      return new Promise<void>((resolve) => finishers.set(name, resolve));
    });
  // Settling runs through a few promise callbacks: one turn of the event loop lets them all run.
  const finish = async (name: string) => {
    finishers.get(name)!();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { queue, started, push, finish, mostResumedAtOnce: () => mostResumedAtOnce };
}

test('runs picked up at start take one slot at most and wait while a fresh run has work', async () => {
  const { queue, started, push, finish, mostResumedAtOnce } = harness(2);
  // Three leftovers from a previous host: only one starts, though two slots are free.
  push('resumed', 'old-1');
  push('resumed', 'old-2');
  push('resumed', 'old-3');
  expect(started).toEqual(['old-1']);

  // A fresh upload's fan-out: it takes the free slot now and every slot the leftover frees.
  for (const name of ['new-1', 'new-2', 'new-3']) push('fresh', name);
  expect(started).toEqual(['old-1', 'new-1']);
  await finish('old-1');
  expect(started).toEqual(['old-1', 'new-1', 'new-2']);
  expect(queue.runningCount).toEqual({ fresh: 2, resumed: 0 });
  await finish('new-1');
  expect(started).toEqual(['old-1', 'new-1', 'new-2', 'new-3']);
  await finish('new-2');
  // One fresh activity still running: the leftovers keep waiting, though a slot is free.
  expect(started).toHaveLength(4);
  expect(queue.runningCount).toEqual({ fresh: 1, resumed: 0 });
  await finish('new-3');
  expect(started).toEqual(['old-1', 'new-1', 'new-2', 'new-3', 'old-2']);
  await finish('old-2');
  expect(started.at(-1)).toBe('old-3');
  await finish('old-3');
  expect(mostResumedAtOnce()).toBe(1);
  expect(queue.runningCount).toEqual({ fresh: 0, resumed: 0 });
});

test('fresh work alone fills every slot, and nothing starts after close', async () => {
  const { queue, started, push, finish } = harness(3);
  for (let i = 1; i <= 5; i++) push('fresh', `run-${i}`);
  expect(started).toEqual(['run-1', 'run-2', 'run-3']);
  await finish('run-2');
  expect(started).toEqual(['run-1', 'run-2', 'run-3', 'run-4']);
  queue.close();
  await finish('run-1');
  push('fresh', 'late');
  push('resumed', 'late-old');
  expect(started).toEqual(['run-1', 'run-2', 'run-3', 'run-4']);
});

test('an activity that fails frees its slot like one that succeeds', async () => {
  const queue = new ActivityQueue(1);
  const started: string[] = [];
  queue.push('fresh', async () => {
    started.push('fails');
    throw new Error('activity failed');
  });
  queue.push('fresh', async () => {
    started.push('next');
  });
  await new Promise((resolve) => setImmediate(resolve));
  expect(started).toEqual(['fails', 'next']);
});
