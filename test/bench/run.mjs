// Runs every benchmark in this folder in turn (each is also runnable alone:
// `node test/bench/<name>.mjs`). Benchmarks import the built dist/, so build first.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.mjs') && f !== 'run.mjs' && !f.startsWith('_'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
let failed = 0;
for (const file of files) {
  process.stdout.write(`\n## ${file}\n`);
  const result = spawnSync(process.execPath, ['--expose-gc', `${here}${file}`], { stdio: 'inherit' });
  if (result.status !== 0) failed += 1;
}
process.stdout.write(`\n${files.length - failed} benchmarks ran, ${failed} failed to run\n`);
process.exitCode = failed ? 1 : 0;
