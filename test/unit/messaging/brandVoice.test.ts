import { speak, voiceOf } from '../../../shared/messaging/brandVoice';
import { buildMessagePrompt } from '../../../shared/messaging/buildMessagePrompt';
import { runDistributions } from '../../../shared/messaging/claimEvidence';
import { EmbeddedWriter } from '../../../shared/messaging/EmbeddedWriter';
import type { Channel, Tone } from '../../../shared/messaging/types';
import { validateDraft } from '../../../shared/messaging/validateDraft';
import { makeCustomer, makeCustomers, segments } from './fixtures';

/** Tone and brand voice change the embedded writer's own wording, per language, not only a model's prompt. */
const run = makeCustomers(60);
const distributions = runDistributions(run);
const writer = new EmbeddedWriter();

function texts(language: string, channel: Channel, tone: Tone, policy: { brandVoice?: string; brandName?: string } = {}): string[] {
  return run.slice(0, 40).map((customer) => {
    const prompt = buildMessagePrompt({ customer, segment: segments[customer.segment]!, channel, language, tone, goal: 'retain', distributions, policy });
    const draft = writer.compose(prompt);
    expect(validateDraft(draft, prompt)).toEqual([]);
    return `${draft.title ?? ''} ${draft.text}`;
  });
}

describe('reading a brand voice', () => {
  it.each([
    ['formal, courteous', 'formal'],
    ['trato de usted, cortés', 'formal'],
    ['официальный и вежливый', 'formal'],
    ['respeitoso e cordial', 'formal'],
    ['playful and witty', 'playful'],
    ['divertido y desenfadado', 'playful'],
    ['descontraído', 'playful'],
    ['игривый', 'playful'],
    ['warm and friendly', 'friendly'],
  ])('"%s" speaks in the %s register', (brandVoice, register) => {
    expect(voiceOf('urgent', brandVoice).register).toBe(register);
  });

  it('keeps the tone when the brand voice says nothing of a register; exclaims unless told not to or formal', () => {
    expect(voiceOf('playful', 'short sentences')).toEqual({ register: 'playful', exclamations: true });
    expect(voiceOf('friendly', 'no exclamation marks').exclamations).toBe(false);
    expect(voiceOf('friendly', 'sin exclamaciones').exclamations).toBe(false);
    expect(voiceOf('friendly', 'без восклицательных знаков').exclamations).toBe(false);
    expect(voiceOf('formal', undefined)).toEqual({ register: 'formal', exclamations: false });
  });
});

describe('the formal register per language (fixed phrases)', () => {
  const formal = voiceOf('formal', undefined);
  it.each([
    ['es', 'Te echamos de menos.', 'Le echamos de menos.'],
    ['es', 'Pásate cuando quieras.', 'Pase cuando quiera.'],
    ['es', 'Tenemos para ti más de lo que imaginas.', 'Tenemos para usted más de lo que imagina.'],
    ['es', '¡Gracias por tu fidelidad!', 'Gracias por su fidelidad.'],
    ['es', 'Entra y descubre lo que te espera.', 'Entre y descubra lo que le espera.'],
    ['es', 'Nuestro equipo está listo para ayudarte en lo que necesites.', 'Nuestro equipo está listo para ayudarle en lo que necesite.'],
    ['es', 'Encontramos novedades que van mucho contigo.', 'Encontramos novedades que van mucho con usted.'],
    ['ru', 'Мы по вам скучаем.', 'Мы по Вам скучаем.'],
    ['ru', 'Спасибо, что вы с нами так долго.', 'Спасибо, что Вы с нами так долго.'],
    ['ru', 'В вашей корзине ещё ждут товары.', 'В Вашей корзине ещё ждут товары.'],
    ['en', "It's been a while since your last order, and we've missed you.", 'It has been a while since your last order, and we have missed you.'],
    ['en', "We're glad you're enjoying your time with us.", 'We are glad you are enjoying your time with us.'],
    ['pt', 'Obrigado por escolher a gente.', 'Obrigado por nos escolher.'],
  ])('%s: "%s" → "%s"', (language, informal, expected) => {
    expect(speak(informal, language as 'en', formal)).toBe(expected);
  });
});

