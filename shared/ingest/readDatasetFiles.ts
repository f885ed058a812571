import { IngestError } from './IngestError';
import type { Manifest, ManifestFile } from './manifestSchema';
import { readTable } from './readTable';
import type { ReadTableOptions, Table, TableSource } from './Table';

export interface DatasetFile {
  /** The manifest's line for the file; a dataset of one file without a manifest gets `customers`. */
  entry: ManifestFile;
  table: Table;
}

/**
 * Reads every file the manifest names, in its order (one file needs no manifest). Only reading:
 * building the customer table from these is features/buildCustomerTable.ts.
 */
export async function readDatasetFiles(files: TableSource[], manifest?: Manifest, options: ReadTableOptions = {}): Promise<DatasetFile[]> {
  if (!manifest?.files && files.length !== 1) {
    throw new IngestError({
      code: 'MANIFEST_INVALID',
      file: 'manifest.json',
      message: `${files.length} files were given without a manifest.json listing them${files.length ? `: ${files.map((f) => f.name).join(', ')}` : ''}.`,
      hint: 'Upload a manifest.json naming the files, their roles and the join key, or upload one file per dataset.',
    });
  }
  const entries: ManifestFile[] = manifest?.files ?? [{ name: files[0].name, role: 'customers' }];

  const sourceFor = (name: string): TableSource => {
    const found = files.find((f) => f.name === name) ?? files.find((f) => f.name.replace(/^.*\//, '') === name);
    if (!found) {
      throw new IngestError({
        code: 'MANIFEST_FILE_MISSING',
        file: 'manifest.json',
        message: `manifest.json lists "${name}", but no such file was uploaded. Files present: ${files.map((f) => f.name).join(', ') || 'none'}.`,
        hint: `Upload "${name}" to the same folder, or correct its name in manifest.json (names are case-sensitive).`,
      });
    }
    return found;
  };

  const read: DatasetFile[] = [];
  for (const entry of entries) {
    const table = await readTable(sourceFor(entry.name), { ...options, sheet: entry.sheet ?? manifest?.sheet ?? options.sheet });
    read.push({ entry, table });
  }
  return read;
}
