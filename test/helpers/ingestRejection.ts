import { IngestError } from '../../shared/ingest/IngestError';

/** The IngestError `p` rejects with; fails the test when it resolves or rejects with anything else. */
export async function ingestRejection(p: Promise<unknown>): Promise<IngestError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(IngestError);
    return err as IngestError;
  }
  throw new Error('expected an IngestError');
}
