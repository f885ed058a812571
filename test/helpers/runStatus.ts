/** What GET /api/runs/{runId} answers (CONTRACTS.md), as the tests read it. */
export interface RunStatus {
  runId: string;
  runtimeStatus: string;
  customStatus: { step: string; stepIndex: number; steps: number; percent: number } | null;
  results?: { folder: string; files: string[] };
  error?: { code: string; message: string };
}

/** The run's status through the HTTP API; undefined for a run the API does not know (404). */
export async function getRun(url: string, runId: string): Promise<RunStatus | undefined> {
  const res = await fetch(`${url}/api/runs/${runId}`);
  if (res.status === 404) return undefined;
  if (!res.ok) throw new Error(`GET /api/runs/${runId} → ${res.status} ${await res.text()}`);
  return (await res.json()) as RunStatus;
}
