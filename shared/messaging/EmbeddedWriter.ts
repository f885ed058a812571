/*
 * Kept whole: the composition rules (which facts, in which order, in which register, within which
 * length) decide together what one message says; the words themselves are in embeddedPhrasebook.ts
 * and brandVoice.ts.
 */
import type { FeatureFact, MessagePrompt } from './buildMessagePrompt';
import { speak, voiceOf } from './brandVoice';
import { phraseLanguage, type FeatureTheme } from './describeFeature';
import { actionKeywords, embeddedPhrasebook, segmentNameThemes, type ActionKind, type Phrasebook } from './embeddedPhrasebook';
import { measureSms } from './measureSms';
import { withFooter } from './messagePolicy';
import type { MessageWriter } from './MessageWriter';
import type { DraftMessage, Goal } from './types';

/**
 * Composes messages without any model: from the customer's own backed facts, the segment's traits and
 * name, the goal, the offer (with its terms, word for word) or the segment's suggested action, in
 * English, Spanish, Russian or Portuguese (other languages read in English), in the voice of the tone
 * and the brand (formal address per language, no exclamations when the brand voice says so). Wording
 * varies by the prompt's variant, so the same customer always gets the same text and neighbours get
 * different ones, also within one short SMS part.
 */
export class EmbeddedWriter implements MessageWriter {
  readonly name = 'embedded';

  write(prompt: MessagePrompt): Promise<DraftMessage> {
    return Promise.resolve(this.compose(prompt));
  }

  compose(prompt: MessagePrompt): DraftMessage {
    const language = phraseLanguage(prompt.language);
    const book = embeddedPhrasebook[language];
    const voice = voiceOf(prompt.tone, prompt.brandVoice);
    const say = (sentence: string) => speak(sentence, language, voice);
    const pick = picker(prompt.variant);
    const { facts, goal, channel } = prompt;
    const register = voice.register;
    const greetings = book.greetings[register].map(say);
    const ctas = (register === 'urgent' ? book.urgentCta : register === 'playful' ? [...book.playfulCta, ...book.cta[goal]] : book.cta[goal]).map(say);
    const offer = facts.offer;
    // The offer's own words (name, description, terms) are quoted as written, never re-voiced.
    const terms = offer?.terms?.trim();

    if (channel === 'email') {
      const offerName = offer?.name;
      const themeLines = themeSentences(prompt, book, pick, 2).map(say);
      const category = facts.customer.preferredCategory;
      const categoryLine =
        category && (goal !== 'retain' || themeLines.length === 0) ? fill(say(pick(book.category, 11)), { category: quoteCategory(category, language) }) : undefined;
      const mainLine = offerName
        ? fill(say(pick(book.offer[goal], 12)), { offer: stripEndPunctuation(offerName) })
        : say(pick(book.actions[actionKind(facts.segment.suggestedAction, goal)], 13));
      const description = offer?.description ? ensureSentence(offer.description) : undefined;
      const signOff = signedBy(say(pick(register === 'formal' ? book.signOff.formal : book.signOff.informal, 16)), prompt.brandName);
      const opening = [...themeLines, categoryLine].filter(isText).join(' ');
      const body = [mainLine, description, terms, pick(ctas, 14)].filter(isText).join(' ');
      const text = [pick(greetings, 15), opening, body, signOff].filter((p) => p !== '').join('\n\n');
      const subject = offerName
        ? fill(say(pick(book.subjectWithOffer, 17)), { offer: stripEndPunctuation(offer?.shortName ?? offerName) })
        : say(pick(book.subjects[goal], 17));
      return { subject: fitText(subject, prompt.limits.subject ?? 80), text: fitText(text, prompt.limits.text), language };
    }

    const offerName = offer ? (offer.shortName ?? offer.name) : undefined;
    const slots: Slots = {
      g: greetings,
      f: factGroups(prompt, book).map((group) => group.map((line) => (line.includes('{category}') ? fill(say(line), { category: quoteCategory(facts.customer.preferredCategory ?? '', language) }) : say(line)))),
      m: offerName
        ? book.offer[goal].map((t) => fill(say(t), { offer: stripEndPunctuation(offerName) }))
        : book.actions[actionKind(facts.segment.suggestedAction, goal)].map(say),
      t: terms ? [terms] : [],
      c: ctas,
    };
    const fits = (t: string) =>
      channel === 'sms' ? measureSms(withFooter(t, prompt.footer, 'sms')).parts <= (prompt.limits.maxParts ?? 1) : t.length <= prompt.limits.text;
    // The sender's name opens an SMS when a message still fits after it (the gateway's sender id names it otherwise).
    const brand = channel === 'sms' && prompt.brandName ? `${prompt.brandName}: ` : undefined;
    const branded = brand ? composeShort(slots, prompt.variant, (t) => fits(brand + t), prompt.limits.text - brand.length, offerName !== undefined) : undefined;
    let text = brand && branded !== undefined && fits(brand + branded) ? brand + branded : composeShort(slots, prompt.variant, fits, prompt.limits.text, offerName !== undefined);
    for (let limit = text.length - 1; !fits(text) && limit > 10; limit--) text = fitText(text, limit);
    if (channel !== 'push') return { text, language };
    const titleLimit = prompt.limits.title ?? 50;
    const heading = offerName ? fill(say(pick(book.subjectWithOffer, 17)), { offer: stripEndPunctuation(offerName) }) : say(pick(book.subjects[goal], 17));
    const brandedTitle = prompt.brandName ? `${prompt.brandName}: ${heading}` : heading;
    const title = brandedTitle.length <= titleLimit ? brandedTitle : prompt.brandName && prompt.brandName.length <= titleLimit ? prompt.brandName : fitText(heading, titleLimit);
    return { title, text, language };
  }
}

