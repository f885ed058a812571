/**
 * Where the model's daily call count and the circuit breaker's pause are kept. In memory they die
 * with the host; the app keeps them in blob storage (shared/api/messageCallLedger.ts) so a restart or
 * a second host counts against the same budget and honours the same pause.
 */
export interface CallLedger {
  /**
   * Counts one call for `day` (YYYY-MM-DD, UTC) unless the day already made `limit` calls or the
   * circuit is open at `now`; says which when it refuses.
   */
  reserve(day: string, limit: number, now: number): Promise<CallReservation>;
  /** Records that calls pause until `until` (milliseconds since the epoch). */
  openCircuit(day: string, until: number): Promise<void>;
}

export type CallReservation = { ok: true } | { ok: false; reason: 'budget' } | { ok: false; reason: 'circuit'; openUntil: number };

/** One day's calls and the circuit's pause, as the ledger stores them. */
export interface CallLedgerDay {
  day: string;
  calls: number;
  openUntil?: number;
}

/** A ledger of this process only: what one host without storage (tests, benches) needs. */
export class MemoryCallLedger implements CallLedger {
  private readonly days = new Map<string, CallLedgerDay>();

  reserve(day: string, limit: number, now: number): Promise<CallReservation> {
    const entry = this.days.get(day) ?? { day, calls: 0 };
    this.days.set(day, entry);
    return Promise.resolve(decideReservation(entry, limit, now));
  }

  openCircuit(day: string, until: number): Promise<void> {
    const entry = this.days.get(day) ?? { day, calls: 0 };
    entry.openUntil = Math.max(entry.openUntil ?? 0, until);
    this.days.set(day, entry);
    return Promise.resolve();
  }
}

/** The one rule both ledgers apply: an open circuit first, then the day's budget; counts the call when it may go. */
export function decideReservation(entry: CallLedgerDay, limit: number, now: number): CallReservation {
  if ((entry.openUntil ?? 0) > now) return { ok: false, reason: 'circuit', openUntil: entry.openUntil! };
  if (entry.calls >= limit) return { ok: false, reason: 'budget' };
  entry.calls++;
  return { ok: true };
}
