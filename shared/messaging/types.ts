/**
 * Shapes the messaging code reads and returns. Customer and segment inputs mirror docs/CONTRACTS.md
 * (assignments and segments.json); they are kept minimal here so this folder stands on its own.
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
  /** The run's score for this customer: a churn risk when the run's goal is churn, a propensity to buy otherwise. */
  churnProbability: number;
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

/** One item of segments.json. */
export interface SegmentProfile {
  segment: number;
  name: string;
  size: number;
  share: number;
  centroid: Record<string, number>;
  distinguishing: { feature: string; z: number }[];
  churnRate?: number;
  meanChurnProbability: number;
  value?: number;
  priority: number;
  silhouette?: number;
  suggestedAction: string;
}

/** Character limits a message must respect on its channel. */
export interface ChannelLimits {
  text: number;
  subject?: number;
  /** SMS: the most billed parts a message may take (the request's `maxParts`). */
  maxParts?: number;
}

/** What a writer returns before it is checked and turned into a Message. */
export interface DraftMessage {
  subject?: string;
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
  text: string;
  offer?: { id: string; name: string };
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
