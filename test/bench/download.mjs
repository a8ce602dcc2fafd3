// Download benchmark: `twin video download` (a real process of bin/twin.js) against curl on the
// same presigned URL of a 1 GiB sandbox file, both writing into the same folder, alternated
// (the order flips every round) and repeated; medians. On this Node and on Node 24 (see
// nodeBinaries in _lib.mjs) it reports, each against the goal of issue 15 (met/MISSED):
// - throughput vs curl, end to end (what a user waits for: twin also starts Node and looks
//   the URL up through the API) and for the transfer alone (first byte served → exit);
//   goal ≥ 0.9×, with every byte SHA-256-verified;
// - peak RSS of the twin process (VmHWM from /proc) for this size and a 16× smaller file;
//   goal ≤ 64 MiB for any size;
// and, for context: the same work with standard tools (curl, then a SHA-256 of the file), the
// ceiling that SHA-256 speed puts on any tool that checks every byte, where the CPU time goes
// (user + system seconds of each process: steadier than wall time on a busy machine), and the
// bytes sent twice when a download resumes after a cut connection and after a kill -9.
// The sandbox runs in this process: it serves both tools alike, and this process does nothing
// else while a run is timed (it samples /proc every 5 ms). Before each timed run the previous
// run's file is flushed to disk (`sync`), so its write-back does not slow the next tool down.
// Needs `npm run build` (npm run bench does it). BENCH_DOWNLOAD_BYTES and BENCH_RUNS change the
// size and the rounds.
// Reproduce: npm run build && node test/bench/download.mjs
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, goal, median, nodeBinaries, startSandbox } from './_lib.mjs';

const SIZE = Number(process.env.BENCH_DOWNLOAD_BYTES ?? 2 ** 30);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const MiB = 1024 * 1024;
const work = mkdtempSync(join(tmpdir(), 'twin-bench-dl-'));

const sandbox = await startSandbox({ renderMs: 50, videoBytes: SIZE, concurrencyLimit: 100 });
// A code cache of its own: each Node's first twin run of each command starts without one (as after
// an install or an upgrade), the later ones with it; both are reported.
const env = {
  ...process.env,
  HEYGEN_API_BASE: sandbox.url,
  HEYGEN_API_KEY: sandbox.apiKey,
  NO_COLOR: '1',
  TWIN_CACHE_DIR: join(work, 'cache'),
};
const api = (path, init = {}) =>
  fetch(`${sandbox.url}${path}`, {
    ...init,
    headers: { 'x-api-key': sandbox.apiKey, 'content-type': 'application/json', ...init.headers },
  }).then((r) => r.json());

