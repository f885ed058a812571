import type { MessagePrompt } from './buildMessagePrompt';
import type { DraftMessage } from './types';

/** Writes one message from a prompt: the embedded writer offline, Azure OpenAI when configured. */
export interface MessageWriter {
  readonly name: string;
  write(prompt: MessagePrompt, signal?: AbortSignal): Promise<DraftMessage>;
}
