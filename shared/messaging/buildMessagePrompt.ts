/*
 * Everything a writer is told about one customer, built in one place so a reviewer reads what leaves
 * the service in one file: the facts (vetted words only), the instructions, the fenced data section
 * and the channel limits. Kept whole for that reason.
 */
import { channelLimits } from './channelLimits';
import { dataSectionEnd, dataSectionStart } from './dataSection';
import { systemInstructions } from './systemInstructions';
import { preferredCategory } from './chooseOffer';
import { hasEvidence, type RunDistributions } from './claimEvidence';
import { isPlainDomainWord } from './isPlainDomainWord';
import { sensitiveMatcher } from './isSensitiveAttribute';
import { complianceFooter, type MessagePolicy } from './messagePolicy';
import { smsCapacity } from './measureSms';
import { classifyFeature, describeFeature, type FeatureTheme } from './describeFeature';
import { isPersonalField } from './isPersonalField';
import { looksPersonalValue } from './findPersonalData';
import type { Offer } from './offerCatalogSchema';
import { selectPromptAttributes, type PrivacyOptions } from './selectPromptAttributes';
import type { AttributeValue, Channel, ChannelLimits, CustomerForMessage, Goal, SegmentProfile, Tone } from './types';

/** A feature of the customer or the segment, in words, with the side it falls on. */
export interface FeatureFact {
  feature: string;
  phrase: string;
  theme?: FeatureTheme;
  /** "high"/"low": where the customer or segment stands on this feature. */
  side: 'high' | 'low';
}

export interface DriverFact extends FeatureFact {
  effect: 'raises churn risk' | 'lowers churn risk';
  contribution: number;
}

export interface TraitFact extends FeatureFact {
  z: number;
}

/** Everything a message may be grounded in; both writers read only this. */
export interface PromptFacts {
  segment: {
    name: string;
    share: number;
    churnRate?: number;
    /** Absent when the run has no churn score: the data section then says nothing of churn. */
    meanChurnProbability?: number;
    traits: TraitFact[];
    suggestedAction: string;
  };
  customer: {
    /** Absent when the run has no score for the customer: the prompt then says nothing of risk. */
    churnRisk?: 'low' | 'medium' | 'high';
    churnProbability?: number;
    drivers: DriverFact[];
    attributes: Record<string, AttributeValue>;
    /** The preferred category in vetted words (a display name, or a plain word of the data), never raw cell text. */
    preferredCategory?: string;
    /** What the customer's own values back (theme and side): the only statements a message may make about them. */
    claims: { theme: FeatureTheme; side: 'high' | 'low' }[];
  };
  offer?: { id: string; name: string; shortName?: string; description?: string; terms?: string; category?: string };
}

export interface MessagePrompt {
  channel: Channel;
  language: string;
  tone: Tone;
  goal: Goal;
  limits: ChannelLimits;
  /** A number derived from the customer id (never the id itself) so wording varies deterministically. */
  variant: number;
  facts: PromptFacts;
  /** The chat messages a language model receives. */
  system: string;
  user: string;
  /** Kept on this side only, to check the output: personal values held back, text an offer may legitimately
   *  carry, the customer's cell text and column names that must not be echoed. */
  guard: {
    personalValues: string[];
    allowedText: string[];
    echo: string[];
    offerChosen: boolean;
    /** The chosen offer's terms: a message promoting it quotes them word for word. */
    offerTerms?: string;
    /** Names of the catalogue's other offers: a message promotes only the one chosen for its customer. */
    otherOffers: string[];
  };
  /** The compliance line appended to the writer's text (SMS opt-out, e-mail unsubscribe line). */
  footer: string;
  /** Signs e-mails when set (the sender's brand). */
  brandName?: string;
  /** The brand's voice (settings or request): the model reads it as a style, the embedded writer as a register. */
  brandVoice?: string;
}

