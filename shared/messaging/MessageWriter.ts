import type { MessagePrompt } from './buildMessagePrompt';
import type { CallMeter } from './ModelCallGovernor';
import type { DraftMessage } from './types';

/** Writes one message from a prompt: the embedded writer offline, Azure OpenAI when configured. */
export interface MessageWriter {
  readonly name: string;
  /** `meter` counts the request's model calls and tokens against its budget (the embedded writer makes none). */
  write(prompt: MessagePrompt, signal?: AbortSignal, meter?: CallMeter): Promise<DraftMessage>;
}
