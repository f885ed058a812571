import { maxManifestBytes, screenUpload } from '../../../shared/pipeline/screenUpload';

const GiB = 1024 ** 3;
const at = new Date('2026-11-30T10:00:00Z');

describe('screenUpload: size checked from metadata, before any byte is read', () => {
  it('lets files up to the limit through', () => {
    expect(screenUpload('telco/customers.csv', GiB, GiB, at)).toBeUndefined();
    expect(screenUpload('telco/customers.csv', 0, GiB, at)).toBeUndefined();
  });

  it('refuses a file over the limit with an error.json a person can act on', () => {
    const refusal = screenUpload('telco/customers.csv', GiB + 1, GiB, at)!;
    expect(refusal.errorBlob).toMatch(/^_rejected\/[0-9a-f]{16}\/error\.json$/);
    expect(refusal.error).toEqual({
      dataset: 'telco',
      file: 'customers.csv',
      code: 'FILE_TOO_LARGE',
      message: 'customers.csv is 1.0 GiB; the largest upload accepted is 1.0 GiB.',
      hint: expect.stringContaining('SEGMENTWISE_MAX_FILE_BYTES'),
      at: '2026-11-30T10:00:00.000Z',
    });
    // The same upload refused twice writes one error.json; another file writes its own.
    expect(screenUpload('telco/customers.csv', GiB + 1, GiB, at)!.errorBlob).toBe(refusal.errorBlob);
    expect(screenUpload('telco/other.csv', GiB + 1, GiB, at)!.errorBlob).not.toBe(refusal.errorBlob);
  });

  it('holds manifest.json to a much smaller limit, since it is read whole', () => {
    expect(screenUpload('shop/manifest.json', maxManifestBytes, GiB, at)).toBeUndefined();
    const refusal = screenUpload('shop/manifest.json', maxManifestBytes + 1, GiB, at)!;
    expect(refusal.error).toMatchObject({ dataset: 'shop', code: 'MANIFEST_TOO_LARGE', message: 'manifest.json is 1.0 MiB; the largest manifest.json accepted is 1.0 MiB.' });
  });

  it('uses the lower of the two limits for manifests', () => {
    expect(screenUpload('shop/manifest.json', 2048, 1024, at)?.error.code).toBe('MANIFEST_TOO_LARGE');
  });

  it('leaves names that are not uploads/<dataset>/<file> to planRun, which refuses them before reading', () => {
    expect(screenUpload('no-folder.csv', 10 * GiB, GiB, at)).toBeUndefined();
    expect(screenUpload('Bad Name!/x.csv', 10 * GiB, GiB, at)).toBeUndefined();
  });
});