export interface BuildMessagePromptInput {
  customer: CustomerForMessage;
  segment: SegmentProfile;
  channel: Channel;
  language: string;
  tone: Tone;
  goal: Goal;
  offer?: Offer;
  /** The rest of the catalogue: none of it may appear beside the chosen offer. */
  otherOffers?: readonly Offer[];
  privacy?: PrivacyOptions;
  /** Display names (manifest `labels`): `{ column: name }` and `{ "column=value": name }`. */
  labels?: Readonly<Record<string, string>>;
  /** The run's distributions: claims are backed by the customer's values against them. */
  distributions?: RunDistributions;
  policy?: MessagePolicy;
  /** SMS: most billed parts (default 1). */
  maxParts?: number;
  /** The language the data's own words are in (the manifest's, else English): raw values are quoted only in it. */
  dataLanguage?: string;
}

export { dataSectionEnd, dataSectionStart } from './dataSection';

/**
 * The prompt for one customer's message. Customer and segment values go only into a JSON data
 * section in the user message, with "<" and ">" escaped so no value can close the section; the
 * instructions are built from validated enums and fixed text alone.
 *
 * This file is longer than most (about 300 lines) on purpose: every fact that may reach a model is
 * chosen here, next to the rules that vet it (personal, sensitive and hostile values, claims that need
 * the customer's evidence), so a reviewer reads what leaves the service in one place.
 */
export function buildMessagePrompt(input: BuildMessagePromptInput): MessagePrompt {
  const { customer, segment, channel, tone, goal, offer } = input;
  const language = input.language.toLowerCase();
  const policy = input.policy ?? {};
  const footer = complianceFooter(channel, language, policy);
  const limits = limitsFor(channel, language, footer, input.maxParts ?? 1, policy);
  const sensitive = sensitiveMatcher(policy.sensitiveAttributes);
  const isUsable = (feature: string) => isSafeFeature(feature) && !sensitive(feature);
  const drivers = customer.drivers
    .filter((d) => isUsable(d.feature) && Number.isFinite(d.contribution))
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
    .slice(0, 3)
    .map((d) => driverFact(d.feature, d.contribution, language));
  const traits = segment.distinguishing
    .filter((t) => isUsable(t.feature) && Number.isFinite(t.z))
    .sort((a, b) => Math.abs(b.z) - Math.abs(a.z))
    .slice(0, 4)
    .map((t) => ({ ...featureFact(t.feature, t.z >= 0 ? 'high' : 'low', language), z: round(t.z, 2) }));
  const relevant = [...drivers, ...traits].map((f) => classifyFeature(f.feature).column);
  // Sensitive columns and free text (anything not a plain word of the data) never reach a model.
  const sendable = (column: string, value: AttributeValue) =>
    !sensitive(column, value) && !(typeof value === 'string' && value.trim() !== '' && !isPlainDomainWord(value, /\p{Script=Cyrillic}/u.test(value) ? 'ru' : 'en'));
  const selected = selectPromptAttributes(customer.attributes, relevant, { ...input.privacy, maxAttributes: Number.MAX_SAFE_INTEGER });
  const personalValues = selected.personalValues;
  const attributes = Object.fromEntries(
    Object.entries(selected.attributes)
      .filter(([column, value]) => sendable(column, value))
      .slice(0, input.privacy?.maxAttributes ?? 12),
  );
  const category = vettedCategory(attributes, language, input.labels, input.dataLanguage ?? 'en');
  // Sensitive columns never choose words either: claims rest on the others only.
  const claims = backedClaims(
    { ...customer, attributes: Object.fromEntries(Object.entries(customer.attributes).filter(([column, value]) => !sensitive(column, value))) },
    input.distributions,
  );
  const facts: PromptFacts = {
    segment: {
      name: segment.name,
      share: round(segment.share, 3),
      ...(segment.churnRate !== undefined ? { churnRate: round(segment.churnRate, 3) } : {}),
      ...(segment.meanChurnProbability !== null ? { meanChurnProbability: round(segment.meanChurnProbability, 3) } : {}),
      traits,
      suggestedAction: segment.suggestedAction,
    },
    customer: {
      ...(customer.churnProbability !== null
        ? { churnRisk: riskBand(customer.churnProbability), churnProbability: round(customer.churnProbability, 2) }
        : {}),
      drivers,
      attributes,
      ...(category ? { preferredCategory: category } : {}),
      claims,
    },
    ...(offer ? { offer: offerFact(offer, language) } : {}),
  };
  const offerText = offer ? offerFact(offer, language) : undefined;
  const allowedText = offer
    ? [offer.name, offer.shortName ?? '', offer.description ?? '', offer.terms ?? '', offerText?.name ?? '', offerText?.shortName ?? '', offerText?.description ?? '', offerText?.terms ?? ''].filter((s) => s !== '')
    : [];
  const otherOffers = (input.otherOffers ?? [])
    .filter((o) => o.id !== offer?.id)
    .flatMap((o) => [o.name, o.shortName ?? '', ...Object.values(o.translations ?? {}).flatMap((t) => [t.name ?? '', t.shortName ?? ''])])
    // A name the chosen offer shares (or that is a word of it) cannot tell the two apart.
    .filter((n) => n.trim().length >= 4 && !allowedText.some((a) => a.toLowerCase().includes(n.trim().toLowerCase())));
  if (category) allowedText.push(category);
  // The brand's name is the sender's own words (an SMS opens with it, a push title carries it).
  if (policy.brandName) allowedText.push(policy.brandName);
  const echo = echoCandidates(customer.attributes, category);
  return {
    channel,
    language,
    tone,
    goal,
    limits,
    variant: messageVariant(customer.customerId),
    facts,
    system: systemInstructions(channel, language, tone, goal, limits, offer !== undefined, policy.brandVoice),
    user: `Write the message for the customer described in the data section.\n${dataSectionStart}\n${quoteData(facts)}\n${dataSectionEnd}`,
    guard: {
      personalValues: [...personalValues, customer.customerId],
      allowedText,
      echo,
      offerChosen: offer !== undefined,
      ...(offerText?.terms ? { offerTerms: offerText.terms } : {}),
      otherOffers,
    },
    footer,
    ...(policy.brandName ? { brandName: policy.brandName } : {}),
    ...(policy.brandVoice ? { brandVoice: policy.brandVoice } : {}),
  };
}

