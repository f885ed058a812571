/**
 * Shapes the messaging code reads and returns. The customer input mirrors docs/CONTRACTS.md
 * (customers.jsonl); a segment is segments.json's own type, so the two cannot drift apart.
 */

export type Channel = 'email' | 'sms' | 'push';
export type Goal = 'retain' | 'upsell' | 'reengage';
export type Tone = 'friendly' | 'formal' | 'playful' | 'urgent';

export type AttributeValue = string | number | boolean | null;

export interface Driver {
  feature: string;
  /** Contribution to the churn probability: positive raises the risk. */
  contribution: number;
}

/** One customer of a run, as the messages endpoint builds it from assignments and the uploaded row. */
export interface CustomerForMessage {
  customerId: string;
  segment: number;
  segmentName: string;
  /**
   * The run's score for this customer: a churn risk when the run's goal is churn, a propensity to buy
   * otherwise; null when the run has no score (no label and no activity columns). Never read as 0.
   */
  churnProbability: number | null;
  /** What the run's score means (the run's goal): only a churn score may make a message about staying. */
  runGoal?: 'churn' | 'conversion' | 'neutral';
  drivers: Driver[];
  /** The customer's uploaded columns; personal ones are filtered out before any prompt is built. */
  attributes: Record<string, AttributeValue>;
  consent: boolean;
  /** Per-channel consent when the data has channel consent columns; a channel listed false gets no message. */
  channelConsent?: Partial<Record<Channel, boolean>>;
  language?: string;
}

/** One item of segments.json, as the run wrote it: its mean churn probability is null when the run has none. */
export type { SegmentProfile } from '../segments/SegmentProfile';

/** Character limits a message must respect on its channel. */
export interface ChannelLimits {
  text: number;
  subject?: number;
  /** Push: the title shown in bold above the body. */
  title?: number;
  /** SMS: the most billed parts a message may take (the request's `maxParts`). */
  maxParts?: number;
}

/** What a writer returns before it is checked and turned into a Message. */
export interface DraftMessage {
  subject?: string;
  /** Push only: the notification's title. */
  title?: string;
  text: string;
  /** The language the text is actually written in (a writer may fall back). */
  language: string;
}

/** A message as the API returns it and as each line of messages/<requestId>.jsonl stores it. */
export interface Message {
  customerId: string;
  segment: number;
  segmentName: string;
  channel: Channel;
  language: string;
  subject?: string;
  /** Push only: the notification's title (the body is `text`). */
  title?: string;
  text: string;
  /** The offer the message promotes, with its terms exactly as the catalogue words them. */
  offer?: { id: string; name: string; terms?: string };
  drivers: Driver[];
  /** E-mail only: the inbox preview line, the body's first sentence after the greeting (at most 90 characters). */
  preheader?: string;
  /** SMS only: how the text is encoded and how many billed parts it takes. */
  encoding?: 'GSM-7' | 'UCS-2';
  parts?: number;
  /** The A/B variant the customer falls in, when the request asks for variants. */
  variant?: string;
  /** Every message is a draft until a reviewer approves it (POST /api/messages/{requestId}/approve). */
  status: 'draft';
}

export interface CustomerOutcome {
  customerId: string;
  reason: string;
}
