/** Personalized messages: the public surface the HTTP function and the orchestration use. */
export { AzureOpenAIWriter, type AzureOpenAIWriterConfig } from './AzureOpenAIWriter';
export { buildMessagePrompt, resolveGoal, type MessagePrompt, type PromptFacts } from './buildMessagePrompt';
export { channelLimits } from './channelLimits';
export { chooseOffer, preferredCategory, type ChosenOffer } from './chooseOffer';
export { createWriter, writerConfigFromSettings, WriterConfigError, type MessageWriterConfig } from './createWriter';
export { describeFeature } from './describeFeature';
export { EmbeddedWriter } from './EmbeddedWriter';
export { findPersonalData } from './findPersonalData';
export { isPersonalField } from './isPersonalField';
export { messageRequestSchema, type MessageRequest, type MessageRequestInput } from './messageRequestSchema';
export { MessageWriteError } from './MessageWriteError';
export type { MessageWriter } from './MessageWriter';
export { offerCatalogSchema, type Offer, type OfferCatalog } from './offerCatalogSchema';
export { parseMessageRequest, type ParsedMessageRequest, type RequestError } from './parseMessageRequest';
export { selectCustomers } from './selectCustomers';
export type { PrivacyOptions } from './selectPromptAttributes';
export type * from './types';
export { writeMessages, type WriteMessagesOptions, type WriteMessagesProgress, type WriteMessagesResult } from './writeMessages';
