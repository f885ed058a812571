import { z } from 'zod';

/**
 * Every setting the code reads, in one place. Names match app settings on Azure, entries of
 * local.settings.sample.json and the appSettings of infra/. Read once per process with `getSettings()`.
 */
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== '' ? v.trim() : undefined));

export const settingsSchema = z.object({
  /** Storage for uploads, results and durable state: a connection string, or identity-based (see storageConnection). */
  AzureWebJobsStorage: optionalText,
  /** Identity-based storage on Azure: the account's blob endpoint (set by infra instead of a connection string). */
  AzureWebJobsStorage__blobServiceUri: optionalText,
  SEGMENTWISE_UPLOADS_CONTAINER: z.string().regex(/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/).default('uploads'),
  SEGMENTWISE_RESULTS_CONTAINER: z.string().regex(/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/).default('results'),
  /** Files dropped here as <dataset>/<file> are scored with the dataset's latest model, without retraining. */
  SEGMENTWISE_SCORING_CONTAINER: z.string().regex(/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/).default('scoring'),
  /** POST /api/score: "true" fills a column a customer lacks with the run's median or most frequent value (listed per result) instead of answering 400. */
  SEGMENTWISE_SCORE_ALLOW_MISSING: z.enum(['true', 'false']).default('false'),
  /** Azure OpenAI; without an endpoint, messages come from the embedded writer. */
  AZURE_OPENAI_ENDPOINT: optionalText,
  AZURE_OPENAI_DEPLOYMENT: optionalText,
  /** Optional: managed identity (Entra ID) is used when no key is set. */
  AZURE_OPENAI_API_KEY: optionalText,
  AZURE_OPENAI_API_VERSION: z.string().default('2024-10-21'),
  /** The deployed model's name (e.g. gpt-5.4-mini): reasoning models get other request parameters than chat models. Empty: read from the deployment name. */
  AZURE_OPENAI_MODEL: optionalText,
  /** Reasoning models only: none, minimal, low, medium or high (what a model accepts varies; low is accepted by all). */
  AZURE_OPENAI_REASONING_EFFORT: z.enum(['none', 'minimal', 'low', 'medium', 'high']).default('low'),
  /** NCRONTAB (six fields, seconds first) for retrainModels. */
  RETRAIN_SCHEDULE: z.string().default('0 0 3 * * *'),
  /** A dataset whose latest model is older than this many days is retrained even without new data (0 = never). */
  RETRAIN_FORCE_DAYS: z.coerce.number().int().min(0).default(0),
  /** Largest upload accepted, in bytes. */
  SEGMENTWISE_MAX_FILE_BYTES: positiveInt(1024 * 1024 * 1024),
  /** Most columns accepted in one table. */
  SEGMENTWISE_MAX_COLUMNS: positiveInt(2000),
  /**
   * Threads that run the pipeline's whole-table steps (parsing, features, churn, profiles, results)
   * so that HTTP calls and durable heartbeats on the same worker never wait behind them; 0 runs them
   * on the calling thread.
   */
  SEGMENTWISE_STEP_THREADS: z.coerce.number().int().min(0).max(8).default(1),
  /** Above this many rows, k-means iterations fan out over row partitions (distributed k-means). */
  SEGMENTWISE_PARTITION_ROWS: positiveInt(500_000),
  /** Above this many customers, segments are fitted with mini-batch k-means (one activity, a fixed number of passes) instead of full Lloyd iterations. */
  SEGMENTWISE_MINIBATCH_ROWS: positiveInt(1_000_000),
  /** Message requests for more customers than this run as an orchestration (202 + status URL). */
  SEGMENTWISE_MESSAGES_SYNC_LIMIT: positiveInt(200),
  /** Concurrent calls to the model endpoint per request. */
  SEGMENTWISE_OPENAI_CONCURRENCY: positiveInt(4),
  /** Signs messages instead of "The team" and names the sender in the e-mail unsubscribe line. Empty: unsigned by brand. */
  SEGMENTWISE_BRAND_NAME: optionalText,
  /** A brand voice for the model's instructions ("plain words, no exclamation marks"). Empty: the request's tone only. */
  SEGMENTWISE_BRAND_VOICE: optionalText,
  /** The SMS opt-out keyword. Empty: STOP, and СТОП in Russian messages. */
  SEGMENTWISE_SMS_OPTOUT_KEYWORD: optionalText,
  /** Comma-separated column names never sent to a model or used to choose words, besides the built-in list (gender, age, family, ethnicity, religion, health, income). */
  SEGMENTWISE_SENSITIVE_ATTRIBUTES: optionalText,
  /** Frequency cap: a customer approved for a message on a channel gets no other on it for this many days (0 = no cap). */
  SEGMENTWISE_MESSAGES_FREQUENCY_DAYS: z.coerce.number().int().min(0).default(0),
  /** A suppression list for every dataset: a CSV blob in the results container (ids in the first column), besides each dataset's suppress.csv. Empty: none. */
  SEGMENTWISE_SUPPRESSION_FILE: optionalText,
  /** Share of each request's audience held out without a message when the request names none (0..0.5). */
  SEGMENTWISE_MESSAGES_HOLDOUT: z.coerce.number().min(0).max(0.5).default(0),
  /** Push notifications: most characters of the title and of the body (what lock screens show before cutting off). */
  SEGMENTWISE_PUSH_TITLE_MAX_CHARS: positiveInt(50),
  SEGMENTWISE_PUSH_BODY_MAX_CHARS: positiveInt(178),
  /** Model path: most completion tokens per message, by channel. */
  SEGMENTWISE_OPENAI_MAX_TOKENS_SMS: positiveInt(200),
  SEGMENTWISE_OPENAI_MAX_TOKENS_PUSH: positiveInt(200),
  SEGMENTWISE_OPENAI_MAX_TOKENS_EMAIL: positiveInt(700),
  /** Model path, reasoning models (gpt-5, o-series): tokens for thinking, added to the channel's maximum in max_completion_tokens. */
  SEGMENTWISE_OPENAI_REASONING_TOKENS: z.coerce.number().int().min(0).default(3000),
  /** Model path: most model calls for one request, and for the whole app per UTC day (counted in results/_messaging/budget/); customers beyond are marked failed "budget". */
  SEGMENTWISE_OPENAI_REQUEST_CALL_BUDGET: positiveInt(5_000),
  SEGMENTWISE_OPENAI_DAILY_CALL_BUDGET: positiveInt(50_000),
  /** Model path: longest Retry-After honoured, in milliseconds (a longer one fails the call). */
  SEGMENTWISE_OPENAI_MAX_RETRY_AFTER_MS: positiveInt(60_000),
  /** Model path: consecutive failed calls that open the circuit (the rest of the request fails at once). */
  SEGMENTWISE_OPENAI_CIRCUIT_FAILURES: positiveInt(8),
  /** Model path: how long an open circuit pauses calls, in milliseconds (recorded in storage, so every host pauses). */
  SEGMENTWISE_OPENAI_CIRCUIT_OPEN_MS: positiveInt(30_000),
  /** Model path: estimated cost per 1,000 prompt and completion tokens, for the cost reported with each request. */
  SEGMENTWISE_OPENAI_COST_PER_1K_INPUT: z.coerce.number().min(0).default(0.00015),
  SEGMENTWISE_OPENAI_COST_PER_1K_OUTPUT: z.coerce.number().min(0).default(0.0006),
  /** Days a run's results are kept after their last change (0 = forever); the run latest.json names is always kept. Fractions allowed. */
  SEGMENTWISE_RETENTION_DAYS: z.coerce.number().min(0).default(0),
  /** Days the hand-over files (_work/) a run or large message request left behind are kept, for a failed run's diagnosis (0 = until the next sweep). Fractions allowed. */
  SEGMENTWISE_FAILED_WORK_DAYS: z.coerce.number().min(0).default(7),
  /** HTTP routes answer 503 with Retry-After when storage has not answered within this many milliseconds. */
  SEGMENTWISE_STORAGE_TIMEOUT_MS: positiveInt(5_000),
  /** Local host only: the HTTP port (7071 like `func start`; 0 picks a free one). */
  SEGMENTWISE_LOCAL_PORT: z.coerce.number().int().min(0).max(65535).default(7071),
  /** Local host only: how often the watched containers (uploads, scoring) are polled for new blobs, in milliseconds. */
  SEGMENTWISE_LOCAL_POLL_MS: positiveInt(1000),
  /** Local host only: "false" keeps timers from firing on their schedule (tests fire them on demand). */
  SEGMENTWISE_LOCAL_TIMERS: z.enum(['true', 'false']).default('true'),
  /** Local host only: time a client has to send a request's headers and body, in milliseconds. */
  SEGMENTWISE_LOCAL_REQUEST_TIMEOUT_MS: positiveInt(30_000),
});

export type Settings = z.infer<typeof settingsSchema>;

/** Names of every setting the code reads (tests compare this list with infra and the sample settings). */
export const settingNames = Object.keys(settingsSchema.shape) as (keyof Settings)[];

export class SettingsError extends Error {
  override name = 'SettingsError';
}

export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const picked: Record<string, string | undefined> = {};
  for (const name of settingNames) picked[name] = env[name];
  const parsed = settingsSchema.safeParse(picked);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new SettingsError(`Invalid settings: ${problems}. Fix them in local.settings.json or the app settings.`);
  }
  return parsed.data;
}

let cached: Settings | undefined;
/** Settings of this process, read once. */
export function getSettings(): Settings {
  cached ??= readSettings();
  return cached;
}

/** Forget the cached settings (tests and the local host change the environment between runs). */
export function resetSettings(): void {
  cached = undefined;
}
