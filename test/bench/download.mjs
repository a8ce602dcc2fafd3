// Download benchmark: `twin video download` (a real process of bin/twin.js) against curl on the
// same presigned URL of a 1 GiB sandbox file: throughput ratio, peak RSS of the twin process
// (VmHWM from /proc), and bytes sent twice when a download resumes after a cut connection and
// after a kill -9. Needs `npm run build` (npm run bench does it). Figures go to stdout.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandbox } from '../../dist/sandbox.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin', 'twin.js');
const SIZE = Number(process.env.BENCH_DOWNLOAD_BYTES ?? 2 ** 30);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const MiB = 1024 * 1024;
const work = mkdtempSync(join(tmpdir(), 'twin-bench-dl-'));

const sandbox = await startSandbox({ renderMs: 50, videoBytes: SIZE, concurrencyLimit: 100 });
const env = { ...process.env, HEYGEN_API_BASE: sandbox.url, HEYGEN_API_KEY: sandbox.apiKey, NO_COLOR: '1' };
const api = (path, init = {}) =>
  fetch(`${sandbox.url}${path}`, { ...init, headers: { 'x-api-key': sandbox.apiKey, 'content-type': 'application/json', ...init.headers } }).then((r) => r.json());

try {
  const id = await completedVideo();
  const url = (await api(`/v3/videos/${id}`)).data.video_url;
  await fetch(url, { method: 'HEAD' }); // the sandbox hashes the synthetic file once, before the first byte
  const expected = sandbox.videoSha256(id);
  console.log(`file: ${fmt(SIZE)} synthetic video from the sandbox; best of ${RUNS} runs each, alternating`);

  const curl = spawnSync('curl', ['--version']).status === 0;
  const twinRuns = [];
  const curlRuns = [];
  const curlShaRuns = [];
  for (let i = 0; i < RUNS; i++) {
    if (curl) curlRuns.push(await runCurl(url, join(work, 'curl.bin')));
    if (curl) curlShaRuns.push(curlRuns.at(-1) + (await timed(spawn(...hashCommand(join(work, 'curl.bin')), { stdio: 'ignore' }))).ms);
    twinRuns.push(await runTwinDownload(id, join(work, 'twin.mp4')));
  }
  const twinBest = Math.min(...twinRuns.map((r) => r.ms));
  const peak = Math.max(...twinRuns.map((r) => r.peakKiB));
  const sha = sha256File(join(work, 'twin.mp4'));
  if (sha !== expected) throw new Error(`twin's file has the wrong SHA-256 (${sha})`);

  console.log(`twin video download: ${rate(SIZE, twinBest)}  (runs: ${twinRuns.map((r) => `${(r.ms / 1000).toFixed(2)}s`).join(', ')}; SHA-256 verified)`);
  if (curl) {
    const curlBest = Math.min(...curlRuns);
    console.log(`curl -o:             ${rate(SIZE, curlBest)}  (runs: ${curlRuns.map((ms) => `${(ms / 1000).toFixed(2)}s`).join(', ')})`);
    report('throughput vs curl', curlBest / twinBest, '≥ 0.90×', (x) => `${x.toFixed(2)}×`, (x) => x >= 0.9);
    // twin also computes the SHA-256 of every byte (to check x-amz-checksum-sha256 and report
    // it); curl followed by a hash of the file is the same work.
    const curlShaBest = Math.min(...curlShaRuns);
    const hasher = hashCommand('')[0];
    console.log(`  same work with standard tools, curl + ${hasher}: ${rate(SIZE, curlShaBest)}; twin vs that: ${(curlShaBest / twinBest).toFixed(2)}×`);
  } else {
    console.log('curl: not installed, so no throughput ratio (install curl to compare)');
  }
  report('peak RSS of twin', peak / 1024, '< 100 MiB', (x) => `${x.toFixed(1)} MiB`, (x) => x < 100);
  // What the same process needs without downloading anything, and with a 16× smaller file:
  // the difference between the three is what the download itself costs.
  const base = (await timed(spawn(process.execPath, [BIN, 'video', 'get', id, '--json'], { env, stdio: 'ignore' }))).peakKiB;
  sandbox.options.videoBytes = Math.max(1, Math.floor(SIZE / 16));
  const small = await completedVideo();
  const smallPeak = (await runTwinDownload(small, join(work, 'small.mp4'))).peakKiB;
  sandbox.options.videoBytes = SIZE;
  console.log(`  peak RSS of \`twin video get\` (no download): ${(base / 1024).toFixed(1)} MiB; of a ${fmt(SIZE / 16)} download: ${(smallPeak / 1024).toFixed(1)} MiB`);

  const cut = await resumeAfterCut(id, join(work, 'cut.mp4'), expected);
  report('re-sent after a cut at 50 %', cut / SIZE, '< 1 %', (x) => `${(x * 100).toFixed(3)} % (${fmt(cut)})`, (x) => x < 0.01);
  const killed = await resumeAfterKill(id, join(work, 'killed.mp4'), expected);
  report('re-sent after kill -9 at ~40 %', killed / SIZE, '< 1 %', (x) => `${(x * 100).toFixed(3)} % (${fmt(killed)})`, (x) => x < 0.01);
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
  return timed(spawn('curl', ['-sS', '--fail', '-o', out, url], { stdio: 'inherit' })).then((r) => r.ms);
}

function runTwinDownload(id, out, opts = {}) {
  rmSync(out, { force: true });
  if (!opts.keepPart) rmSync(`${out}.part`, { force: true });
  const child = spawn(process.execPath, [BIN, 'video', 'download', id, '-o', out, '--force', '--json'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  child.stdout.resume();
  return timed(child, opts).then((r) => {
    if (r.code !== 0 && !opts.expectFailure) throw new Error(`twin exited ${r.code}: ${stderr}`);
    return r;
  });
}

/** Wall time and peak RSS (VmHWM, sampled every 20 ms) of a child process. */
function timed(child, opts = {}) {
  const started = performance.now();
  let peakKiB = 0;
  const sample = () => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (m) peakKiB = Math.max(peakKiB, Number(m[1]));
    } catch {}
    opts.onSample?.(child);
  };
  const timer = setInterval(sample, 20);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearInterval(timer);
      resolve({ ms: performance.now() - started, peakKiB, code: code ?? signal });
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

/** The fastest SHA-256 at hand: openssl uses the CPU's SHA instructions, coreutils may not. */
function hashCommand(path) {
  return spawnSync('openssl', ['version']).status === 0 ? ['openssl', ['dgst', '-sha256', path]] : ['sha256sum', [path]];
}

function sha256File(path) {
  const r = spawnSync('sha256sum', [path], { encoding: 'utf8' });
  return r.stdout.split(' ')[0];
}

function report(what, value, target, format, ok) {
  console.log(`${what}: ${format(value)}  (target ${target}) ${ok(value) ? 'OK' : 'MISSED'}`);
}

function rate(bytes, ms) {
  return `${((bytes / MiB) / (ms / 1000)).toFixed(0)} MiB/s in ${(ms / 1000).toFixed(2)} s`;
}

function fmt(bytes) {
  return bytes >= 1024 * MiB ? `${(bytes / 1024 / MiB).toFixed(2)} GiB` : `${(bytes / MiB).toFixed(2)} MiB`;
}