describe('the embedded writer in each voice', () => {
  const contraction = /\b\w+'(s|ve|re|ll|d|t)\b/i;
  it('en: formal spells contractions out and signs formally; friendly does not', () => {
    const friendly = texts('en', 'email', 'friendly');
    const formal = texts('en', 'email', 'formal');
    expect(friendly.some((t) => contraction.test(t))).toBe(true);
    for (const t of formal) {
      expect(t).not.toMatch(contraction);
      expect(t).not.toMatch(/!/);
      expect(t).toMatch(/Kind regards/);
    }
  });

  it('es: formal addresses the customer as usted in every sentence; friendly as tú', () => {
    const tu = /(?<!\p{L})(te|ti|tu|tus|tienes|eres|contigo)(?!\p{L})/iu;
    for (const channel of ['email', 'sms', 'push'] as Channel[]) {
      const formal = texts('es', channel, 'formal');
      for (const t of formal) expect(t).not.toMatch(tu);
      expect(texts('es', channel, 'friendly').some((t) => tu.test(t))).toBe(true);
    }
    expect(texts('es', 'email', 'formal').some((t) => /(?<!\p{L})(le|usted|su)(?!\p{L})/iu.test(t))).toBe(true);
  });

  it('ru: formal capitalises Вы, Вас, Вам, Ваш; friendly does not', () => {
    const lower = /(?<!\p{L})(вы|вас|вам|ваш\p{L}*)(?!\p{L})/u;
    const formal = texts('ru', 'email', 'formal');
    for (const t of formal) expect(t).not.toMatch(lower);
    expect(formal.some((t) => /(?<!\p{L})(Вы|Вас|Вам|Ваш\p{L}*)(?!\p{L})/u.test(t))).toBe(true);
    expect(texts('ru', 'email', 'friendly').some((t) => lower.test(t))).toBe(true);
  });

  it('pt: formal greets formally, never with "Oi" or "a gente", and signs with "Atenciosamente"', () => {
    for (const t of texts('pt', 'email', 'formal')) {
      expect(t).not.toMatch(/\bOi\b|a gente|!/);
      expect(t).toMatch(/^ ?(Olá,|Bom dia,|Prezado cliente,)/);
      expect(t).toMatch(/Atenciosamente/);
    }
  });

  it.each(['en', 'es', 'ru', 'pt'])('%s: playful reads differently from friendly, and a brand voice without exclamations has none', (language) => {
    const friendly = texts(language, 'push', 'friendly');
    const playful = texts(language, 'push', 'playful');
    expect(playful.filter((t, i) => t !== friendly[i]).length).toBeGreaterThan(30);
    for (const t of texts(language, 'push', 'playful', { brandVoice: 'no exclamation marks' })) expect(t).not.toMatch(/[!¡]/);
  });

  it("the request's brand voice overrides its tone", () => {
    const asked = texts('es', 'sms', 'friendly', { brandVoice: 'formal' });
    expect(asked).toEqual(texts('es', 'sms', 'formal'));
  });

  it("opens an SMS with the sender's name when it fits, and signs e-mails with it", () => {
    for (const language of ['en', 'es', 'ru', 'pt']) {
      const customer = makeCustomer(2);
      const prompt = buildMessagePrompt({ customer, segment: segments[customer.segment]!, channel: 'sms', language, tone: 'friendly', goal: 'retain', distributions, policy: { brandName: 'Acme' }, maxParts: 2 });
      const draft = writer.compose(prompt);
      expect(draft.text).toMatch(/^Acme: /);
      expect(validateDraft(draft, prompt)).toEqual([]);
      const email = texts(language, 'email', 'friendly', { brandName: 'Acme' });
      for (const t of email) expect(t.trimEnd()).toMatch(/\nAcme$/);
    }
  });
});
