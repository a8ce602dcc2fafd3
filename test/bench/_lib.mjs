// Small shared helpers for the benchmarks: medians, peak memory of a child, a sandbox.
import { spawn } from 'node:child_process';
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
