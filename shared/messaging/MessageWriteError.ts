/**
 * A message that could not be written. `fatal` marks failures every other customer of the request
 * would hit too (wrong key, unknown deployment), so the rest are not attempted.
 */
export class MessageWriteError extends Error {
  override name = 'MessageWriteError';
  readonly fatal: boolean;

  constructor(message: string, options: { fatal?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.fatal = options.fatal ?? false;
  }
}
