import type { Manifest } from './manifestSchema';

/** The data files a manifest waits for; a run starts once all of them (and the manifest) are present. */
export function filesNamedBy(manifest: Manifest): string[] {
  return (manifest.files ?? []).map((f) => f.name);
}
