// Start-up of the CLI side by side with what it is compared against (issue 15), on this Node
// and on Node 24: `node -e 0` (the floor), a bundled `console.log` started the way twin starts
// (a bin that imports its entry file), a script doing one `node:http` GET of the looks list, and
// twin's own commands: --version, --help and three API commands against the sandbox. Page faults
// are shown beside the times: on a small VM each fresh page a process touches costs ~13 µs, so
// memory touched is much of the start-up time there. Runs are
// alternated (every round runs each case once, the order rotating each round) and the figures
// are medians; peak RSS comes from GNU time. BENCH_RUNS sets the rounds (default 15).
// `twin --help` into a pipe prints the help text the build stored (src/startup/start.ts); `twin looks
// --help` is shown beside it as the help the CLI itself renders (as for a terminal).
// The first run of each case (not counted) also makes twin's code cache for that command (a file
// per command, see src/startup/code-cache.ts), as any first use does.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, goal, median, nodeBinaries, peakRssMiB, startSandbox, timeRun } from './_lib.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const RSS_RUNS = 3;
const work = mkdtempSync(join(tmpdir(), 'twin-bench-startup-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const sandbox = await startSandbox({ renderMs: 1000 });
const env = {
  PATH: process.env.PATH,
  HOME: work,
  TWIN_CONFIG_DIR: join(work, 'config'),
  HEYGEN_API_BASE: sandbox.url,
  HEYGEN_API_KEY: sandbox.apiKey,
  CI: 'true',
  NO_COLOR: '1',
};
const api = async (path, init = {}) =>
  (await fetch(`${sandbox.url}${path}`, { ...init, headers: { 'x-api-key': sandbox.apiKey, 'content-type': 'application/json' } })).json();
const looksPath = '/v3/avatars/looks?avatar_type=digital_twin&ownership=private&limit=50';
const look = (await api(looksPath)).data.find((l) => l.status === 'completed' && l.default_voice_id);
const video = (await api('/v3/videos', { method: 'POST', body: JSON.stringify({ type: 'avatar', avatar_id: look.id, script: 'Bench.' }) }))
  .data;

// The floors: a bin importing an entry that prints one line, and one node:http GET.
mkdirSync(join(work, 'floor'));
writeFileSync(join(work, 'floor', 'bin.mjs'), "await import('./main.mjs');\n");
writeFileSync(join(work, 'floor', 'main.mjs'), "console.log('twin');\n");
writeFileSync(
  join(work, 'floor', 'get.mjs'),
  "import { get } from 'node:http';\n" +
    `get(${JSON.stringify(sandbox.url + looksPath)}, { headers: { 'x-api-key': process.env.HEYGEN_API_KEY } }, (res) => {\n` +
    "  let body = ''; res.setEncoding('utf8'); res.on('data', (d) => (body += d));\n" +
    "  res.on('end', () => process.stdout.write(`${JSON.parse(body).data.length}\\n`));\n" +
    '});\n',
);

const cases = {
  'node -e 0': ['-e', '0'],
  'bundled console.log': [join(work, 'floor', 'bin.mjs')],
  'one node:http GET': [join(work, 'floor', 'get.mjs')],
  'twin --version': [BIN, '--version'],
  'twin --help': [BIN, '--help'],
  'twin looks --help': [BIN, 'looks', '--help'],
  'twin looks list --json': [BIN, 'looks', 'list', '--json'],
  'twin video get --json': [BIN, 'video', 'get', video.video_id, '--json'],
  'twin video create --dry-run': [BIN, 'video', 'create', '--dry-run', '--look', look.id, '--script', 'Hello from the start-up benchmark.'],
};
const API_CASES = ['twin looks list --json', 'twin video get --json', 'twin video create --dry-run'];
const names = Object.keys(cases);

let allMet = true;
for (const node of nodeBinaries()) {
  const times = Object.fromEntries(names.map((n) => [n, []]));
  for (const name of names) await timeRun(node.path, cases[name], env); // warm-up: file cache, code cache
  for (let round = 0; round < RUNS; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + round) % names.length];
      times[name].push(await timeRun(node.path, cases[name], env));
    }
  }
  const rss = {};
  const faults = {};
  for (const name of names) {
    const samples = [];
    const faultSamples = [];
    for (let i = 0; i < RSS_RUNS; i++) samples.push(await peakRssMiB(node.path, cases[name], env, (n) => faultSamples.push(n)));
    rss[name] = samples.includes(undefined) ? undefined : median(samples);
    faults[name] = faultSamples.length ? median(faultSamples) : undefined;
  }
  const ms = Object.fromEntries(names.map((n) => [n, median(times[n])]));
  const base = ms['node -e 0'];
  const x = (name) => ms[name] / base;
  process.stdout.write(`\n${node.label}: medians of ${RUNS} alternated rounds (ms, × node -e 0, peak RSS, minor page faults)\n`);
  for (const name of names) {
    const mem = rss[name] === undefined ? '' : `${rss[name].toFixed(1)} MiB`;
    const touched = faults[name] === undefined ? '' : `${faults[name]} faults`;
    process.stdout.write(
      `  ${name.padEnd(30)} ${ms[name].toFixed(1).padStart(7)} ms  ${x(name).toFixed(2).padStart(5)}×  ${mem.padStart(10)}  ${touched.padStart(12)}\n`,
    );
  }
  const check = (met) => (allMet = met && allMet);
  check(goal(`${node.label}: twin --help ÷ node -e 0`, `${x('twin --help').toFixed(2)}×`, '≤ 1.3×', x('twin --help') <= 1.3));
  for (const name of API_CASES) {
    check(goal(`${node.label}: ${name.slice(5)} ÷ node -e 0`, `${x(name).toFixed(2)}×`, '≤ 1.6×', x(name) <= 1.6));
  }
  for (const name of API_CASES) {
    if (rss[name] === undefined) continue;
    check(goal(`${node.label}: ${name.slice(5)} peak RSS`, `${rss[name].toFixed(1)} MiB`, '≤ 60 MiB', rss[name] <= 60));
  }
  goal(`${node.label}: twin looks --help (rendered by the CLI) ÷ node -e 0`, `${x('twin looks --help').toFixed(2)}×`, 'reference');
  goal(`${node.label}: floor, bundled console.log ÷ node -e 0`, `${x('bundled console.log').toFixed(2)}×`, 'reference');
  goal(`${node.label}: floor, one node:http GET ÷ node -e 0`, `${x('one node:http GET').toFixed(2)}×`, 'reference');
}
await sandbox.close();
process.stdout.write(`\nstart-up goals: ${allMet ? 'all met' : 'some MISSED'}\n`);
