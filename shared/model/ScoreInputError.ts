/**
 * Why customers cannot be scored as sent, with the HTTP status it answers as (400 for data the model
 * cannot use, 404 for a dataset without a model, 413 for too much at once): never a 5xx.
 */
export class ScoreInputError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}
