import type { MessageRequest } from './messageRequestSchema';
import type { CustomerForMessage, CustomerOutcome } from './types';

export interface CustomerSelection {
  /** Customers to write for, in request order (customerIds) or run order (segment, everyone). */
  chosen: CustomerForMessage[];
  skipped: CustomerOutcome[];
}

/**
 * The customers a request names: by id (each once, unknown ids skipped with a reason), by segment,
 * or all. Customers without consent are skipped with a reason. `limit` caps the messages: once it
 * is reached, further customers are not part of the request at all.
 */
export function selectCustomers(
  request: Pick<MessageRequest, 'customerIds' | 'segment' | 'limit'>,
  customers: readonly CustomerForMessage[],
): CustomerSelection {
  const skipped: CustomerOutcome[] = [];
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
    if (!customer.consent) skipped.push({ customerId: customer.customerId, reason: 'no consent to receive messages' });
    else chosen.push(customer);
  }
  return { chosen, skipped };
}
