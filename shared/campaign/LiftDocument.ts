import type { GroupComparison } from './compareGroups';
import type { QiniSummary } from './qiniCurve';
import type { LiftBreakdown } from './measureLift';

/** One message request whose messaged and held-out customers this run measured. */
export interface MeasuredRequest {
  runId: string;
  requestId: string;
  messaged: number;
  holdout: number;
}

/** The effect the budget plan uses: a share of the outcome the campaign moves, with its interval. */
export interface PlanEffect {
  /**
   * `uplift`: each customer's own estimate (customers.jsonl `uplift`); `measured`: messaged against
   * held-out customers; `experiment`: the treatment column's arms against control; `assumption`: no
   * campaign in the data, a stated guess.
   */
  source: 'uplift' | 'measured' | 'experiment' | 'assumption';
  assumption: boolean;
  /**
   * Relative effect: the change contact makes in the positive outcome's rate, in the campaign's
   * direction (fewer churners, more buyers), as a fraction of the control rate. Expected gain of
   * contacting a customer = probability of the positive outcome × value × relative.
   */
  relative: { value: number; low: number; high: number };
  /** Per segment where its own comparison was measured (others take `relative`). */
  bySegment: { segment: number; value: number; low: number; high: number }[];
  description: string;
}

/** lift.json (docs/CONTRACTS.md): what the run measured about campaigns, and the effect a plan uses. */
export interface LiftDocument {
  runId: string;
  goal: 'churn' | 'conversion' | 'neutral';
  /** The 0/1 outcome compared (the target and its positive value); null without a target. */
  outcome: { column: string; positive: string } | null;
  /** The column compared as spend per customer (the value column), when there is one. */
  spendColumn: string | null;
  /** Messaged against held-out customers of earlier message requests on this dataset. */
  measured:
    | ({ status: 'measured'; requests: MeasuredRequest[] } & LiftBreakdown)
    | { status: 'no-campaign' | 'too-little-data' | 'no-outcome'; requests: MeasuredRequest[]; reason: string; overall?: GroupComparison };
  /** The treatment column's arms against its control, when the manifest names one. */
  experiment?: {
    column: string;
    control: string;
    arms: ({ arm: string } & LiftBreakdown)[];
  };
  /** Two-model uplift, when the manifest names a treatment and the target can be modelled per arm. */
  uplift?: {
    method: 'two-model';
    model: string;
    testShare: number;
    arms: { arm: string; trainTreated: number; trainControl: number; meanUplift: number; heldOut: QiniSummary }[];
    skipped: { arm: string; reason: string }[];
    /** Segments by the expected extra desired outcomes if all their customers were treated with their best arm. */
    segments: UpliftSegment[];
  };
  effect: PlanEffect;
}

export interface UpliftSegment {
  segment: number;
  name: string;
  customers: number;
  /** Mean of `uplift` (change in the positive outcome's probability). */
  meanUplift: number;
  /** Customers whose best arm is estimated to move them the way the campaign wants. */
  persuadables: number;
  /** Σ of the estimated benefit: extra desired outcomes if the whole segment were treated. */
  expectedExtra: number;
  rank: number;
}
