import { Cron } from 'croner';

/** Resolves `%SETTING%` references the way the Functions host does for binding expressions. */
export function resolveAppSettings(value: string, env: NodeJS.ProcessEnv = process.env): string {
  return value.replace(/%([^%]+)%/g, (_, name: string) => {
    const resolved = env[name];
    if (resolved === undefined || resolved === '') {
      throw new Error(`The binding expression %${name}% refers to a setting that is not set.`);
    }
    return resolved;
  });
}

/** An NCRONTAB schedule (six fields, seconds first) as a croner job. */
export function scheduleTimer(schedule: string, onTick: () => void): Cron {
  const fields = schedule.trim().split(/\s+/);
  if (fields.length !== 6) {
    throw new Error(`"${schedule}" is not an NCRONTAB schedule: it needs six fields (seconds minutes hours day month weekday).`);
  }
  return new Cron(fields.join(' '), { protect: true }, onTick);
}