try {
  const id = await completedVideo();
  const url = (await api(`/v3/videos/${id}`)).data.video_url;
  await fetch(url, { method: 'HEAD' }); // the sandbox hashes the synthetic file once, before the first byte
  const expected = sandbox.videoSha256(id);
  const curl = spawnSync('curl', ['--version']).status === 0;
  console.log(`file: ${fmt(SIZE)} synthetic video from the sandbox; ${RUNS} rounds of each tool, alternating; medians`);

  const hashMs = sha256Ms();
  for (const node of nodeBinaries()) {
    const twinRuns = [];
    const curlRuns = [];
    const hashRuns = [];
    const getRuns = [];
    for (let i = 0; i < RUNS; i++) {
      const order = i % 2 ? ['twin', 'curl'] : ['curl', 'twin'];
      getRuns.push(await timed(spawn(node.path, [BIN, 'video', 'get', id, '--json'], { env, stdio: 'ignore' })));
      for (const tool of order) {
        flushToDisk();
        if (tool === 'twin') twinRuns.push(await runTwinDownload(id, join(work, 'twin.mp4'), { node: node.path }));
        else if (curl) {
          curlRuns.push(await runCurl(url, join(work, 'curl.bin')));
          hashRuns.push(await timed(spawn(...hashCommand(join(work, 'curl.bin')), { stdio: 'ignore' })));
        }
      }
    }
    const sha = sha256File(join(work, 'twin.mp4'));
    if (sha !== expected) throw new Error(`twin's file has the wrong SHA-256 (${sha})`);
    const twin = summarise(twinRuns);
    console.log(`\n${node.label}`);
    console.log(
      `twin video download: ${rate(SIZE, twin.ms)}; transfer ${rate(SIZE, twin.transferMs)}  (runs: ${seconds(twinRuns)}; SHA-256 verified)`,
    );
    if (curl) {
      const c = summarise(curlRuns);
      console.log(`curl -o:             ${rate(SIZE, c.ms)}; transfer ${rate(SIZE, c.transferMs)}  (runs: ${seconds(curlRuns)})`);
      goal(`${node.label}: ${fmt(SIZE)} download ÷ curl -o, end to end`, ratio(c.ms / twin.ms), '≥ 0.90×', c.ms / twin.ms >= 0.9);
      goal(
        `${node.label}: ${fmt(SIZE)} download ÷ curl -o, transfer only`,
        ratio(c.transferMs / twin.transferMs),
        '≥ 0.90×',
        c.transferMs / twin.transferMs >= 0.9,
      );
      const sameWork = median(curlRuns.map((r, i) => r.ms + hashRuns[i].ms));
      console.log(
        `  same work with standard tools, curl + ${hashCommand('')[0]} sha256: ${rate(SIZE, sameWork)}; twin vs that: ${ratio(sameWork / twin.ms)}`,
      );
      console.log(
        `  SHA-256 alone here: ${rate(SIZE, hashMs)}, so checking every byte caps any tool at ${ratio(c.ms / hashMs)} curl end to end, ` +
          'even if receiving, writing and starting took no time',
      );
      // twin receives, writes and hashes each chunk on its one JavaScript thread and curl works on
      // one thread too, so on a quiet machine their wall times follow their CPU times; the CPU
      // ratio is also the figure that a busy machine disturbs least.
      const twinCpu = median(twinRuns.map((r) => r.cpuMs));
      const curlCpu = median(curlRuns.map((r) => r.cpuMs));
      const startCpu = median(getRuns.map((r) => r.cpuMs));
      console.log(
        `  CPU time (user + system, medians): curl ${sec(curlCpu)}; twin ${sec(twinCpu)} = start-up and API ${sec(startCpu)} ` +
          `(\`video get\`) + transfer ${sec(twinCpu - startCpu)}, of which SHA-256 ~${sec(hashMs)}; curl's CPU ÷ twin's: ${ratio(curlCpu / twinCpu)}`,
      );
    } else {
      console.log('curl: not installed, so no throughput ratio (install curl to compare)');
    }
    const peak = Math.max(...twinRuns.map((r) => r.peakKiB)) / 1024;
    goal(`${node.label}: peak RSS of a ${fmt(SIZE)} download`, `${peak.toFixed(1)} MiB`, '≤ 64 MiB', peak <= 64);
    // What the same process needs without downloading anything, and with a 16× smaller file:
    // the difference between the three is what the download itself costs.
    const base = Math.max(...getRuns.map((r) => r.peakKiB)) / 1024;
    sandbox.options.videoBytes = Math.max(1, Math.floor(SIZE / 16));
    const small = await completedVideo();
    const smallPeak = (await runTwinDownload(small, join(work, 'small.mp4'), { node: node.path })).peakKiB / 1024;
    sandbox.options.videoBytes = SIZE;
    goal(`${node.label}: peak RSS of a ${fmt(SIZE / 16)} download`, `${smallPeak.toFixed(1)} MiB`, '≤ 64 MiB', smallPeak <= 64);
    console.log(`  peak RSS of \`twin video get\` (no download) for comparison: ${base.toFixed(1)} MiB`);
    if (RUNS > 1) {
      const firstAndLater = (runs) =>
        `${(runs[0].peakKiB / 1024).toFixed(1)} / ${(Math.max(...runs.slice(1).map((r) => r.peakKiB)) / 1024).toFixed(1)} MiB`;
      console.log(
        `  peak RSS, first run (no code cache yet) / later runs: download ${firstAndLater(twinRuns)}, \`video get\` ${firstAndLater(getRuns)}`,
      );
    }
  }
  console.log('');

  const cut = await resumeAfterCut(id, join(work, 'cut.mp4'), expected);
  goal('re-sent after a cut at 50 %', `${((cut / SIZE) * 100).toFixed(3)} %`, '< 1 %', cut / SIZE < 0.01);
  const killed = await resumeAfterKill(id, join(work, 'killed.mp4'), expected);
  goal('re-sent after kill -9 at ~40 %', `${((killed / SIZE) * 100).toFixed(3)} %`, '< 1 %', killed / SIZE < 0.01);
} finally {
  await sandbox.close();
  rmSync(work, { recursive: true, force: true });
}

async function completedVideo() {
  const body = { type: 'avatar', avatar_id: 'lk_alex_office', voice_id: 'v_en_m_01', script: 'Benchmark.', title: 'bench' };
  const { data } = await api('/v3/videos', { method: 'POST', body: JSON.stringify(body) });
  for (;;) {
    if ((await api(`/v3/videos/${data.video_id}`)).data.status === 'completed') return data.video_id;
    await new Promise((r) => setTimeout(r, 20));
  }
}

function runCurl(url, out) {
  rmSync(out, { force: true });
  return timed(spawn('curl', ['-sS', '--fail', '-o', out, url], { stdio: 'inherit' })).then((r) => {
    if (r.code !== 0) throw new Error(`curl exited ${r.code}`);
    return r;
  });
}

