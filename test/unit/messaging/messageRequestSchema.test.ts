import { messageRequestSchema } from '../../../shared/messaging/messageRequestSchema';
import { parseMessageRequest } from '../../../shared/messaging/parseMessageRequest';

describe('messageRequestSchema', () => {
  it('accepts the smallest request and fills defaults', () => {
    const r = messageRequestSchema.parse({ dataset: 'Telco-Churn', segment: 2, channel: 'sms' });
    expect(r).toEqual({ dataset: 'telco-churn', segment: 2, channel: 'sms', tone: 'friendly', maxParts: 1 });
  });

  it('reads numeric customer ids as strings and lower-cases the language', () => {
    const r = messageRequestSchema.parse({ dataset: 'one-click', customerIds: [215348, '215349'], channel: 'email', language: 'PT-BR', goal: 'reengage' });
    expect(r.customerIds).toEqual(['215348', '215349']);
    expect(r.language).toBe('pt-br');
    expect(r.goal).toBe('reengage');
  });

  it('takes an offer catalogue in the request', () => {
    const r = messageRequestSchema.parse({
      dataset: 'x',
      channel: 'push',
      offers: [{ id: 'free-ship', name: 'Free delivery for a month', kind: 'retention' }],
    });
    expect(r.offers?.offers[0]).toMatchObject({ id: 'free-ship', kind: 'retention', priority: 0 });
  });
});

describe('parseMessageRequest', () => {
  it('words every problem for a 400', () => {
    const result = parseMessageRequest({ dataset: 'Bad Name!', channel: 'fax', chanel: 'sms', limit: 0 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_request');
    const paths = result.error.details.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['dataset', 'channel', 'limit', '']));
    expect(result.error.message).toMatch(/channel must be "email", "sms" or "push"/);
    expect(result.error.message).toMatch(/unknown field\(s\) "chanel"/);
  });

  it('says which required field is missing', () => {
    const result = parseMessageRequest({ dataset: 'telco' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.details).toContainEqual({ path: 'channel', message: expect.any(String) });
  });

  it('tells a field of the wrong type from a missing one', () => {
    const result = parseMessageRequest({ dataset: 'telco', channel: 'sms', limit: 'ten', customerIds: 'C1' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const byPath = Object.fromEntries(result.error.details.map((d) => [d.path, d.message]));
    expect(byPath.limit).not.toBe('is required');
    expect(byPath.limit).toMatch(/number/);
    expect(byPath.customerIds).not.toBe('is required');
  });

  it('refuses customerIds together with a segment, and non-object bodies', () => {
    const both = parseMessageRequest({ dataset: 'telco', channel: 'sms', customerIds: ['1'], segment: 0 });
    expect(both.ok).toBe(false);
    if (!both.ok) expect(both.error.message).toMatch(/either customerIds or segment/);
    const notObject = parseMessageRequest('hello');
    expect(notObject.ok).toBe(false);
    if (!notObject.ok) expect(notObject.error.message).toMatch(/JSON object/);
  });

  it('refuses request ids that could not name a blob', () => {
    expect(parseMessageRequest({ dataset: 'telco', channel: 'sms', requestId: '../x' }).ok).toBe(false);
    expect(parseMessageRequest({ dataset: 'telco', channel: 'sms', requestId: 'campaign-2026.05_a' }).ok).toBe(true);
  });
});
