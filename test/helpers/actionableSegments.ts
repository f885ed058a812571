import type { BlobServiceClient } from '@azure/storage-blob';
import { bufferSource } from '../../shared/ingest/fileSource';
import { parseManifest } from '../../shared/ingest/parseManifest';
import { readDatasetFiles } from '../../shared/ingest/readDatasetFiles';
import type { ModelArtifact } from '../../shared/model/ModelArtifact';
import type { SegmentsDocument } from '../../shared/results/segmentsDocument';
import { readBlobText } from './azurite';

/** Whole-word, case-insensitive: "spend" is a header, "big spenders" does not contain it. */
function containsWord(text: string, word: string): boolean {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu').test(text);
}

/** What a name must never show: a header of the files or the customer table, or a category code (3+ characters, not a number). */
async function rawWords(files: { name: string; bytes: Buffer }[], manifest: unknown, model: ModelArtifact): Promise<Set<string>> {
  const read = await readDatasetFiles(files.map((f) => bufferSource(f.name, f.bytes)), manifest ? parseManifest(manifest) : undefined);
  const words = new Set<string>();
  for (const { table } of read) {
    for (const column of table.columns) {
      words.add(column.name);
      if (column.kind !== 'string') continue;
      const distinct = new Set<string>();
      for (const v of column.values) if (v !== null && distinct.size <= 50) distinct.add(v);
      // Codes are the values of a category column, not free text such as product descriptions.
      if (distinct.size <= 50) distinct.forEach((v) => words.add(v));
    }
  }
  for (const feature of model.schema.featureNames) for (const part of feature.split('=')) words.add(part);
  return new Set([...words].map((w) => w.trim()).filter((w) => w.length >= 3 && !/^[-+\d.,\s%$]+$/.test(w)));
}

/**
 * What a marketer can act on, checked on a finished run: names unique and free of headers and codes,
 * one action per segment (none repeated), and priority in the order of value at stake.
 */
export async function expectActionableSegments(input: { service: BlobServiceClient; dataset: string; runId: string; files: { name: string; bytes: Buffer }[]; manifest?: unknown }): Promise<SegmentsDocument> {
  const folder = `${input.dataset}/${input.runId}`;
  const doc = JSON.parse((await readBlobText(input.service, 'results', `${folder}/segments.json`))!) as SegmentsDocument;
  const model = JSON.parse((await readBlobText(input.service, 'results', `${folder}/model.json`))!) as ModelArtifact;
  const names = doc.segments.map((s) => s.name);
  expect(new Set(names).size).toBe(names.length);
  const raw = await rawWords(input.files, input.manifest, model);
  for (const name of names) {
    const found = [...raw].filter((w) => containsWord(name, w));
    expect({ name, found }).toEqual({ name, found: [] });
  }
  const actions = doc.segments.map((s) => s.suggestedAction);
  expect(new Set(actions).size).toBe(actions.length);
  const byPriority = [...doc.segments].sort((a, b) => a.priority - b.priority);
  expect(byPriority.map((s) => s.priority)).toEqual(byPriority.map((_, i) => i + 1));
  for (let p = 1; p < byPriority.length; p++) {
    const [before, after] = [byPriority[p - 1]!, byPriority[p]!];
    expect({ priority: after.priority, ordered: after.valueAtStake! <= before.valueAtStake! }).toEqual({ priority: after.priority, ordered: true });
  }
  return doc;
}