/** The short channels' building blocks: greetings, the customer's fact lines (grouped by theme), main lines, the offer's terms, calls to action. */
interface Slots {
  g: string[];
  f: string[][];
  m: string[];
  t: string[];
  c: string[];
}

type Slot = 'g' | 'f1' | 'f2' | 'm' | 't' | 'c';

// Shapes tried in order, richest first: the first shape with a wording that fits wins. What is the
// customer's own (their facts) outlasts the generic lines; an offer's line and terms are never left out.
const offerShapes: Slot[][] = [['g', 'f1', 'm', 't', 'c'], ['g', 'm', 't', 'c'], ['f1', 'm', 't'], ['m', 't', 'c'], ['g', 'm', 't'], ['m', 't']];
const factShapes: Slot[][] = [
  ['g', 'f1', 'f2', 'm', 'c'], ['g', 'f1', 'f2', 'c'], ['g', 'f1', 'm', 'c'], ['g', 'f1', 'c'], ['f1', 'f2', 'c'], ['g', 'f1', 'f2'],
  ['f1', 'm', 'c'], ['f1', 'c'], ['g', 'f1'], ['f1', 'f2'], ['f1'],
];
const plainShapes: Slot[][] = [['g', 'm', 'c'], ['m', 'c'], ['g', 'm'], ['m']];
const triesPerShape = 12;

/**
 * A short message (SMS, push) that fits: for each shape, richest first, wordings drawn from the
 * customer's variant, first freely, then only among wordings that leave room for the shortest of the
 * slots still to fill. Each slot is drawn on its own, so customers with the same facts still read
 * differently when only a few words fit.
 */
function composeShort(slots: Slots, variant: number, fits: (text: string) => boolean, room: number, withOffer: boolean): string {
  const groups = slots.f.filter((g) => g.length > 0);
  const shapes = withOffer ? offerShapes : groups.length > 0 ? factShapes : plainShapes;
  // The customer's first fact: one of their two leading themes, by variant.
  const lead = groups.length > 1 ? mix(variant, 1) % 2 : 0;
  const first = groups[lead];
  const second = groups.find((_, i) => i !== lead);
  const options = (slot: Slot): string[] | undefined => {
    if (slot === 'f1') return first;
    if (slot === 'f2') return second;
    const list = slots[slot];
    return list.length > 0 ? list : undefined;
  };
  for (let s = 0; s < shapes.length; s++) {
    const shape = shapes[s]!;
    const lists = shape.map(options);
    if (lists.some((l) => l === undefined)) continue;
    const chosen = lists as string[][];
    for (let attempt = 0; attempt < triesPerShape; attempt++) {
      const text = joinShort(chosen.map((list, slot) => list[mix(variant, 100 + s * 37 + attempt * 7 + slot) % list.length]!));
      if (fits(text)) return text;
    }
    for (let attempt = 0; attempt < triesPerShape; attempt++) {
      const parts = drawWithin(chosen, shape, room, attempt, (slot) => mix(variant, 5000 + s * 37 + attempt * 7 + slot));
      if (parts && fits(joinShort(parts))) return joinShort(parts);
    }
  }
  // Nothing richer fits: the shortest wording of the poorest shape.
  const main = withOffer ? joinShort([slots.m[0]!, ...slots.t]) : [...slots.m].sort((a, b) => a.length - b.length)[0]!;
  return main;
}

