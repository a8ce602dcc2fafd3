// Batch benchmark (issue 6). `twin batch run` as a real process against the sandbox:
//  1. 1,000 rows, 10 renders at a time, fixed render time: wall time against the ideal
//     ceil(1000/10) × render time, status requests per poll cycle, CPU time and peak RSS.
//  2. 1,000 renders in flight at once: status requests per poll cycle (≤ 10 = 100 ids each).
//  3. Per-video creates (what twin does) against POST /v3/videos/batches on 200 rows.
//  4. Parse and plan of a 100,000-row manifest (--dry-run, on this Node and Node 24): time and
//     peak RSS of the CSV (the goal), the same rows as JSONL and with --json, and the plan of a
//     real run (stopped by --max-renders 1 before anything is created).
// Needs `npm run build` (npm run bench does it). BENCH_BATCH_RENDER_MS sets the render time;
// BENCH_BATCH_PARTS=4 runs only part 4 (default: 1,2,3,4).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, nodeBinaries, report, runMeasured, startSandbox } from './_lib.mjs';

const RENDER_MS = Number(process.env.BENCH_BATCH_RENDER_MS ?? 1000);
const PARTS = new Set((process.env.BENCH_BATCH_PARTS ?? '1,2,3,4').split(',').map(Number));
const work = mkdtempSync(join(tmpdir(), 'twin-bench-batch-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true })); // 1,000 videos and a 100,000-row CSV
// Each CLI process writes its own CPU time and peak RSS when it exits.
const usageHook = join(work, 'usage.mjs');
writeFileSync(
  usageHook,
  "import { writeFileSync } from 'node:fs';\n" +
    "process.on('exit', () => { const u = process.resourceUsage(); writeFileSync(process.env.BENCH_USAGE_FILE, JSON.stringify(u)); });\n",
);

function manifest(name, rows, script = (i) => `Hello number ${i}, this is a line of the batch benchmark.`) {
  const path = join(work, name);
  const lines = ['id,look,script,title'];
  for (let i = 1; i <= rows; i++) lines.push(`row-${i},lk_alex_office,"${script(i)}",Video ${i}`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

async function twin(sandbox, args, label, { node = process.execPath, code = 0 } = {}) {
  const usageFile = join(work, `${label}.usage.json`);
  const env = {
    PATH: process.env.PATH,
    HOME: work,
    TWIN_CONFIG_DIR: join(work, 'config'),
    HEYGEN_API_BASE: sandbox.url,
    HEYGEN_API_KEY: sandbox.apiKey,
    CI: 'true',
    NO_COLOR: '1',
    NODE_OPTIONS: `--import ${usageHook}`,
    BENCH_USAGE_FILE: usageFile,
  };
  const result = await runMeasured(node, [BIN, ...args], { env, cwd: work });
  if (result.code !== code) throw new Error(`twin ${args.join(' ')} exited ${result.code}:\n${result.stderr.slice(-2000)}`);
  const usage = JSON.parse(readFileSync(usageFile, 'utf8'));
  return { ...result, cpuS: (usage.userCPUTime + usage.systemCPUTime) / 1e6, maxRssMiB: Math.max(result.peakMiB, usage.maxRSS / 1024) };
}

const readReport = (dir) => JSON.parse(readFileSync(join(work, dir, 'twin-batch-report.json'), 'utf8'));
const rows = [];

// 1. A thousand rows at the API's concurrency limit.
if (PARTS.has(1)) {
  const sandbox = await startSandbox({ renderMs: RENDER_MS, concurrencyLimit: 10, videoBytes: 256 * 1024 });
  const path = manifest('thousand.csv', 1000);
  const run = await twin(sandbox, ['batch', 'run', path, '--out', 'out-1000', '--concurrency', '10'], 'thousand');
  const r = readReport('out-1000');
  const ideal = Math.ceil(1000 / 10) * RENDER_MS;
  const efficiency = ideal / run.ms;
  const statusRequests = sandbox.counters.requests['GET /v3/videos/statuses'] ?? 0;
  if (r.totals.done !== 1000 || sandbox.counters.rendered !== 1000)
    throw new Error(`expected 1000 done and rendered, got ${r.totals.done} / ${sandbox.counters.rendered}`);
  console.log(
    `1,000 rows, render ${RENDER_MS} ms, concurrency 10: wall ${(run.ms / 1000).toFixed(1)} s, ideal ${(ideal / 1000).toFixed(0)} s`,
  );
  console.log(
    `  requests: ${sandbox.counters.requests['POST /v3/videos']} creates, ${statusRequests} status (${r.stats.poll_cycles} poll cycles), ${sandbox.counters.requests['GET /v3/videos/:id']} video GETs, ${sandbox.counters.requests['GET /download/:id']} downloads`,
  );
  console.log(
    `  journal: ${r.stats.journal_writes} appends, ${r.stats.journal_syncs} fdatasyncs, ${r.stats.journal_sync_ms} ms in fdatasync`,
  );
  rows.push(
    { name: '1k rows: share of ideal wall time', value: `${(efficiency * 100).toFixed(1)} %`, target: '≥ 90 %', pass: efficiency >= 0.9 },
    {
      name: '1k rows: status requests per poll cycle (max)',
      value: r.stats.max_status_requests_per_cycle,
      target: '≤ 10',
      pass: r.stats.max_status_requests_per_cycle <= 10,
    },
    {
      name: '1k rows: CPU time of the CLI',
      value: `${run.cpuS.toFixed(1)} s`,
      target: `(${((run.cpuS / (run.ms / 1000)) * 100).toFixed(1)} % of wall)`,
    },
    { name: '1k rows: peak RSS of the CLI', value: `${run.maxRssMiB.toFixed(0)} MiB`, target: 'report' },
  );
  await sandbox.close();
}

// 2. A thousand renders in flight: every poll cycle covers them all.
if (PARTS.has(2)) {
  const sandbox = await startSandbox({ renderMs: 3000, concurrencyLimit: 1000 });
  const path = manifest('wide.csv', 1000);
  const run = await twin(sandbox, ['batch', 'run', path, '--out', 'out-wide', '--concurrency', '1000', '--no-download'], 'wide');
  const r = readReport('out-wide');
  const perCycle = r.stats.status_requests / r.stats.poll_cycles;
  console.log(
    `1,000 in flight: ${r.stats.poll_cycles} poll cycles, ${r.stats.status_requests} status requests (avg ${perCycle.toFixed(1)}/cycle), wall ${(run.ms / 1000).toFixed(1)} s`,
  );
  rows.push({
    name: '1k in flight: status requests per cycle (max)',
    value: r.stats.max_status_requests_per_cycle,
    target: '≤ 10',
    pass: r.stats.max_status_requests_per_cycle <= 10,
  });
  await sandbox.close();
}

// 3. Per-video creates against the batch endpoint, 200 rows, no downloads on either side.
if (PARTS.has(3)) {
  const sandbox = await startSandbox({ renderMs: RENDER_MS, concurrencyLimit: 10 });
  const path = manifest('compare.csv', 200);
  const cli = await twin(sandbox, ['batch', 'run', path, '--out', 'out-compare', '--no-download'], 'compare');
  const cliRequests = Object.values(sandbox.counters.requests).reduce((a, b) => a + b, 0);
  sandbox.resetCounters();
  const viaBatches = await batchEndpoint(sandbox, 200);
  const batchRequests = Object.values(sandbox.counters.requests).reduce((a, b) => a + b, 0);
  console.log(`200 rows, per-video creates (twin): ${(cli.ms / 1000).toFixed(1)} s, ${cliRequests} requests`);
  console.log(`200 rows, POST /v3/videos/batches:  ${(viaBatches / 1000).toFixed(1)} s, ${batchRequests} requests (polling every 100 ms)`);
  rows.push({ name: 'per-video creates vs batch endpoint (wall)', value: `${(cli.ms / viaBatches).toFixed(2)}×`, target: 'report' });
  await sandbox.close();
}

// 4. Parse and plan a 100,000-row manifest, on this Node and on Node 24.
if (PARTS.has(4)) {
  const sandbox = await startSandbox({ renderMs: RENDER_MS });
  const script = (i) => `Row ${i}: a script of about the length people write for a short personalised video.`;
  const path = manifest('huge.csv', 100_000, script);
  const jsonl = join(work, 'huge.jsonl');
  writeFileSync(
    jsonl,
    `${Array.from({ length: 100_000 }, (_, j) => JSON.stringify({ id: `row-${j + 1}`, look: 'lk_alex_office', script: script(j + 1), title: `Video ${j + 1}` })).join('\n')}\n`,
  );
  const mib = (run) => `${run.maxRssMiB.toFixed(0)} MiB`;
  for (const node of nodeBinaries()) {
    const run = await twin(sandbox, ['batch', 'run', path, '--out', 'out-huge', '--dry-run'], 'huge', { node: node.path });
    const planned = run.stdout.trim().split('\n').length;
    if (planned !== 100_000) throw new Error(`expected 100,000 plan lines, got ${planned}`);
    console.log(
      `100,000-row manifest on ${node.label}: --dry-run in ${(run.ms / 1000).toFixed(1)} s (${run.cpuS.toFixed(1)} s CPU), pre-flighted against the sandbox`,
    );
    const asJsonl = await twin(sandbox, ['batch', 'run', jsonl, '--out', 'out-huge', '--dry-run'], 'huge-jsonl', { node: node.path });
    const asJson = await twin(sandbox, ['batch', 'run', path, '--out', 'out-huge', '--dry-run', '--json'], 'huge-json', {
      node: node.path,
    });
    // A real run plans every row before its first create: --max-renders 1 stops it right there (exit 2).
    const real = await twin(sandbox, ['batch', 'run', path, '--out', 'out-huge', '--max-renders', '1'], 'huge-real', {
      node: node.path,
      code: 2,
    });
    if (sandbox.counters.rendered !== 0) throw new Error('the real run rendered a video');
    rows.push(
      { name: `100k ${node.label}: --dry-run wall`, value: `${(run.ms / 1000).toFixed(1)} s`, target: 'report' },
      { name: `100k ${node.label}: peak RSS (CSV)`, value: mib(run), target: '< 150 MiB', pass: run.maxRssMiB < 150 },
      { name: `100k ${node.label}: peak RSS (JSONL)`, value: mib(asJsonl), target: 'report' },
      { name: `100k ${node.label}: peak RSS (--json)`, value: mib(asJson), target: 'report' },
      { name: `100k ${node.label}: peak RSS (real run plan)`, value: mib(real), target: 'report' },
    );
  }
  await sandbox.close();
}

report(rows);

/** 200 videos through POST /v3/videos/batches (100 per batch), polled by batch id until all end. */
async function batchEndpoint(sandbox, count) {
  const call = async (method, path, body) => {
    const res = await fetch(`${sandbox.url}${path}`, {
      method,
      headers: { 'x-api-key': sandbox.apiKey, 'content-type': 'application/json' },
      body: body && JSON.stringify(body),
    });
    return res.json();
  };
  const started = performance.now();
  const ids = [];
  for (let i = 0; i < count; i += 100) {
    const videos = Array.from({ length: Math.min(100, count - i) }, (_, j) => ({
      type: 'avatar',
      avatar_id: 'lk_alex_office',
      script: `Batch endpoint ${i + j}`,
    }));
    ids.push((await call('POST', '/v3/videos/batches', { videos })).data.batch_id);
  }
  for (;;) {
    const pages = await Promise.all(ids.map((id) => call('GET', `/v3/videos/statuses?batch_ids=${id}`)));
    const entries = pages.flatMap((p) => p.data);
    if (entries.every((e) => e.status === 'completed' || e.status === 'failed')) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return performance.now() - started;
}