function runTwinDownload(id, out, opts = {}) {
  rmSync(out, { force: true });
  if (!opts.keepPart) rmSync(`${out}.part`, { force: true });
  const child = spawn(opts.node ?? process.execPath, [BIN, 'video', 'download', id, '-o', out, '--force', '--json'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  child.stdout.resume();
  return timed(child, opts).then((r) => {
    if (r.code !== 0 && !opts.expectFailure) throw new Error(`twin exited ${r.code}: ${stderr}`);
    return r;
  });
}

/**
 * Wall time, peak RSS (VmHWM) and the transfer time (from the first byte the sandbox sends to
 * the exit) of a child process, sampled every 5 ms.
 */
function timed(child, opts = {}) {
  const started = performance.now();
  const servedBefore = sandbox.counters.downloadBytes;
  let firstByteAt;
  let peakKiB = 0;
  let cpuTicks = 0;
  const sample = () => {
    firstByteAt ??= sandbox.counters.downloadBytes !== servedBefore ? performance.now() : undefined;
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (m) peakKiB = Math.max(peakKiB, Number(m[1]));
      // utime + stime of all its threads (fields 14 and 15), in clock ticks.
      const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      cpuTicks = Math.max(cpuTicks, Number(fields[11]) + Number(fields[12]));
    } catch {}
    opts.onSample?.(child);
  };
  const timer = setInterval(sample, 5);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearInterval(timer);
      const ended = performance.now();
      // The last sample is at most 5 ms before the exit; ticks are 10 ms (CLK_TCK 100).
      resolve({ ms: ended - started, transferMs: ended - (firstByteAt ?? started), peakKiB, cpuMs: cpuTicks * 10, code: code ?? signal });
    });
  });
}

async function resumeAfterCut(id, out, expected) {
  sandbox.inject({ kind: 'truncate', at: Math.floor(SIZE / 2) });
  sandbox.resetCounters();
  await runTwinDownload(id, out);
  if (sha256File(out) !== expected) throw new Error('resumed file has the wrong SHA-256');
  return sandbox.counters.downloadBytes - SIZE;
}

async function resumeAfterKill(id, out, expected) {
  sandbox.resetCounters();
  let killed = false;
  await runTwinDownload(id, out, {
    expectFailure: true,
    onSample: (child) => {
      if (!killed && partSize(out) >= SIZE * 0.4) {
        killed = true;
        child.kill('SIGKILL');
      }
    },
  });
  if (!killed) throw new Error('the download finished before it could be killed');
  await runTwinDownload(id, out, { keepPart: true });
  if (sha256File(out) !== expected) throw new Error('resumed file has the wrong SHA-256');
  return sandbox.counters.downloadBytes - SIZE;
}

function partSize(out) {
  try {
    return statSync(`${out}.part`).size;
  } catch {
    return 0;
  }
}

/** Milliseconds Node's SHA-256 (OpenSSL, with the CPU's SHA instructions if it has them) needs for SIZE bytes. */
function sha256Ms() {
  const block = Buffer.alloc(16 * MiB, 1);
  const hash = createHash('sha256');
  const rounds = Math.max(1, Math.round((256 * MiB) / block.length));
  const started = performance.now();
  for (let i = 0; i < rounds; i++) hash.update(block);
  hash.digest();
  return ((performance.now() - started) / (rounds * block.length)) * SIZE;
}

/** The fastest SHA-256 at hand: openssl uses the CPU's SHA instructions, coreutils may not. */
function hashCommand(path) {
  return spawnSync('openssl', ['version']).status === 0 ? ['openssl', ['dgst', '-sha256', path]] : ['sha256sum', [path]];
}

function sha256File(path) {
  const [cmd, args] = hashCommand(path);
  const out = spawnSync(cmd, args, { encoding: 'utf8' }).stdout.trim();
  return cmd === 'openssl' ? out.split('= ').at(-1) : out.split(' ')[0];
}

/** Writes the page cache out, so the previous run's file is not being flushed during the next run. */
function flushToDisk() {
  spawnSync('sync', { stdio: 'ignore' });
}

function sec(ms) {
  return `${(ms / 1000).toFixed(2)} s`;
}

function summarise(runs) {
  return { ms: median(runs.map((r) => r.ms)), transferMs: median(runs.map((r) => r.transferMs)) };
}

function ratio(x) {
  return `${x.toFixed(2)}×`;
}

function seconds(runs) {
  return runs.map((r) => `${(r.ms / 1000).toFixed(2)}s`).join(', ');
}

function rate(bytes, ms) {
  return `${(bytes / MiB / (ms / 1000)).toFixed(0)} MiB/s in ${(ms / 1000).toFixed(2)} s`;
}

function fmt(bytes) {
  return bytes >= 1024 * MiB ? `${(bytes / 1024 / MiB).toFixed(2)} GiB` : `${(bytes / MiB).toFixed(2)} MiB`;
}
