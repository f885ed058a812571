import { EmbeddedWriter } from '../../../shared/messaging/EmbeddedWriter';
import { findUnsuppliedContent } from '../../../shared/messaging/findUnsuppliedContent';
import { complianceFooter } from '../../../shared/messaging/messagePolicy';
import { messageRequestSchema } from '../../../shared/messaging/messageRequestSchema';
import { writeMessages } from '../../../shared/messaging/writeMessages';
import { messageAudience } from '../../../tools/datasets/messageAudience';

/**
 * The embedded writer composes from each customer's own facts, so 1,000 customers read mostly
 * differently, also in one SMS part, where UCS-2 (Russian, Portuguese, accented Spanish) leaves
 * 70 characters with the opt-out.
 */
const { customers, segments } = messageAudience(1000);

describe('distinct texts for 1,000 customers', () => {
  it.each(['ru', 'pt', 'es', 'en'])('SMS in %s at maxParts 1: more than half distinct, every one in one part with its opt-out', async (language) => {
    const result = await writeMessages({
      request: messageRequestSchema.parse({ dataset: 'audience', channel: 'sms', language, maxParts: 1 }),
      customers,
      segments,
      writer: new EmbeddedWriter(),
      concurrency: 8,
    });
    expect(result.failed).toEqual([]);
    expect(result.messages).toHaveLength(1000);
    const footer = complianceFooter('sms', language);
    for (const m of result.messages) {
      expect(m.parts).toBe(1);
      expect(m.text.length).toBeLessThanOrEqual(m.encoding === 'GSM-7' ? 160 : 70);
      expect(m.text.endsWith(footer)).toBe(true);
      expect(findUnsuppliedContent(m.text)).toEqual([]);
    }
    const distinct = new Set(result.messages.map((m) => m.text)).size / result.messages.length;
    expect(distinct).toBeGreaterThan(0.5);
  });

  it.each(['ru', 'pt', 'es', 'en'])('push and e-mail in %s: mostly distinct too', async (language) => {
    for (const channel of ['push', 'email'] as const) {
      const result = await writeMessages({ request: messageRequestSchema.parse({ dataset: 'audience', channel, language }), customers, segments, writer: new EmbeddedWriter(), concurrency: 8 });
      expect(result.failed).toEqual([]);
      expect(new Set(result.messages.map((m) => m.text)).size / result.messages.length).toBeGreaterThan(0.9);
    }
  });
});
