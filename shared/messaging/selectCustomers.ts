import type { MessageRequest } from './messageRequestSchema';
import type { Channel, CustomerForMessage, CustomerOutcome } from './types';

export interface CustomerSelection {
  /** Customers to write for, in request order (customerIds) or run order (segment, everyone). */
  chosen: CustomerForMessage[];
  skipped: CustomerOutcome[];
  /** Customers of the request kept without a message so a later run can measure lift. */
  holdout: string[];
}

/** Who may not be written to besides those without consent. */
export interface SelectionRules {
  channel?: Channel;
  /** Ids on the suppression list. */
  suppressed?: ReadonlySet<string>;
  /** Ids messaged on this channel within the frequency cap, with the date of that message. */
  recentlyContacted?: ReadonlyMap<string, string>;
  /** Share of the request (0..1) held out, chosen by a hash of the id and the salt. */
  holdout?: number;
  holdoutSalt?: string;
}

/**
 * The customers a request names: by id (each once, unknown ids skipped with a reason), by segment,
 * or all. Customers without consent are skipped with a reason. `limit` caps the messages: once it
 * is reached, further customers are not part of the request at all.
 */
export function selectCustomers(
  request: Pick<MessageRequest, 'customerIds' | 'segment' | 'limit'>,
  customers: readonly CustomerForMessage[],
  rules: SelectionRules = {},
): CustomerSelection {
  const skipped: CustomerOutcome[] = [];
  const holdout: string[] = [];
  let candidates: CustomerForMessage[];
  if (request.customerIds) {
    const byId = new Map<string, CustomerForMessage>();
    for (const c of customers) if (!byId.has(c.customerId)) byId.set(c.customerId, c);
    candidates = [];
    const seen = new Set<string>();
    for (const raw of request.customerIds) {
      const id = String(raw).trim();
      if (seen.has(id)) continue;
      seen.add(id);
      const customer = byId.get(id);
      if (customer) candidates.push(customer);
      else skipped.push({ customerId: id, reason: 'not found in the latest run of this dataset' });
    }
  } else if (request.segment !== undefined) {
    candidates = customers.filter((c) => c.segment === request.segment);
  } else {
    candidates = [...customers];
  }
  const chosen: CustomerForMessage[] = [];
  // A run with a repeated id still gets one message per id: the first row's.
  const taken = new Set<string>();
  const limit = request.limit ?? Number.POSITIVE_INFINITY;
  for (const customer of candidates) {
    if (chosen.length >= limit) break;
    if (taken.has(customer.customerId)) continue;
    taken.add(customer.customerId);
    const id = customer.customerId;
    if (!customer.consent) skipped.push({ customerId: id, reason: 'no consent to receive messages' });
    else if (rules.channel && customer.channelConsent?.[rules.channel] === false) skipped.push({ customerId: id, reason: `no consent to receive ${rules.channel} messages` });
    else if (rules.suppressed?.has(id)) skipped.push({ customerId: id, reason: 'on the suppression list' });
    else if (rules.recentlyContacted?.has(id)) skipped.push({ customerId: id, reason: `frequency cap: already messaged on ${rules.channel} on ${rules.recentlyContacted.get(id)}` });
    else if (rules.holdout && inHoldout(id, rules.holdout, rules.holdoutSalt ?? '')) holdout.push(id);
    else chosen.push(customer);
  }
  return { chosen, skipped, holdout };
}

/** A stable draw per customer and request: the same request holds out the same customers. */
export function inHoldout(customerId: string, share: number, salt: string): boolean {
  let h = 0x811c9dc5;
  const key = `${salt}|${customerId}`;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return (h >>> 0) / 2 ** 32 < share;
}
