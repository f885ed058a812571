import { transformFileSync } from '@swc/core';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const repo = path.resolve(__dirname, '../..');

/**
 * Compiles the given source folders to CommonJS in a scratch folder (with node_modules linked), so a
 * plain forked node process can run them without a build. Returns the folder; remove it when done.
 */
export function compileForChild(dirs: string[]): string {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'segmentwise-fuzz-'));
  for (const d of dirs) {
    for (const f of fs.readdirSync(path.join(repo, d)).filter((x) => x.endsWith('.ts'))) {
      const compiled = transformFileSync(path.join(repo, d, f), {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
      });
      fs.mkdirSync(path.join(out, d), { recursive: true });
      fs.writeFileSync(path.join(out, d, f.replace(/\.ts$/, '.js')), compiled.code);
    }
  }
  fs.symlinkSync(path.join(repo, 'node_modules'), path.join(out, 'node_modules'));
  return out;
}
