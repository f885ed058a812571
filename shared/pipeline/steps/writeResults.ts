import { once } from 'node:events';
import { buildRunResults } from '../../results/buildRunResults';
import { readPreviousRun } from '../../results/runDrift';
import type { RunFacts, RunOutputs } from '../../results/RunOutputs';
import type { QualityReport } from '../../ingest/QualityReport';
import { BlobStore } from '../../storage/BlobStore';
import { readCampaignHistory } from '../campaignHistory';
import { publishLatest } from '../publishLatest';
import { RunInput } from '../RunInput';
import { runPaths } from '../runPaths';
import { WorkFiles } from './workFiles';

export interface ResultsRequest extends RunFacts {
  input: RunInput;
}

export interface WrittenResults {
  files: string[];
  /** Set when a run of newer data was published first: this run's results stay, latest.json does not move. */
  historical?: true;
  newerRunId?: string;
}

/**
 * Writes every result file of the run under results/<dataset>/<runId>/ (built by results/), then
 * moves latest.json to the run — last, so a reader never sees a run that is only half written.
 */
export async function writeResults(store: BlobStore, request: ResultsRequest): Promise<WrittenResults> {
  const { input, ...facts } = request;
  const [runOutputs, previous, campaignHistory] = await Promise.all([
    readRunOutputs(store, input, facts),
    input.previousRunId ? readPreviousRun(store, input.dataset, input.previousRunId) : undefined,
    readCampaignHistory(store, input.dataset, input.runId),
  ]);
  const outputs = campaignHistory ? { ...runOutputs, campaignHistory } : runOutputs;
  const container = store.resultsContainer;
  // Each file uploads while the next is built; only latest.json waits for all of them.
  const uploads: Promise<unknown>[] = [];
  const files: string[] = [];
  for await (const file of buildRunResults(outputs, previous)) {
    const name = runPaths.file(input.dataset, input.runId, file.name);
    const pending =
      'json' in file
        ? store.writeJson(container, name, file.json)
        : 'stream' in file
          ? store.writeStream(container, name, file.stream, file.contentType)
          : 'later' in file
            ? file.later.then((body) => store.write(container, name, body, file.contentType))
            : store.write(container, name, file.body, file.contentType);
    // Marked handled at once: a failed upload must fail this step, not the process (unhandled rejection).
    pending.catch(() => undefined);
    uploads.push(pending);
    files.push(file.name);
    // A streamed file is built as its upload reads it: the next file needs it read to the end (its last
    // blocks still uploading meanwhile), and a failed upload must end the step here rather than leave
    // the stream waiting for a reader.
    if ('stream' in file) await Promise.race([pending, once(file.stream, 'end')]);
  }
  await Promise.all(uploads);

  const publication = await publishLatest(store, input);
  return publication.historical ? { files: [...files, publication.file], historical: true, newerRunId: publication.newerRunId } : { files };
}

/** The run's work files and quality.json, typed. */
export async function readRunOutputs(store: BlobStore, run: RunInput, facts: RunFacts): Promise<RunOutputs> {
  const work = new WorkFiles(store, run);
  const [{ table, schema }, labels, clustering, churn, profiles, featurePipeline, pca, quality, recipe, upliftWork, customerValue] = await Promise.all([
    work.readTable(),
    work.readLabels(),
    work.readJson('clustering.json'),
    work.readJson('churn.json'),
    work.readJson('profiles.json'),
    work.readJson('pipeline.json'),
    work.readJson('pca.json'),
    store.readJson<QualityReport>(store.resultsContainer, runPaths.file(run.dataset, run.runId, 'quality.json')),
    work.readOptionalJson('recipe.json'),
    work.readOptionalJson('uplift.json'),
    work.readCustomerValue(),
  ]);
  if (!quality) throw new Error(`quality.json of run ${run.runId} is missing.`);
  const type = churn.model?.type;
  // One model per class has no single probability: churn_probability stays empty, priority follows value.
  const [risk, drivers, classProbabilities, upliftMatrix] = await Promise.all([
    type && type !== 'oneVsRest' ? work.readFloat64('churn.bin') : undefined,
    type === 'classifier' || type === 'oneVsRest' ? work.readMatrix('drivers.bin') : undefined,
    type === 'oneVsRest' ? work.readMatrix('classes.bin') : undefined,
    upliftWork?.fit?.arms.length ? work.readMatrix('uplift.bin') : undefined,
  ]);
  return {
    run, facts, table, schema, labels, clustering, churn, profiles, featurePipeline, pca, quality,
    ...(risk ? { risk } : {}),
    ...(drivers ? { drivers } : {}),
    ...(classProbabilities ? { classProbabilities } : {}),
    ...(recipe ? { recipe } : {}),
    ...(customerValue ? { customerValue } : {}),
    ...(upliftWork ? { uplift: { work: upliftWork, ...(upliftMatrix ? { matrix: upliftMatrix } : {}) } } : {}),
  };
}
