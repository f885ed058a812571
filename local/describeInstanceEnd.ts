import type { InstanceRecord } from './durable/InstanceRecord';

export interface InstanceEndLine {
  level: 'information' | 'error';
  message: string;
}

/**
 * The line the host terminal prints when an orchestration ends: for a segmentation run, its dataset,
 * how long it took and the folder its results (or error.json) are in, so whoever ran `npm start`
 * sees every run end without polling the API.
 */
export function describeInstanceEnd(rec: InstanceRecord, resultsContainer: string, hostUrl: string): InstanceEndLine {
  const seconds = Math.max(0, (Date.parse(rec.lastUpdatedTime) - Date.parse(rec.createdTime)) / 1000);
  const took = seconds >= 90 ? `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s` : `${seconds.toFixed(1)} s`;
  const run = readRunInput(rec.input);
  const what = run ? `Run ${rec.instanceId} (dataset ${run.dataset})` : `${rec.name} ${rec.instanceId}`;
  const folder = run ? `${resultsContainer}/${run.dataset}/${rec.instanceId}/` : undefined;
  switch (rec.runtimeStatus) {
    case 'Completed':
      return {
        level: 'information',
        message: folder
          ? `${what} completed in ${took}. Results: ${folder} (report: ${folder}report.html; link: ${hostUrl}/api/datasets/${run!.dataset}/results/report.html?runId=${rec.instanceId})`
          : `${what} completed in ${took}.`,
      };
    case 'Terminated':
      return { level: 'error', message: `${what} was terminated after ${took}: ${reasonOf(rec.output)}` };
    default:
      return {
        level: 'error',
        message: `${what} failed after ${took}: ${reasonOf(rec.output)}${folder ? ` Details: ${folder}error.json` : ''}`,
      };
  }
}

function readRunInput(input: string | null): { dataset: string } | undefined {
  if (!input) return undefined;
  try {
    const value = JSON.parse(input) as { dataset?: unknown; runId?: unknown };
    return typeof value.dataset === 'string' && typeof value.runId === 'string' ? { dataset: value.dataset } : undefined;
  } catch {
    return undefined;
  }
}

function reasonOf(output: unknown): string {
  const text = typeof output === 'string' ? output : JSON.stringify(output ?? 'no reason given');
  // The first line says what went wrong; stack traces stay in the lines logged before.
  return text.split('\n')[0]!.slice(0, 300);
}
