import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';

/** JSON with keys sorted at every level, so equal options always hash equally. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export interface RunFileStream {
  name: string;
  open(): Promise<Readable>;
}

/**
 * The run's identity: the first 16 hex characters of SHA-256 over every file's bytes (hashed while
 * streaming, in name order, each preceded by its name) and the normalized options. The same bytes and
 * options always give the same runId, which is also the orchestration's instance id.
 */
export async function computeRunId(files: RunFileStream[], options: unknown): Promise<string> {
  const hash = createHash('sha256');
  const ordered = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const file of ordered) {
    hash.update(`file:${file.name}\n`);
    const stream = await file.open();
    for await (const chunk of stream) hash.update(chunk as Buffer);
    hash.update('\n');
  }
  hash.update(`options:${canonicalJson(options ?? {})}`);
  return hash.digest('hex').slice(0, 16);
}
