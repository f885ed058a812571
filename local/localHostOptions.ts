import * as path from 'node:path';
import { getSettings } from '../shared/config/settings';
import type { LocalHostOptions } from './LocalHost';

/** The local host's options from the settings: one place for `npm start` and the host process tests start. */
export function localHostOptions(root: string, storageConnection: string): LocalHostOptions {
  const settings = getSettings();
  return {
    functionsDir: path.join(root, 'dist', 'functions'),
    port: settings.SEGMENTWISE_LOCAL_PORT,
    storageConnection,
    hostJsonPath: path.join(root, 'host.json'),
    blobPollIntervalMs: settings.SEGMENTWISE_LOCAL_POLL_MS,
    enableTimers: settings.SEGMENTWISE_LOCAL_TIMERS === 'true',
    requestTimeoutMs: settings.SEGMENTWISE_LOCAL_REQUEST_TIMEOUT_MS,
  };
}
