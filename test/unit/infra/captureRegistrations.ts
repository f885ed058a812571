import * as fs from 'node:fs';
import * as path from 'node:path';

/** One binding as @azure/functions hands it to the host (toCoreFunctionMetadata). */
export interface CapturedBinding {
  type: string;
  direction: string;
  [option: string]: unknown;
}

export interface CapturedRegistration {
  name: string;
  bindings: Record<string, CapturedBinding>;
  /** The functions/ file whose import registered it. */
  file: string;
}

/** What the host's worker would receive; filled by the '@azure/functions-core' mock of the test. */
export const capturedMetadata: { name: string; bindings: Record<string, CapturedBinding> }[] = [];

/** A stand-in for the module the Functions host's Node worker provides. */
export function functionsCoreMock() {
  return {
    registerFunction(metadata: { name: string; bindings: Record<string, CapturedBinding> }) {
      capturedMetadata.push(metadata);
      return { dispose() {} };
    },
    setProgrammingModel() {},
    registerHook: () => ({ dispose() {} }),
    log() {},
  };
}

/** Every .ts file under functions/ (the host loads them all through package.json "main"). */
export function listFunctionFiles(folder: string): string[] {
  if (!fs.existsSync(folder)) return [];
  const files: string[] = [];
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) files.push(...listFunctionFiles(full));
    else if (/\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(full);
  }
  return files.sort();
}

/** Import each file and record which registrations it made. */
export function captureRegistrations(files: string[]): CapturedRegistration[] {
  const registrations: CapturedRegistration[] = [];
  for (const file of files) {
    const before = capturedMetadata.length;
    require(file);
    for (const metadata of capturedMetadata.slice(before)) registrations.push({ ...metadata, file });
  }
  return registrations;
}

export function triggerOf(registration: CapturedRegistration): CapturedBinding | undefined {
  return Object.values(registration.bindings).find((binding) => /trigger$/i.test(binding.type));
}

/** `%NAME%` references in binding options, which the host resolves from app settings. */
export function appSettingReferences(registration: CapturedRegistration): string[] {
  const names: string[] = [];
  for (const binding of Object.values(registration.bindings)) {
    for (const value of Object.values(binding)) {
      if (typeof value !== 'string') continue;
      for (const match of value.matchAll(/%([A-Za-z0-9_]+)%/g)) names.push(match[1]);
    }
  }
  return names;
}
