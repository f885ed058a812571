import * as fs from 'node:fs';
import * as path from 'node:path';
import { infraAppSettings, listBicepFiles, readBicep } from './bicepModel';

/** Where the three lists of settings live; the tests compare them. */
export const repoRoot = path.resolve(__dirname, '../../..');

export interface LocalSettingsFile {
  IsEncrypted: boolean;
  Values: Record<string, string>;
  Comments?: Record<string, string>;
}

export function readLocalSettingsSample(): LocalSettingsFile {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, 'local.settings.sample.json'), 'utf8')) as LocalSettingsFile;
}

export function readInfraAppSettings(): Map<string, { file: string; line: number }> {
  return infraAppSettings(listBicepFiles(path.join(repoRoot, 'infra')).map(readBicep));
}

/**
 * The named exceptions of CONTRACTS.md ("Settings"), each with the reason it is one.
 * The Functions host's own settings: the host reads them, the code does not have to.
 */
export function isHostSetting(name: string): boolean {
  return (
    /^AzureWebJobsStorage(__\w+)?$/.test(name) ||
    /^FUNCTIONS_/.test(name) ||
    // The connection string and its Entra ID companion, read by the host's Application Insights logger.
    name === 'APPLICATIONINSIGHTS_CONNECTION_STRING' ||
    name === 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
  );
}

/** Secrets that the managed identity replaces on Azure: infra must never set them. */
export const secretsReplacedByIdentity = ['AZURE_OPENAI_API_KEY'];

/** Settings only the local host reads (npm start): SEGMENTWISE_LOCAL_*. Azure ignores them, so infra does not set them. */
export function isLocalHostOnly(name: string): boolean {
  return name.startsWith('SEGMENTWISE_LOCAL_');
}

/**
 * Settings read by libraries rather than by shared/config/settings.ts. AZURE_CLIENT_ID tells
 * @azure/identity's DefaultAzureCredential which user-assigned identity to use; without it the
 * blob SDK and the OpenAI client cannot get a token on an app that has only a user-assigned identity.
 */
export const readByLibraries = ['AZURE_CLIENT_ID'];

/**
 * Settings that have a default in the schema that is not safe on Azure, so infra must set them:
 * - AZURE_OPENAI_ENDPOINT / AZURE_OPENAI_DEPLOYMENT: unset, messages silently fall back to the
 *   embedded writer instead of the deployed model.
 * - AzureWebJobsStorage__blobServiceUri: with no connection string on Azure, the code's storage
 *   client finds the account only through it.
 * - RETRAIN_SCHEDULE: the timer's schedule is '%RETRAIN_SCHEDULE%', which the Functions host
 *   resolves from app settings before any code (and its zod default) runs.
 */
export const requiredOnAzure = [
  'AZURE_OPENAI_ENDPOINT',
  'AZURE_OPENAI_DEPLOYMENT',
  'AzureWebJobsStorage__blobServiceUri',
  'RETRAIN_SCHEDULE',
];
