/**
 * `npm run bench [-- name ...]`: runs every benchmark in bench/ (or the named ones) in one process,
 * one after another, so their figures are measured on the same machine state.
 * Each bench file is `bench/<name>.bench.ts` exporting `main(args: string[]): Promise<void>`.
 * Benches in `onlyWhenNamed` take many minutes and run only when asked for (`npm run bench -- scale`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const onlyWhenNamed = new Set(['scale']);

async function run(): Promise<void> {
  // A flag's value (`--sizes 100000,300000`) is a list of numbers, never a bench's name.
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-') && !/^[\d,_]+$/.test(a));
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.js'))
    .map((f) => f.replace(/\.bench\.js$/, ''))
    .filter((name) => (wanted.length === 0 ? !onlyWhenNamed.has(name) : wanted.includes(name)))
    .sort();
  if (files.length === 0) throw new Error(`no benchmark matches ${wanted.join(', ')}`);
  for (const name of files) {
    console.log(`\n=== bench: ${name} ===`);
    const mod = (await import(path.join(__dirname, `${name}.bench.js`))) as { main(args: string[]): Promise<void> };
    await mod.main(process.argv.slice(2));
  }
}

run().catch((err) => {
  console.error(err);
  process.exit(1);
});
