import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { LiftDocument } from '../campaign/LiftDocument';
import { planTargeting, type PlanCustomer, type Range } from '../campaign/planTargeting';
import { runPaths } from '../pipeline/runPaths';
import { streamRunCustomers } from '../results/readRunCustomers';
import type { BlobStore } from '../storage/BlobStore';
import { latestRunId } from './datasetQueries';

/** The body of POST /api/plan (docs/CONTRACTS.md). */
export const planRequestSchema = z.strictObject({
  dataset: z
    .string()
    .transform((s) => s.trim().toLowerCase())
    .pipe(z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'dataset must be a dataset folder name such as "telco-churn"')),
  budget: z.number().finite().positive('budget must be a positive amount'),
  costPerContact: z.number().finite().positive('costPerContact must be a positive amount'),
  /** Offers to choose between per customer: each its own cost and effect (a multiple of the measured effect, 1 when absent). */
  offers: z
    .array(z.strictObject({ id: z.string().min(1).max(64), costPerContact: z.number().finite().positive().optional(), effect: z.number().finite().min(0).max(10).optional() }))
    .min(1)
    .max(20)
    .optional(),
});

export type PlanRequest = z.output<typeof planRequestSchema>;

export interface PlanAnswer {
  planId: string;
  dataset: string;
  runId: string;
  budget: number;
  costPerContact: number;
  contacts: number;
  spent: number;
  expectedGain: Range;
  expectedReturn: Range;
  /** The effect behind every figure: measured, estimated per customer, or a stated assumption. */
  effect: LiftDocument['effect'];
  /** What the gains are counted in: the value column's units, or customers when the run has none. */
  valueUnit: string;
  stoppedBecause: 'budget' | 'no-positive-return' | 'no-customers';
  alternatives: { random: number; highestRiskFirst: number };
  /** Customers left out: without consent (a message could not go to them), or without a score. */
  excluded: { notConsenting: number; unscored: number };
  /** The contacts, best first: `customerIds` for POST /api/messages, in batches of at most 10,000. */
  customerIds: string[];
  customers: { customerId: string; segment: number; offer?: string; cost: number; expectedGain: number }[];
  /** Where the plan is stored. */
  file: string;
}

/** A plan that cannot be made as asked: the HTTP function answers with this status and code. */
export class PlanRefused extends Error {
  override name = 'PlanRefused';
  constructor(
    readonly status: 404 | 409,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * POST /api/plan: whom to contact within a budget to maximise the expected saved (churn) or won
 * (conversion) value on the dataset's latest run, with the effect lift.json settles on. Only
 * consenting customers are planned, since a message could not go to the others. The plan is stored
 * under results/<dataset>/<runId>/plans/<planId>.json; the same request on the same run gives the same planId.
 */
export async function planCampaign(store: BlobStore, request: PlanRequest): Promise<PlanAnswer> {
  const runId = await latestRunId(store, request.dataset);
  if (!runId) throw new PlanRefused(404, 'dataset_not_found', `Dataset ${request.dataset} has no completed run to plan from.`);
  const lift = await store.readJson<LiftDocument>(store.resultsContainer, runPaths.file(request.dataset, runId, 'lift.json'));
  if (!lift) throw new PlanRefused(409, 'no_lift', `Run ${runId} of ${request.dataset} has no lift.json (it ran before campaigns were measured): upload the data again to plan.`);
  const valueColumn = lift.spendColumn;
  const customers: PlanCustomer[] = [];
  let notConsenting = 0;
  for await (const c of streamRunCustomers(store, request.dataset, runId)) {
    if (c.id === null) continue;
    if (!c.consent) {
      notConsenting++;
      continue;
    }
    const raw = valueColumn ? c.attributes[valueColumn] : 1;
    const value = typeof raw === 'number' && Number.isFinite(raw) ? Math.max(0, raw) : valueColumn ? 0 : 1;
    customers.push({ id: c.id, segment: c.segment, probability: c.churnProbability, value, ...(c.uplift !== undefined ? { uplift: c.uplift } : {}) });
  }
  const plan = planTargeting(customers, {
    budget: request.budget,
    costPerContact: request.costPerContact,
    ...(request.offers ? { offers: request.offers } : {}),
    effect: lift.effect,
    direction: lift.goal === 'churn' ? -1 : 1,
  });
  const planId = createHash('sha256').update(JSON.stringify([runId, request])).digest('hex').slice(0, 16);
  const file = runPaths.file(request.dataset, runId, `plans/${planId}.json`);
  const answer: PlanAnswer = {
    planId,
    dataset: request.dataset,
    runId,
    budget: request.budget,
    costPerContact: request.costPerContact,
    contacts: plan.contacts,
    spent: plan.spent,
    expectedGain: plan.expectedGain,
    expectedReturn: plan.expectedReturn,
    effect: lift.effect,
    valueUnit: valueColumn ?? 'customers',
    stoppedBecause: plan.stoppedBecause,
    alternatives: plan.alternatives,
    excluded: { notConsenting, unscored: plan.unscored },
    customerIds: plan.customers.map((c) => c.customerId),
    customers: plan.customers,
    file,
  };
  await store.writeJson(store.resultsContainer, file, answer);
  return answer;
}
