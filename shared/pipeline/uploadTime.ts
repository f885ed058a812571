/**
 * When an upload was uploaded, as runs order it. A privacy request rewrites uploads in place (without
 * one customer), which gives the blob a new last-modified time; the rewrite keeps the original time in
 * the blob's metadata and marks itself, so the rewritten file neither looks newer than it is (which
 * would let its data win `latest.json`) nor counts as a new upload (which would start a run). A team
 * that uploads the file again replaces the metadata with none, and the file is an ordinary upload.
 */

/** Metadata holding the time the file was uploaded, kept through every privacy rewrite. */
export const uploadedAtMetadata = 'segmentwiseuploadedat';
/** Metadata saying this version of the blob was written by a privacy request, and when. */
export const privacyRewriteMetadata = 'segmentwiseprivacyrewriteat';

export interface UploadedBlob {
  lastModified: Date;
  metadata?: Record<string, string>;
}

/** The time the file was uploaded: the rewrite's record of it, else the blob's last-modified time. */
export function uploadTimeOf(blob: UploadedBlob): Date {
  const kept = blob.metadata?.[uploadedAtMetadata];
  const at = kept ? Date.parse(kept) : NaN;
  return Number.isFinite(at) ? new Date(at) : blob.lastModified;
}

/** Whether this version of the blob was written by a privacy request rather than uploaded. */
export function isPrivacyRewrite(blob: UploadedBlob): boolean {
  return Boolean(blob.metadata?.[privacyRewriteMetadata]);
}

/** The metadata a privacy rewrite of `blob` carries: its upload time (kept from an earlier rewrite) and the rewrite's. */
export function privacyRewriteMetadataFor(blob: UploadedBlob, rewrittenAt: Date): Record<string, string> {
  return { [uploadedAtMetadata]: uploadTimeOf(blob).toISOString(), [privacyRewriteMetadata]: rewrittenAt.toISOString() };
}
