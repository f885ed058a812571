import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './settingsCoverage';

const host = JSON.parse(fs.readFileSync(path.join(repoRoot, 'host.json'), 'utf8'));

/** `hh:mm:ss` (optionally `d.hh:mm:ss`) as the host parses TimeSpan settings, in seconds. */
function timeSpanSeconds(value: unknown): number {
  const match = /^(?:(\d+)\.)?(\d{2}):(\d{2}):(\d{2})$/.exec(String(value));
  if (!match) return Number.NaN;
  const [, days, hours, minutes, seconds] = match;
  return Number(days ?? 0) * 86400 + Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds);
}

describe('host.json', () => {
  it('is a Functions v4 host file with the v4 extension bundle', () => {
    expect(host.version).toBe('2.0');
    expect(host.extensionBundle).toEqual({ id: 'Microsoft.Azure.Functions.ExtensionBundle', version: '[4.*, 5.0.0)' });
    const known = ['version', 'extensionBundle', 'functionTimeout', 'logging', 'extensions', 'concurrency', 'healthMonitor', 'retry', 'watchDirectories', 'telemetryMode', 'singleton', 'managedDependency', 'aggregator'];
    expect(Object.keys(host).filter((key) => !known.includes(key))).toEqual([]);
  });

  it('gives the pipeline 30 to 60 minutes per function execution', () => {
    const seconds = timeSpanSeconds(host.functionTimeout);
    expect(seconds).toBeGreaterThanOrEqual(30 * 60);
    expect(seconds).toBeLessThanOrEqual(60 * 60);
  });

  it('sets valid log levels and keeps request counts out of sampling', () => {
    const levels = ['Trace', 'Debug', 'Information', 'Warning', 'Error', 'Critical', 'None'];
    for (const [category, level] of Object.entries(host.logging.logLevel)) {
      expect(`${category}: ${levels.includes(String(level))}`).toBe(`${category}: true`);
    }
    expect(host.logging.logLevel.default).toBe('Information');
    // The aggregator writes the per-function counts the portal's monitoring shows.
    expect(host.logging.logLevel['Host.Aggregator']).toBe('Trace');
    // Host.Results is what fills the requests table: above Information, successful invocations vanish from it.
    expect(levels.indexOf(String(host.logging.logLevel['Host.Results'] ?? host.logging.logLevel.default))).toBeLessThanOrEqual(levels.indexOf('Information'));
    expect(host.logging.applicationInsights.samplingSettings.excludedTypes).toContain('Request');
  });

  it('serves HTTP functions under /api as CONTRACTS.md says', () => {
    expect(host.extensions.http.routePrefix).toBe('api');
  });

  it('configures a durable task hub on Azure Storage with bounded concurrency', () => {
    const durable = host.extensions.durableTask;
    // Azure Storage task hub names: letters and digits, starting with a letter, 3 to 45 characters.
    expect(durable.hubName).toMatch(/^[A-Za-z][A-Za-z0-9]{2,44}$/);
    expect(durable.storageProvider.type).toBe('AzureStorage');
    expect(durable.storageProvider.partitionCount).toBeGreaterThanOrEqual(1);
    expect(durable.storageProvider.partitionCount).toBeLessThanOrEqual(16);
    expect(timeSpanSeconds(durable.storageProvider.maxQueuePollingInterval)).toBeGreaterThan(0);
    for (const key of ['maxConcurrentActivityFunctions', 'maxConcurrentOrchestratorFunctions']) {
      expect(Number.isInteger(durable[key]) && durable[key] > 0).toBe(true);
    }
  });

  it('retries a failing upload a few times, then sets it aside as a poison blob', () => {
    expect(host.extensions.blobs.poisonBlobThreshold).toBeGreaterThanOrEqual(1);
    expect(host.extensions.blobs.poisonBlobThreshold).toBeLessThanOrEqual(5);
    expect(host.extensions.blobs.maxDegreeOfParallelism).toBeGreaterThanOrEqual(1);
  });
});
