/**
 * Whose work an activity is: a run started while this host is up (an upload, a request, the timer),
 * or one picked up from storage when the host started (left unfinished by a host that stopped).
 */
export type ActivityLane = 'fresh' | 'resumed';

/**
 * The host's activity slots. Fresh work takes every slot; work picked up at start runs one activity
 * at a time, and only while no fresh activity is running or waiting, so a store left with earlier
 * runs does not slow a new upload: the leftovers finish in the gaps. An activity never stops once
 * started, so a resumed one that started in a gap may overlap the next fresh one, but never more
 * than that one.
 */
export class ActivityQueue {
  private readonly waiting: Record<ActivityLane, (() => Promise<void>)[]> = { fresh: [], resumed: [] };
  private readonly running: Record<ActivityLane, number> = { fresh: 0, resumed: 0 };
  private closed = false;

  constructor(private readonly slots: number) {}

  /** Queues an activity; `start` is called when it may run, and the slot is freed when it settles. */
  push(lane: ActivityLane, start: () => Promise<void>): void {
    if (this.closed) return;
    this.waiting[lane].push(start);
    this.pump();
  }

  /** Drops what has not started and starts nothing more. */
  close(): void {
    this.closed = true;
    this.waiting.fresh.length = 0;
    this.waiting.resumed.length = 0;
  }

  /** Activities started and not yet settled, per lane. */
  get runningCount(): Readonly<Record<ActivityLane, number>> {
    return this.running;
  }

  private pump(): void {
    while (!this.closed && this.running.fresh + this.running.resumed < this.slots && this.waiting.fresh.length > 0) {
      this.begin('fresh');
    }
    const freshIdle = this.running.fresh === 0 && this.waiting.fresh.length === 0;
    if (!this.closed && freshIdle && this.running.resumed === 0 && this.waiting.resumed.length > 0) this.begin('resumed');
  }

  private begin(lane: ActivityLane): void {
    const start = this.waiting[lane].shift()!;
    this.running[lane]++;
    let settled: Promise<void>;
    try {
      settled = start();
    } catch {
      settled = Promise.resolve();
    }
    void settled
      .catch(() => undefined)
      .finally(() => {
        this.running[lane]--;
        this.pump();
      });
  }
}
