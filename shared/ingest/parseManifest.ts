import { IngestError } from './IngestError';
import { manifestSchema, type Manifest } from './manifestSchema';

/** Reads and validates manifest.json; every problem becomes an IngestError naming the field. */
export function parseManifest(json: string | Uint8Array | unknown, fileName = 'manifest.json'): Manifest {
  let value: unknown = json;
  if (typeof json === 'string' || json instanceof Uint8Array) {
    const text = (typeof json === 'string' ? json : Buffer.from(json).toString('utf8')).replace(/^\uFEFF/, '');
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw new IngestError({
        code: 'MANIFEST_INVALID',
        file: fileName,
        message: `The manifest is not valid JSON (${err instanceof Error ? err.message : String(err)}).`,
        hint: 'Check commas and quotes, e.g. {"files": [{"name": "customers.csv"}], "id": "customer_id"}.',
      });
    }
  }
  const parsed = manifestSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`);
    throw new IngestError({
      code: 'MANIFEST_INVALID',
      file: fileName,
      column: parsed.error.issues[0]?.path.join('.') || undefined,
      message: `The manifest has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}: ${problems.join('; ')}.`,
      hint: 'Fix the fields named above; see the manifest.json example in the documentation (files, id, target, positive, consent, exclude, sheet, k, language).',
    });
  }
  return parsed.data;
}
