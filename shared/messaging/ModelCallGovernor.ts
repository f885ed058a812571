import { MemoryCallLedger, type CallLedger, type CallReservation } from './CallLedger';
import { MessageWriteError } from './MessageWriteError';

/** What one request spent on the model: the response and the stored result report it. */
export interface ModelUsage {
  calls: number;
  promptTokens: number;
  completionTokens: number;
  /** From the cost settings per 1,000 tokens; an estimate, not an invoice. */
  estimatedCost: number;
}

/** One request's meter: its calls against its own budget. */
export class CallMeter {
  calls = 0;
  promptTokens = 0;
  completionTokens = 0;
  constructor(readonly budget: number = Number.POSITIVE_INFINITY) {}

  usage(costPer1kInput = 0, costPer1kOutput = 0): ModelUsage {
    const cost = (this.promptTokens / 1000) * costPer1kInput + (this.completionTokens / 1000) * costPer1kOutput;
    return { calls: this.calls, promptTokens: this.promptTokens, completionTokens: this.completionTokens, estimatedCost: Math.round(cost * 1e6) / 1e6 };
  }
}

export interface ModelCallGovernorOptions {
  /** Calls in flight at once on this host, whatever the number of requests. */
  concurrency: number;
  /** Calls per UTC day, counted in `ledger` (every host sharing it shares the budget). */
  dailyBudget: number;
  /** Consecutive failed calls that open the circuit. */
  circuitFailures: number;
  /** How long the circuit stays open before one call may try again. */
  circuitOpenMs?: number;
  /** Where the day's calls and the circuit's pause are kept; this process's memory when absent. */
  ledger?: CallLedger;
  now?: () => number;
}

/**
 * The host's one gate to the model: a shared concurrency limit, a daily call budget and a circuit
 * breaker, plus each request's own call budget through its meter. A call over a budget, or while the
 * circuit is open, fails with the reason (fatal, so the rest of the request is marked failed with it
 * rather than silently dropped). The daily count and the circuit's pause live in the ledger, so they
 * outlast the host when the ledger is in storage.
 */
export class ModelCallGovernor {
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];
  private consecutiveFailures = 0;
  private openUntil = 0;
  private readonly now: () => number;
  private readonly ledger: CallLedger;

  constructor(private readonly options: ModelCallGovernorOptions) {
    this.now = options.now ?? Date.now;
    this.ledger = options.ledger ?? new MemoryCallLedger();
  }

  /** Runs one model call under every limit; `tokens` reads the usage from its result. */
  async call<T>(meter: CallMeter | undefined, run: () => Promise<T>, tokens: (result: T) => { prompt: number; completion: number }): Promise<T> {
    if (this.now() < this.openUntil) throw this.circuitOpen();
    if (meter && meter.calls >= meter.budget) {
      throw new MessageWriteError(`budget: the request used its ${meter.budget} model calls (SEGMENTWISE_OPENAI_REQUEST_CALL_BUDGET)`, { fatal: true });
    }
    // Counted before the ledger answers, so calls started together cannot overrun the request's budget.
    if (meter) meter.calls++;
    const now = this.now();
    let reservation: CallReservation;
    try {
      reservation = await this.ledger.reserve(dayOf(now), this.options.dailyBudget, now);
    } catch (error) {
      if (meter) meter.calls--;
      throw new MessageWriteError(`the day's model call count could not be read or updated: ${(error as Error)?.message ?? String(error)}`, { cause: error });
    }
    if (!reservation.ok) {
      if (meter) meter.calls--;
      if (reservation.reason === 'circuit') {
        this.openUntil = Math.max(this.openUntil, reservation.openUntil);
        throw this.circuitOpen();
      }
      throw new MessageWriteError(`budget: the app made its ${this.options.dailyBudget} model calls for today (SEGMENTWISE_OPENAI_DAILY_CALL_BUDGET)`, { fatal: true });
    }
    await this.acquire();
    try {
      const result = await run();
      this.consecutiveFailures = 0;
      const used = tokens(result);
      if (meter) {
        meter.promptTokens += used.prompt;
        meter.completionTokens += used.completion;
      }
      return result;
    } catch (error) {
      if (++this.consecutiveFailures >= this.options.circuitFailures) {
        const now = this.now();
        this.openUntil = now + (this.options.circuitOpenMs ?? 30_000);
        this.consecutiveFailures = 0;
        // Other hosts (and this one after a restart) pause too; the call's own error is what the caller sees.
        await this.ledger.openCircuit(dayOf(now), this.openUntil).catch(() => undefined);
      }
      throw error;
    } finally {
      this.release();
    }
  }

  private circuitOpen(): MessageWriteError {
    return new MessageWriteError(`budget: the model failed ${this.options.circuitFailures} times in a row, so calls are paused (circuit open)`, { fatal: true });
  }

  private acquire(): Promise<void> {
    if (this.inFlight < this.options.concurrency) {
      this.inFlight++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.inFlight--;
  }
}

function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
