import { transformFileSync } from '@swc/core';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const repo = path.resolve(__dirname, '../..');

/**
 * Compiles the given source folders, with everything under them, to CommonJS in a scratch folder
 * (with node_modules linked), so a plain forked node process can run them without a build. Whole
 * trees, so a new import between folders of shared/ does not break the child. Returns the folder;
 * remove it when done.
 */
export function compileForChild(dirs: string[]): string {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'segmentwise-child-'));
  const compileDir = (d: string): void => {
    for (const entry of fs.readdirSync(path.join(repo, d), { withFileTypes: true })) {
      const rel = path.join(d, entry.name);
      if (entry.isDirectory()) compileDir(rel);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
        const compiled = transformFileSync(path.join(repo, rel), {
          jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
          module: { type: 'commonjs' },
        });
        fs.mkdirSync(path.join(out, d), { recursive: true });
        fs.writeFileSync(path.join(out, rel.replace(/\.ts$/, '.js')), compiled.code);
      }
    }
  };
  for (const d of dirs) compileDir(d);
  fs.symlinkSync(path.join(repo, 'node_modules'), path.join(out, 'node_modules'));
  return out;
}