// The order slots are drawn in when room is short: the customer's facts get the widest choice.
const drawOrder: Slot[] = ['t', 'f1', 'f2', 'm', 'c', 'g'];

/**
 * One wording per slot, each drawn among those that leave room for the shortest wordings of the slots
 * not yet drawn. The first attempt lets the customer's facts choose first; later ones start from
 * another slot, so the widest choice moves around.
 */
function drawWithin(lists: string[][], shape: Slot[], room: number, attempt: number, draw: (slot: number) => number): string[] | undefined {
  const shortest = lists.map((list) => list.reduce((min, s) => Math.min(min, s.length), Number.POSITIVE_INFINITY));
  const ranked = shape.map((slot, i) => ({ slot, i })).sort((a, b) => drawOrder.indexOf(a.slot) - drawOrder.indexOf(b.slot));
  const at = attempt % ranked.length;
  const order = [...ranked.slice(at), ...ranked.slice(0, at)];
  const parts: string[] = new Array<string>(lists.length);
  let left = room - (lists.length - 1);
  let restMin = shortest.reduce((sum, n) => sum + n, 0);
  for (const { i } of order) {
    restMin -= shortest[i]!;
    const fitting = lists[i]!.filter((s) => s.length <= left - restMin);
    if (fitting.length === 0) return undefined;
    parts[i] = fitting[draw(i) % fitting.length]!;
    left -= parts[i]!.length;
  }
  return parts;
}

/** A murmur3 finalizer over (variant, salt): neighbouring ids and salts land far apart. */
function mix(variant: number, salt: number): number {
  let h = (variant ^ Math.imul(salt, 0x9e3779b1)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Every wording of each of the customer's backed facts, a group per theme, in the order the message
 * should speak of them (what puts them at risk first when keeping them, the segment's traits first
 * when growing them), then their preferred category.
 */
function factGroups(prompt: MessagePrompt, book: Phrasebook): string[][] {
  const { facts } = prompt;
  const groups: string[][] = [];
  for (const theme of backedThemes(prompt)) {
    const options = book.themes[theme.theme][theme.side];
    if (options && options.length > 0) groups.push([...options]);
  }
  if (facts.customer.preferredCategory) groups.push([...book.category]);
  return groups;
}

/** The customer's backed themes, drivers and traits first (as the e-mail orders them), then their other claims. */
function backedThemes(prompt: MessagePrompt): { theme: FeatureTheme; side: 'high' | 'low' }[] {
  const { facts } = prompt;
  const ordered = factsInOrder(prompt);
  const backed = (theme: FeatureTheme, side: 'high' | 'low') => facts.customer.claims.some((c) => c.theme === theme && c.side === side);
  const used = new Set<FeatureTheme>();
  const out: { theme: FeatureTheme; side: 'high' | 'low' }[] = [];
  for (const fact of ordered) {
    if (!fact.theme || fact.theme === 'category' || used.has(fact.theme) || !backed(fact.theme, fact.side)) continue;
    used.add(fact.theme);
    out.push({ theme: fact.theme, side: fact.side });
  }
  for (const claim of facts.customer.claims) {
    if (used.has(claim.theme)) continue;
    used.add(claim.theme);
    out.push(claim);
  }
  return out;
}

type Pick = <T>(list: readonly T[], salt: number) => T;

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
  // Only what the customer's own values back is said about them, in backedThemes' order.
  const lines: string[] = [];
  for (const { theme, side } of backedThemes(prompt)) {
    if (lines.length >= max) break;
    const options = book.themes[theme][side];
    if (options && options.length > 0) lines.push(pick(options, 20 + lines.length));
  }
  return lines;
}

/** Retention speaks to what puts the customer at risk; upselling to what the segment is about. */
function factsInOrder(prompt: MessagePrompt): FeatureFact[] {
  const { facts, goal } = prompt;
  const raising = facts.customer.drivers.filter((d) => d.effect === 'raises churn risk');
  const lowering = facts.customer.drivers.filter((d) => d.effect === 'lowers churn risk');
  const traits = facts.segment.traits;
  const named = segmentNameFacts(facts.segment.name);
  return goal === 'upsell' ? [...traits, ...named, ...lowering, ...raising] : [...raising, ...traits, ...named, ...lowering];
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
