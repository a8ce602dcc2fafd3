// Start-up time of the CLI against a bare `node -e 0` (median of 20 runs each), issue 3:
// --version ≤ 1.3×, --help ≤ 1.5×, `video create --dry-run` ≤ 2× (it fetches the look).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, median, report, startSandbox, timeRun } from './_lib.mjs';

const RUNS = 20;
const sandbox = await startSandbox({ renderMs: 1000 });
const env = {
  PATH: process.env.PATH,
  HOME: mkdtempSync(join(tmpdir(), 'twin-bench-')),
  HEYGEN_API_BASE: sandbox.url,
  HEYGEN_API_KEY: sandbox.apiKey,
  CI: 'true',
};
const looks = await (await fetch(`${sandbox.url}/v3/avatars/looks?avatar_type=digital_twin&ownership=private&limit=50`, { headers: { 'x-api-key': sandbox.apiKey } })).json();
const look = looks.data.find((l) => l.status === 'completed' && l.default_voice_id);

const node = process.execPath;
const cases = [
  ['node -e 0', [node, ['-e', '0']]],
  ['twin --version', [node, [BIN, '--version']]],
  ['twin --help', [node, [BIN, '--help']]],
  ['twin video create --dry-run', [node, [BIN, 'video', 'create', '--dry-run', '--look', look.id, '--script', 'Hello from the start-up benchmark.']]],
];
const medians = {};
for (const [name, [cmd, args]] of cases) {
  await timeRun(cmd, args, env); // warm the file cache
  const times = [];
  for (let i = 0; i < RUNS; i += 1) times.push(await timeRun(cmd, args, env));
  medians[name] = median(times);
}
await sandbox.close();

const base = medians['node -e 0'];
const ratio = (name) => medians[name] / base;
report([
  { name: 'node -e 0 (median ms)', value: base.toFixed(1), target: 'baseline' },
  { name: 'twin --version (× node -e 0)', value: ratio('twin --version').toFixed(2), target: '≤ 1.3', pass: ratio('twin --version') <= 1.3 },
  { name: 'twin --help (× node -e 0)', value: ratio('twin --help').toFixed(2), target: '≤ 1.5', pass: ratio('twin --help') <= 1.5 },
  { name: 'twin video create --dry-run (× node -e 0)', value: ratio('twin video create --dry-run').toFixed(2), target: '≤ 2', pass: ratio('twin video create --dry-run') <= 2 },
]);
for (const [name, ms] of Object.entries(medians)) process.stdout.write(`  ${name}: ${ms.toFixed(1)} ms\n`);
