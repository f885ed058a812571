import type { FeatureFact, MessagePrompt } from './buildMessagePrompt';
import { phraseLanguage, type FeatureTheme } from './describeFeature';
import { actionKeywords, embeddedPhrasebook, segmentNameThemes, type ActionKind, type Phrasebook } from './embeddedPhrasebook';
import { measureSms } from './measureSms';
import { withFooter } from './messagePolicy';
import type { MessageWriter } from './MessageWriter';
import type { DraftMessage, Goal } from './types';

/**
 * Composes messages without any model: from the segment's traits and name, the customer's drivers,
 * the goal, the offer or the segment's suggested action, in English, Spanish, Russian or Portuguese
 * (other languages read in English). Wording varies by the prompt's variant, so the same customer
 * always gets the same text and neighbours get different ones.
 */
export class EmbeddedWriter implements MessageWriter {
  readonly name = 'embedded';

  write(prompt: MessagePrompt): Promise<DraftMessage> {
    return Promise.resolve(this.compose(prompt));
  }

  compose(prompt: MessagePrompt): DraftMessage {
    const language = phraseLanguage(prompt.language);
    const book = embeddedPhrasebook[language];
    const pick = picker(prompt.variant);
    const { facts, goal, tone, channel } = prompt;
    const short = channel !== 'email';

    const themeLines = themeSentences(prompt, book, pick, short ? 1 : 2);
    const category = facts.customer.preferredCategory;
    const categoryLine =
      category && (goal !== 'retain' || themeLines.length === 0 || short)
        ? fill(pick(book.category, 11), { category: quoteCategory(category, language) })
        : undefined;
    const offer = facts.offer;
    const offerName = offer ? (short ? (offer.shortName ?? offer.name) : offer.name) : undefined;
    const mainOptions = offerName
      ? book.offer[goal].map((t) => fill(t, { offer: stripEndPunctuation(offerName) }))
      : book.actions[actionKind(facts.segment.suggestedAction, goal)];
    const mainLine = pick(mainOptions, offerName ? 12 : 13);
    const cta = tone === 'urgent' ? pick(book.urgentCta, 14) : pick(book.cta[goal], 14);
    const greeting = pick(book.greetings[tone], 15);

    if (!short) {
      const description = offer?.description ? ensureSentence(offer.description) : undefined;
      const signOff = signedBy(pick(tone === 'formal' ? book.signOff.formal : book.signOff.informal, 16), prompt.brandName);
      const opening = [...themeLines, categoryLine].filter(isText).join(' ');
      const body = [mainLine, description, cta].filter(isText).join(' ');
      const text = [greeting, opening, body, signOff].filter((p) => p !== '').join('\n\n');
      const subject = offerName
        ? fill(pick(book.subjectWithOffer, 17), { offer: stripEndPunctuation(offer?.shortName ?? offerName) })
        : pick(book.subjects[goal], 17);
      return { subject: fitText(subject, prompt.limits.subject ?? 80), text: fitText(text, prompt.limits.text), language };
    }

    // Parts in reading order, each with the rank at which it is dropped when the text is too long.
    // What is the customer's own (their backed facts, their category) outlasts the generic lines; an
    // offer's line is never dropped.
    const personal = themeLines.length > 0 || categoryLine !== undefined;
    const parts: { text: string; dropRank: number }[] = [
      { text: greeting, dropRank: 1 },
      ...themeLines.map((t, i) => ({ text: t, dropRank: i === 0 ? 6 : 4 })),
      ...(categoryLine ? [{ text: categoryLine, dropRank: 5 }] : []),
      { text: mainLine, dropRank: offerName || !personal ? Number.POSITIVE_INFINITY : 3 },
      { text: cta, dropRank: 2 },
    ];
    const fits = (t: string) =>
      channel === 'sms' ? measureSms(withFooter(t, prompt.footer, 'sms')).parts <= (prompt.limits.maxParts ?? 1) : t.length <= prompt.limits.text;
    let kept = parts;
    let text = joinShort(parts.map((p) => p.text));
    for (let rank = 1; !fits(text) && rank <= 6; rank++) {
      const left = parts.filter((p) => p.dropRank > rank);
      if (left.length === 0) break;
      kept = left;
      text = joinShort(kept.map((p) => p.text));
    }
    if (fits(text) && kept !== parts) {
      // A dropped greeting or call to action comes back in any wording that still fits, so that one
      // short sentence (an SMS in UCS-2 has room for little more) still reads differently for neighbours.
      const body = kept.map((p) => p.text);
      const greetings = rotate(book.greetings[tone], prompt.variant);
      const withGreeting = kept.some((p) => p.text === greeting) ? undefined : greetings.map((g) => joinShort([g, ...body])).find(fits);
      if (withGreeting) text = withGreeting;
      const ctas = rotate(tone === 'urgent' ? book.urgentCta : book.cta[goal], prompt.variant >>> 3);
      const withCta = kept.some((p) => p.text === cta) ? undefined : ctas.map((c) => joinShort([text, c])).find(fits);
      if (withCta) text = withCta;
    }
    // Still too long: the first single line that fits (the customer's own first), then the shortest
    // wording of the main line, and a cut at a word as the last resort.
    if (!fits(text)) {
      // A greeting or a call to action alone says nothing: they are not candidates.
      const singles = parts.filter((p) => p.text !== greeting && p.text !== cta).sort((a, b) => b.dropRank - a.dropRank).map((p) => p.text);
      text = offerName ? mainLine : (singles.find((t) => fits(t)) ?? [...mainOptions].sort((a, b) => a.length - b.length)[0]!);
    }
    for (let limit = text.length - 1; !fits(text) && limit > 10; limit--) text = fitText(text, limit);
    return { text, language };
  }
}

