import type { UpliftWork } from '../campaign/treatmentUplift';
import type { CampaignHistory } from '../pipeline/campaignHistory';
import type { QualityReport } from '../ingest/QualityReport';
import type { Schema } from '../ingest/Schema';
import type { Table } from '../ingest/Table';
import type { FeaturePipelineState } from '../model/FeaturePipeline';
import type { RunInput } from '../pipeline/RunInput';
import type { ChurnWork, ClusteringWork, PcaWork, ProfilesWork } from '../pipeline/steps/workFiles';
import type { CandidateK } from '../pipeline/steps/chooseK';
import type { MatrixArtifact } from '../pipeline/workArtifacts';
import type { TableRecipe } from '../recipe/TableRecipe';
import type { RunCustomerValue } from '../value/runCustomerValue';

/** How the final k was chosen, the steps' durations and how k-means ran: what the orchestrator knows. */
export interface RunFacts {
  kSelection: { evaluations: CandidateK[]; chosenK: number; reason: string };
  timings: { step: string; seconds: number }[];
  clustering: { path: 'single' | 'partitioned'; partitions: number; iterations: number };
}

/** Everything a run computed, typed: every result file is built from this and nothing else. */
export interface RunOutputs {
  run: RunInput;
  facts: RunFacts;
  table: Table;
  schema: Schema;
  /** Each customer's cluster index (not yet its stable segment number: see profiles.segmentIds). */
  labels: Int32Array;
  clustering: ClusteringWork;
  churn: ChurnWork;
  profiles: ProfilesWork;
  featurePipeline: FeaturePipelineState;
  pca: PcaWork;
  /** Each customer's probability or heuristic risk; absent without a churn signal and for one-vs-rest. */
  risk?: Float64Array;
  /** n × 6: (feature index, contribution) of each customer's three strongest drivers, NaN past the last. */
  drivers?: MatrixArtifact<null>;
  /** One-vs-rest: n × classes, each row summing to 1. */
  classProbabilities?: MatrixArtifact<null>;
  /** quality.json as parseDataset wrote it; writeResults adds the warnings. */
  quality: QualityReport;
  /** How the table was built from the files (absent for a run begun before recipes were kept). */
  recipe?: TableRecipe;
  /** BG/NBD + Gamma-Gamma fit and per-customer 12-month value, for data with transactions. */
  customerValue?: RunCustomerValue;
  /** A treatment run's uplift model (uplift.json) and customers × (1 + arms) estimates (uplift.bin). */
  uplift?: { work: UpliftWork; matrix?: MatrixArtifact<null> };
  /** Earlier message requests with a holdout on this dataset: what lift.json measures. */
  campaignHistory?: CampaignHistory;
}
