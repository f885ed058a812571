import { BlobServiceClient, ContainerClient, RestError } from '@azure/storage-blob';
import { HostLogger } from './invokeFunction';

export interface BlobEvent {
  container: string;
  name: string;
  etag: string;
  length: number;
  url: string;
}

interface Receipt {
  etag: string;
  state: 'claimed' | 'done' | 'failed';
  receiptEtag: string;
}

/**
 * Fires a blob-triggered function once per new or changed blob, like the host's blob receipts:
 * a receipt blob per (function, blob) records the ETag handled. Claiming a receipt is a conditional
 * write, so concurrent pollers start one invocation, and a restarted host does not fire old blobs
 * again; a claim whose invocation never finished (the host died) is picked up again at start.
 */
export class BlobWatcher {
  private readonly receipts = new Map<string, Receipt>();
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private stopped = false;
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly functionName: string,
    private readonly path: string,
    private readonly service: BlobServiceClient,
    private readonly receiptsContainer: ContainerClient,
    private readonly fire: (event: BlobEvent) => Promise<void>,
    private readonly log: HostLogger,
    private readonly intervalMs = 1000,
  ) {}

  private get containerName(): string {
    return this.path.split('/')[0]!;
  }

  /** The literal part of the path pattern after the container ("uploads/{name}" → ""). */
  private get prefix(): string {
    const rest = this.path.split('/').slice(1).join('/');
    const brace = rest.indexOf('{');
    return brace < 0 ? rest : rest.slice(0, brace);
  }

  private receiptName(blobName: string): string {
    return `receipts/${this.functionName}/${this.containerName}/${blobName}`;
  }

  async start(): Promise<void> {
    await this.service.getContainerClient(this.containerName).createIfNotExists();
    const stale: string[] = [];
    for await (const item of this.receiptsContainer.listBlobsFlat({
      prefix: `receipts/${this.functionName}/${this.containerName}/`,
      includeMetadata: true,
    })) {
      const blobName = item.name.slice(`receipts/${this.functionName}/${this.containerName}/`.length);
      const receipt: Receipt = {
        etag: item.metadata?.blobetag ?? '',
        state: (item.metadata?.state as Receipt['state']) ?? 'done',
        receiptEtag: item.properties.etag ?? '',
      };
      this.receipts.set(blobName, receipt);
      if (receipt.state === 'claimed') stale.push(blobName);
    }
    // Claims left by a host that stopped mid-invocation: deliver them again (functions are idempotent).
    for (const name of stale) this.receipts.get(name)!.etag = '';
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.polling;
    await Promise.allSettled([...this.running]);
  }

  /** Polls now and waits for the invocations it started. */
  async pollNow(): Promise<void> {
    await this.polling;
    this.polling = this.poll();
    await this.polling;
    await Promise.allSettled([...this.running]);
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.polling = this.poll()
        .catch((err: unknown) => this.log('warning', this.functionName, `Blob poll failed: ${String(err)}`))
        .finally(() => this.schedule(this.intervalMs));
    }, delay);
  }

  private async poll(): Promise<void> {
    const container = this.service.getContainerClient(this.containerName);
    for await (const item of container.listBlobsFlat({ prefix: this.prefix })) {
      if (this.stopped) return;
      const etag = item.properties.etag ?? '';
      const known = this.receipts.get(item.name);
      if (known && known.etag === etag) continue;
      const claimed = await this.claim(item.name, etag, known);
      if (!claimed) continue;
      const event: BlobEvent = {
        container: this.containerName,
        name: item.name,
        etag,
        length: item.properties.contentLength ?? 0,
        url: container.getBlobClient(item.name).url,
      };
      const run = this.deliver(event).finally(() => this.running.delete(run));
      this.running.add(run);
    }
  }

  private async claim(blobName: string, etag: string, known: Receipt | undefined): Promise<boolean> {
    const receipt = this.receiptsContainer.getBlockBlobClient(this.receiptName(blobName));
    try {
      const res = await receipt.upload('', 0, {
        metadata: { blobetag: etag, state: 'claimed' },
        conditions: known?.receiptEtag ? { ifMatch: known.receiptEtag } : { ifNoneMatch: '*' },
      });
      this.receipts.set(blobName, { etag, state: 'claimed', receiptEtag: res.etag ?? '' });
      return true;
    } catch (err) {
      if (err instanceof RestError && (err.statusCode === 409 || err.statusCode === 412)) {
        // Someone else claimed it: learn their receipt so this blob is not tried again.
        const props = await receipt.getProperties().catch(() => undefined);
        if (props) {
          this.receipts.set(blobName, {
            etag: props.metadata?.blobetag ?? etag,
            state: (props.metadata?.state as Receipt['state']) ?? 'claimed',
            receiptEtag: props.etag ?? '',
          });
        }
        return false;
      }
      throw err;
    }
  }

  private async deliver(event: BlobEvent): Promise<void> {
    const maxAttempts = 5;
    let state: Receipt['state'] = 'failed';
    for (let attempt = 1; attempt <= maxAttempts && !this.stopped; attempt++) {
      try {
        await this.fire(event);
        state = 'done';
        break;
      } catch (err) {
        this.log('warning', this.functionName, `Attempt ${attempt} for ${event.container}/${event.name} failed: ${String(err)}`);
        if (attempt < maxAttempts) await new Promise((r) => setTimeout(r, 250 * 2 ** attempt));
      }
    }
    if (this.stopped) return;
    if (state === 'failed') {
      this.log('error', this.functionName, `Giving up on ${event.container}/${event.name} after ${maxAttempts} attempts.`);
    }
    const receipt = this.receiptsContainer.getBlockBlobClient(this.receiptName(event.name));
    const current = this.receipts.get(event.name);
    try {
      const res = await receipt.setMetadata({ blobetag: event.etag, state }, { conditions: { ifMatch: current?.receiptEtag } });
      this.receipts.set(event.name, { etag: event.etag, state, receiptEtag: res.etag ?? '' });
    } catch (err) {
      this.log('warning', this.functionName, `Could not record the receipt for ${event.name}: ${String(err)}`);
    }
  }
}
