import { z } from 'zod';
import { getSettings } from '../config/settings';
import { quoteInput } from '../http/quoteInput';
import { parseDateText } from '../ingest/parseCellText';
import type { Column, Table } from '../ingest/Table';
import type { ModelArtifact } from '../model/ModelArtifact';
import { ScoreInputError } from '../model/ScoreInputError';
import { scoreTables, type ScoredCustomer } from '../model/scoreTables';
import { runPaths } from '../pipeline/runPaths';
import { datasetNamePattern } from '../pipeline/uploadPath';
import type { RawKind } from '../recipe/TableRecipe';
import { BlobStore } from '../storage/BlobStore';
import { latestRunId } from './datasetQueries';
import { readRequestNumber } from './readRequestNumber';

/** Most rows one request may carry, over all its files (more is a 413: split the request). */
export const maxScoreRows = 10_000;

const rows = z.array(z.record(z.string(), z.unknown())).min(1);

export const scoreRequestSchema = z
  .strictObject({
    // Checked here, before the name reaches a blob path: look-alikes and traversals are a 400, not a lookup.
    dataset: z
      .string()
      .max(200, 'must be a dataset folder name such as "telco-churn", at most 63 characters')
      .transform((s) => s.trim().toLowerCase())
      .pipe(
        z
          .string()
          .regex(datasetNamePattern, 'must be a dataset folder name such as "telco-churn": a-z, 0-9, ".", "_", "-" (look-alike letters from other alphabets are not accepted)'),
      ),
    /** A single-table dataset's customers, columns as uploaded. */
    customers: rows.optional(),
    /** A manifest dataset's files by their manifest name: customer rows, long rows, transaction lines, events. */
    files: z.record(z.string().min(1).max(300), rows).optional(),
    /** Fill a column a customer lacks with the run's imputation instead of a 400. */
    allowMissing: z.boolean().optional(),
  })
  .refine((r) => (r.customers === undefined) !== (r.files === undefined), {
    message: 'send either "customers" (rows of a single-table dataset) or "files" (rows per manifest file), not both or neither',
  });

export type ScoreRequest = z.infer<typeof scoreRequestSchema>;

export { ScoreInputError };

const models = new Map<string, ModelArtifact>();

async function loadModel(store: BlobStore, dataset: string, runId: string): Promise<ModelArtifact | undefined> {
  const key = `${dataset}/${runId}`;
  const cached = models.get(key);
  if (cached) return cached;
  const model = await store.readJson<ModelArtifact>(store.resultsContainer, runPaths.file(dataset, runId, 'model.json'));
  if (model) {
    models.set(key, model);
    while (models.size > 16) models.delete(models.keys().next().value!);
  }
  return model;
}

/** One file's rows as sent, and what the model reads from it. */
interface SentFile {
  name: string;
  rows: Record<string, unknown>[];
  /** Columns read, with the kind the run read them as. */
  columns: { name: string; kind: RawKind }[];
  /** The customer key column, to name a customer in an error. */
  key?: string;
  /** Rows are customers (not lines of a long table, transactions or events). */
  customers: boolean;
}

/**
 * POST /api/score: new customers scored with the dataset's latest model exactly as the run scored
 * its own (model/scoreTables.ts), in request order. The rows are what was uploaded: customer rows,
 * or for a manifest dataset each file's rows (long rows, transaction lines, events). A value the
 * model cannot use, or a column it needs that a row lacks, is a 400 naming the row and column.
 */
export async function scoreCustomers(store: BlobStore, request: ScoreRequest): Promise<{ runId: string; modelVersion: number; results: ScoredCustomer[] }> {
  const dataset = request.dataset.toLowerCase();
  const sentRows = request.customers?.length ?? Object.values(request.files ?? {}).reduce((sum, r) => sum + r.length, 0);
  if (sentRows > maxScoreRows) {
    throw new ScoreInputError(413, 'too_many_rows', `The request holds ${sentRows} rows; at most ${maxScoreRows} are scored at once. Split it into smaller requests, or drop a file in the scoring container.`, {
      rows: sentRows,
      limit: maxScoreRows,
    });
  }
  const runId = await latestRunId(store, dataset);
  if (!runId) throw new ScoreInputError(404, 'dataset_not_found', `Dataset ${dataset} has no completed run to score with.`);
  const model = await loadModel(store, dataset, runId);
  if (!model) throw new ScoreInputError(404, 'model_not_found', `Run ${runId} of ${dataset} has no model.json.`);
  const allowMissing = request.allowMissing ?? getSettings().SEGMENTWISE_SCORE_ALLOW_MISSING === 'true';

  const sent = sentFiles(model, request);
  for (const file of sent) checkRows(file, allowMissing);
  const tables = sent.map((file) => ({ name: file.name, table: toTable(file) }));
  const results = await scoreTables(model, tables, { allowMissing });
  return { runId, modelVersion: model.version, results };
}

