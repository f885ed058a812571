import { decideReservation, type CallLedger, type CallLedgerDay, type CallReservation } from '../messaging/CallLedger';
import type { BlobStore } from '../storage/BlobStore';

/** `results/_messaging/budget/<yyyy-mm-dd>.json`: one UTC day's model calls and the circuit's pause. */
export const callLedgerPath = (day: string) => `_messaging/budget/${day}.json`;

/**
 * The ledgers a sweep may remove: a day's file counts only on that UTC day, so those of days before
 * yesterday (yesterday's is kept for a request still running across midnight) are done with.
 */
export function staleCallLedgers(names: readonly string[], now: Date): string[] {
  const yesterday = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
  return names.filter((name) => {
    const day = /^_messaging\/budget\/(\d{4}-\d{2}-\d{2})\.json$/.exec(name)?.[1];
    return day !== undefined && day < yesterday;
  });
}

/**
 * The model's daily call count and circuit pause in blob storage, updated only if unchanged since
 * read (ETag), so every host of the app and a restarted one count against the same budget.
 */
export class BlobCallLedger implements CallLedger {
  constructor(private readonly store: BlobStore) {}

  reserve(day: string, limit: number, now: number): Promise<CallReservation> {
    return this.update(day, (entry) => decideReservation(entry, limit, now));
  }

  async openCircuit(day: string, until: number): Promise<void> {
    await this.update(day, (entry) => {
      entry.openUntil = Math.max(entry.openUntil ?? 0, until);
      return { ok: true };
    });
  }

  /** Read, decide, write if unchanged; another host's write in between means read again. */
  private async update(day: string, decide: (entry: CallLedgerDay) => CallReservation): Promise<CallReservation> {
    const name = callLedgerPath(day);
    for (let attempt = 0; attempt < 100; attempt++) {
      const current = await this.store.readJsonVersion<CallLedgerDay>(this.store.resultsContainer, name);
      const entry: CallLedgerDay = current ? { ...current.value } : { day, calls: 0 };
      const before = JSON.stringify(entry);
      const decision = decide(entry);
      if (JSON.stringify(entry) === before) return decision;
      if (await this.store.writeJsonIfUnchanged(this.store.resultsContainer, name, entry, current?.etag)) return decision;
      // Spread the contenders out a little so they do not collide again at once.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 5 * (attempt + 1))));
    }
    throw new Error(`${name} kept changing under concurrent updates`);
  }
}
