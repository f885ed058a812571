/**
 * Starts work that runs on threads and counts the turns this thread's event loop makes until it
 * settles. Ordering only, no clock: a callback scheduled after the work started runs before the work
 * resolves, and the loop turns between the work's round trips to its threads.
 */
export async function loopTurnsDuring<T>(start: () => Promise<T>): Promise<{ value: T; turns: number; order: string[] }> {
  const order: string[] = [];
  let turns = 0;
  let working = true;
  const work = start().then((value) => {
    working = false;
    order.push('work resolved');
    return value;
  });
  setImmediate(() => order.push('callback scheduled after the work started'));
  const spin = (): void => {
    if (!working) return;
    turns++;
    setImmediate(spin);
  };
  setImmediate(spin);
  const value = await work;
  return { value, turns, order };
}
