import * as fs from 'node:fs';
import { settingsSchema } from '../shared/config/settings';

/**
 * Like `func start`: values from local.settings.json become environment variables (without
 * overriding ones already set), and settings the bindings refer to get their defaults.
 */
export function applyLocalSettings(file: string | undefined, env: NodeJS.ProcessEnv = process.env): string[] {
  const applied: string[] = [];
  if (file && fs.existsSync(file)) {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { Values?: Record<string, string> };
    for (const [name, value] of Object.entries(parsed.Values ?? {})) {
      if (env[name] === undefined && typeof value === 'string') {
        env[name] = value;
        applied.push(name);
      }
    }
  }
  // Binding expressions such as %SEGMENTWISE_UPLOADS_CONTAINER% need a value even when the code has a default.
  const defaults = settingsSchema.parse({});
  for (const name of ['SEGMENTWISE_UPLOADS_CONTAINER', 'SEGMENTWISE_RESULTS_CONTAINER', 'SEGMENTWISE_SCORING_CONTAINER', 'RETRAIN_SCHEDULE'] as const) {
    env[name] ??= String(defaults[name]);
  }
  return applied;
}