/** Without a requested goal: keep customers at risk of leaving, grow the others (a propensity to buy is never a risk). */
export function resolveGoal(customer: CustomerForMessage, requested: Goal | undefined): Goal {
  const atRisk = (customer.runGoal ?? 'churn') === 'churn' && customer.churnProbability !== null && customer.churnProbability >= 0.5;
  return requested ?? (atRisk ? 'retain' : 'upsell');
}

/** FNV-1a: stable across processes and runs, unlike any random choice. */
export function messageVariant(customerId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < customerId.length; i++) {
    h ^= customerId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** JSON with every "<" and ">" escaped: still valid JSON, and no value can spell the section's end. */
export function quoteData(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function driverFact(feature: string, contribution: number, language: string): DriverFact {
  const { riskySide } = classifyFeature(feature);
  const raises = contribution > 0;
  // Contributions say which way a feature pushes risk; the feature's risky side says which way the customer leans.
  const side: 'high' | 'low' = riskySide ? (raises ? riskySide : riskySide === 'high' ? 'low' : 'high') : raises ? 'high' : 'low';
  return {
    ...featureFact(feature, side, language),
    effect: raises ? 'raises churn risk' : 'lowers churn risk',
    contribution: round(contribution, 3),
  };
}

function featureFact(feature: string, side: 'high' | 'low', language: string): FeatureFact {
  const { theme } = classifyFeature(feature);
  return { feature, phrase: describeFeature(feature, language), ...(theme ? { theme } : {}), side };
}

function offerFact(offer: Offer, language: string): NonNullable<PromptFacts['offer']> {
  const t = offer.translations?.[language.split('-')[0]];
  const name = t?.name ?? offer.name;
  const shortName = t?.shortName ?? offer.shortName;
  const description = t?.description ?? offer.description;
  const terms = t?.terms ?? offer.terms;
  return {
    id: offer.id,
    name,
    ...(shortName ? { shortName } : {}),
    ...(description ? { description } : {}),
    ...(terms ? { terms } : {}),
    ...(offer.category ? { category: offer.category } : {}),
  };
}

/** Channel limits for the writer's text, leaving room for the compliance footer; SMS by the language's likely encoding. */
function limitsFor(channel: Channel, language: string, footer: string, maxParts: number, policy: MessagePolicy): ChannelLimits {
  const base = channelLimits[channel];
  if (channel === 'push') return { text: policy.pushBodyMax ?? base.text, title: policy.pushTitleMax ?? base.title! };
  if (channel === 'sms') {
    // English fits GSM-7; accented and Cyrillic letters force UCS-2, which halves the room.
    const capacity = smsCapacity(language.startsWith('en') ? 'GSM-7' : 'UCS-2', maxParts);
    return { text: Math.max(20, capacity - footer.length - 1), maxParts };
  }
  if (footer === '') return base;
  return { ...base, text: base.text - footer.length - 2 };
}

/** The preferred category as the manifest's labels name it, or the value itself when it is a plain word of the message's language. */
function vettedCategory(attributes: Record<string, AttributeValue>, language: string, labels: Readonly<Record<string, string>> | undefined, dataLanguage: string): string | undefined {
  const raw = preferredCategory(attributes);
  if (raw === undefined) return undefined;
  const column = Object.keys(attributes).find((c) => attributes[c] === raw);
  const label = labels?.[`${column}=${raw}`] ?? labels?.[raw];
  if (label !== undefined) return label.trim().slice(0, 60) || undefined;
  // A word of the data is quoted only in a message in the data's own language, never inside another one.
  // (Cyrillic words can only be Russian; Latin ones could be any of the others, so the data's language decides.)
  const lang = language.split('-')[0]!;
  if (lang !== 'ru' && lang !== dataLanguage.split('-')[0]) return undefined;
  return isPlainDomainWord(raw, language) ? raw : undefined;
}

function backedClaims(customer: CustomerForMessage, distributions?: RunDistributions): PromptFacts['customer']['claims'] {
  if (!distributions) return [];
  const out: PromptFacts['customer']['claims'] = [];
  for (const theme of claimThemes) {
    for (const side of ['high', 'low'] as const) if (hasEvidence(customer, theme, side, distributions)) out.push({ theme, side });
  }
  return out;
}

const claimThemes: FeatureTheme[] = ['recency', 'frequency', 'spend', 'tenure', 'service', 'engagement', 'cart', 'satisfaction', 'contract', 'marketing'];

/** Cell text and column names a message must not repeat (short words and the vetted category aside). */
function echoCandidates(attributes: Record<string, AttributeValue>, category: string | undefined): string[] {
  const out: string[] = [];
  for (const [column, value] of Object.entries(attributes)) {
    if (/[_=]|\p{Ll}\p{Lu}/u.test(column) || column.length >= 8) out.push(column);
    if (typeof value === 'string' && value.trim().length >= 6 && value.trim() !== category) out.push(value.trim());
  }
  return out;
}

// A one-hot feature of a personal column ("email=ann@example.com") would carry the value itself.
function isSafeFeature(feature: string): boolean {
  const { column, level } = classifyFeature(feature);
  return !isPersonalField(column) && !(level !== undefined && looksPersonalValue(level));
}

function riskBand(p: number): 'low' | 'medium' | 'high' {
  return p >= 0.6 ? 'high' : p >= 0.3 ? 'medium' : 'low';
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
