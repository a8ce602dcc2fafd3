// Runs every benchmark in this folder in turn (each is also runnable alone:
// `node test/bench/<name>.mjs`; `node test/bench/run.mjs startup poll` runs those two).
// Benchmarks import the built dist/, so build first. Ends with every goal line, met or missed.
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
const goals = [];
for (const file of files) {
  process.stdout.write(`\n## ${file}\n`);
  const result = spawnSync(process.execPath, ['--expose-gc', `${here}${file}`], {
    stdio: ['inherit', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  process.stdout.write(result.stdout ?? '');
  // Goal lines end with met / MISSED (goal() in _lib.mjs) or ok / MISSED (report()).
  goals.push(
    ...(result.stdout ?? '')
      .split('\n')
      .filter((l) => /\s(met|ok|MISSED)$/.test(l))
      .map((l) => `${file.padEnd(13)} ${l}`),
  );
  if (result.status !== 0) failed += 1;
}
process.stdout.write(`\n## goals\n${goals.join('\n')}\n`);
const missed = goals.filter((l) => l.endsWith('MISSED')).length;
process.stdout.write(
  `\n${files.length - failed} benchmarks ran, ${failed} failed to run; ${goals.length - missed} goals met, ${missed} missed\n`,
);
process.exitCode = failed ? 1 : 0;
