/**
 * Whether the local host (`npm start`) answers at `origin`. Asked before an upload so that a newcomer
 * who forgot to start it learns what to run, instead of reading ECONNREFUSED.
 */
export async function probeLocalHost(origin: string, timeoutMs = 2000): Promise<boolean> {
  try {
    const res = await fetch(`${origin}/admin/host/status`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return false;
    const body = (await res.json()) as { state?: unknown };
    return body.state === 'Running';
  } catch {
    return false;
  }
}

/** Whether a storage connection points at the local emulator, where uploads need the local host to run. */
export function isLocalStorage(connection: string): boolean {
  return /UseDevelopmentStorage=true|127\.0\.0\.1|localhost/i.test(connection);
}