/** The request's files, matched with what the model reads from each. */
function sentFiles(model: ModelArtifact, request: ScoreRequest): SentFile[] {
  const recipe = model.recipe;
  if (!recipe) {
    // A model from before table recipes scores rows of the finished table's columns.
    if (!request.customers) {
      throw new ScoreInputError(400, 'files_not_supported', 'This dataset\'s model predates scoring from raw files; send "customers" rows, or upload the data again to retrain.');
    }
    const numeric = new Set(model.schema.numeric);
    const names = [...(model.schema.idColumn ? [model.schema.idColumn] : []), ...model.schema.numeric, ...model.schema.boolean, ...model.schema.categorical];
    return [{
      name: 'customers',
      rows: request.customers,
      columns: names.map((name) => ({ name, kind: numeric.has(name) ? 'number' : 'string' })),
      key: model.schema.idColumn,
      customers: true,
    }];
  }
  const base = recipe.files[0]!;
  if (request.customers) {
    if (recipe.files.length > 1 || base.role !== 'customers') {
      throw new ScoreInputError(400, 'files_required', `This dataset was built from several files; send "files" with rows for each: ${recipe.files.map((f) => `"${f.name}" (${f.role})`).join(', ')}.`, {
        files: recipe.files.map((f) => ({ name: f.name, role: f.role, columns: f.columns.map((c) => c.name) })),
      });
    }
    return [{ name: base.name, rows: request.customers, columns: base.columns, key: base.key || undefined, customers: true }];
  }
  const files = request.files!;
  const sentNames = Object.keys(files);
  // A lone file is the lone file whatever it is called; else names as in the manifest.
  const rowsOf = (name: string) =>
    Object.hasOwn(files, name) ? files[name] : recipe.files.length === 1 && sentNames.length === 1 ? files[sentNames[0]!] : undefined;
  // Files the model does not read (a label-only file, an extra sheet) are ignored, like extra columns.
  return recipe.files
    .filter((f) => rowsOf(f.name) !== undefined)
    .map((f) => ({ name: f.name, rows: rowsOf(f.name)!, columns: f.columns, key: f.key || undefined, customers: f.role === 'customers' }));
}

/** Every row has every column the model reads (or allowMissing), each a single value. */
function checkRows(file: SentFile, allowMissing: boolean): void {
  file.rows.forEach((row, i) => {
    const who = () => {
      const id = file.key ? row[file.key] : undefined;
      const named = id !== undefined && id !== null && typeof id !== 'object' ? ` ${quoteInput(id, 40)}` : '';
      return file.customers ? `Customer${named} (row ${i + 1})` : `Row ${i + 1} of "${file.name}"${named ? ` (customer${named})` : ''}`;
    };
    for (const { name } of file.columns) {
      const value = row[name];
      if (!Object.hasOwn(row, name)) {
        if (allowMissing && name !== file.key) continue;
        throw new ScoreInputError(
          400,
          'missing_column',
          `${who()}: the model needs column "${name}", which was not sent.` +
            (name === file.key ? '' : ' Send it, or allowMissing: true to fill it with the run\'s median or most frequent value.'),
          { file: file.name, row: i + 1, column: name, expected: file.columns.map((c) => c.name).slice(0, 50) },
        );
      }
      if (value !== null && typeof value === 'object') {
        throw new ScoreInputError(400, 'invalid_value', `${who()}, column "${name}": give a single value, not ${Array.isArray(value) ? 'a list' : 'an object'}.`, {
          file: file.name,
          row: i + 1,
          column: name,
        });
      }
    }
  });
}

/**
 * The rows as a table of the columns the model reads, each of the kind the run read it as. Numbers
 * are read once, strictly, and scored as read: "1,000" is 1000 in the check and in the score.
 */
function toTable(file: SentFile): Table {
  const n = file.rows.length;
  const columns = file.columns.map(({ name, kind }): Column => {
    if (kind === 'string') {
      const values = file.rows.map((row) => {
        const v = row[name];
        return v === undefined || v === null ? null : String(v);
      });
      return { name, kind, values };
    }
    const values = new Float64Array(n);
    file.rows.forEach((row, i) => {
      const v = row[name];
      if (v === undefined || v === null || v === '') {
        values[i] = NaN;
        return;
      }
      if (kind === 'date') {
        const t = typeof v === 'number' ? v : typeof v === 'string' ? parseDateText(v) : NaN;
        if (Number.isNaN(t)) {
          throw new ScoreInputError(400, 'invalid_value', `Row ${i + 1} of "${file.name}", column "${name}": ${quoteInput(v, 40)} is not a date (YYYY-MM-DD, YYYY-MM-DD HH:MM:SS or DD.MM.YYYY).`, {
            file: file.name,
            row: i + 1,
            column: name,
          });
        }
        values[i] = t;
        return;
      }
      const number = readRequestNumber(v);
      if (!number.ok) {
        throw new ScoreInputError(400, 'invalid_value', `${file.customers ? 'Customer' : `Row of "${file.name}"`} ${i + 1}, column "${name}": ${quoteInput(v, 40)} ${number.reason}.`, {
          file: file.name,
          row: i + 1,
          column: name,
        });
      }
      values[i] = number.value;
    });
    return { name, kind, values };
  });
  return { name: file.name, columns, rowCount: n };
}