type Pick = <T>(list: readonly T[], salt: number) => T;

/** The list starting at a position chosen by the variant, so each customer tries the wordings in its own order. */
function rotate<T>(list: readonly T[], variant: number): T[] {
  const at = list.length ? variant % list.length : 0;
  return [...list.slice(at), ...list.slice(0, at)];
}

/** A deterministic choice per (variant, salt): a murmur3 finalizer spreads neighbouring ids apart. */
function picker(variant: number): Pick {
  return <T>(list: readonly T[], salt: number): T => {
    let h = (variant ^ Math.imul(salt, 0x9e3779b1)) >>> 0;
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return list[(h >>> 0) % list.length];
  };
}

function themeSentences(prompt: MessagePrompt, book: Phrasebook, pick: Pick, max: number): string[] {
  const { facts, goal } = prompt;
  const raising = facts.customer.drivers.filter((d) => d.effect === 'raises churn risk');
  const lowering = facts.customer.drivers.filter((d) => d.effect === 'lowers churn risk');
  const traits = facts.segment.traits;
  const named = segmentNameFacts(facts.segment.name);
  // Retention speaks to what puts the customer at risk; upselling to what the segment is about.
  const ordered: FeatureFact[] =
    goal === 'upsell' ? [...traits, ...named, ...lowering, ...raising] : [...raising, ...traits, ...named, ...lowering];
  const used = new Set<FeatureTheme>();
  const lines: string[] = [];
  // Only what the customer's own values back is said about them (a segment's traits describe others).
  const backed = (theme: FeatureTheme, side: 'high' | 'low') => facts.customer.claims.some((c) => c.theme === theme && c.side === side);
  for (const fact of ordered) {
    if (lines.length >= max) break;
    if (!fact.theme || fact.theme === 'category' || used.has(fact.theme) || !backed(fact.theme, fact.side)) continue;
    const options = book.themes[fact.theme][fact.side];
    if (!options || options.length === 0) continue;
    used.add(fact.theme);
    lines.push(pick(options, 20 + lines.length));
  }
  // The customer's own backed facts that no driver or trait named come next, so neighbours read differently.
  for (const claim of facts.customer.claims) {
    if (lines.length >= max) break;
    if (used.has(claim.theme)) continue;
    const options = book.themes[claim.theme][claim.side];
    if (!options || options.length === 0) continue;
    used.add(claim.theme);
    lines.push(pick(options, 20 + lines.length));
  }
  return lines;
}

function segmentNameFacts(name: string): FeatureFact[] {
  return segmentNameThemes
    .filter(([pattern]) => pattern.test(name))
    .map(([, theme, side]) => ({ feature: name, phrase: name, theme, side }));
}

const goalActions: Record<Goal, ActionKind> = { retain: 'loyalty', upsell: 'content', reengage: 'winback' };

function actionKind(suggestedAction: string, goal: Goal): ActionKind {
  return actionKeywords.find(([, pattern]) => pattern.test(suggestedAction))?.[0] ?? goalActions[goal];
}

/** The sign-off with the sender's brand in place of "The team" when one is set. */
function signedBy(signOff: string, brandName: string | undefined): string {
  if (!brandName) return signOff;
  const lines = signOff.split('\n');
  return [...lines.slice(0, -1), brandName].join('\n');
}

function joinShort(sentences: string[]): string {
  let out = '';
  for (const s of sentences) {
    if (out === '') out = s;
    // After "Hello," or "Важно:" the sentence carries on in lower case.
    else out += ' ' + (/[,:]$/.test(out) ? lowerFirstLetter(s) : s);
  }
  return out;
}

function lowerFirstLetter(s: string): string {
  return s.replace(/\p{L}/u, (c) => c.toLowerCase());
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => values[key] ?? m);
}

function quoteCategory(category: string, language: string): string {
  // The Russian sentences already put the category in «»; elsewhere it reads as a plain noun.
  return language === 'ru' ? category.replace(/[«»]/g, '') : category;
}

function stripEndPunctuation(s: string): string {
  return s.trim().replace(/[.!;,:]+$/u, '');
}

function ensureSentence(s: string): string {
  const t = s.trim();
  return /[.!?…]$/u.test(t) ? t : `${t}.`;
}

/** Cuts at a word boundary with an ellipsis; only reached when an offer's own name is too long. */
export function fitText(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const cut = text.slice(0, limit - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > limit * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:–—-]+$/u, '')}…`;
}

function isText(s: string | undefined): s is string {
  return s !== undefined && s !== '';
}
