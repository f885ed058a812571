import type { Message } from '../messaging/types';
import type { BlobStore } from '../storage/BlobStore';

/**
 * The messages of a synchronous request as they are written, kept in a work file so that the same
 * request sent again after an interruption (a killed host, a dropped connection) reuses them instead
 * of paying the model for them twice. One write at a time; a message written meanwhile rides along
 * with the next, so the file is at most one write behind.
 */
export class MessageCheckpoint {
  private readonly messages: Message[];
  private writing: Promise<void> | undefined;
  private dirty = false;

  private constructor(private readonly store: BlobStore, private readonly name: string, saved: Message[]) {
    this.messages = [...saved];
  }

  /** The checkpoint of a request, with the messages an earlier attempt saved. */
  static async open(store: BlobStore, name: string): Promise<MessageCheckpoint> {
    const saved = await store.readJson<{ messages: Message[] }>(store.resultsContainer, name);
    return new MessageCheckpoint(store, name, saved?.messages ?? []);
  }

  /** What an earlier attempt wrote, by customer. */
  saved(): Map<string, Message> {
    return new Map(this.messages.map((m) => [m.customerId, m]));
  }

  add(message: Message): void {
    this.messages.push(message);
    if (this.writing) {
      this.dirty = true;
      return;
    }
    this.writing = this.flush().finally(() => (this.writing = undefined));
  }

  /** Waits for the last write (the request's result is stored after it). */
  async settle(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async flush(): Promise<void> {
    do {
      this.dirty = false;
      // A checkpoint that cannot be written only costs a rewrite after an interruption; the request goes on.
      await this.store.writeJson(this.store.resultsContainer, this.name, { messages: this.messages.slice() }).catch(() => undefined);
    } while (this.dirty);
  }
}
