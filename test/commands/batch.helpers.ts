// Plumbing shared by the batch tests: manifests, runs of `twin batch run` against a sandbox,
// reports, and checks that every saved file is the sandbox's own bytes.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { expect } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { FIXED_POLL, runTwin, tempDir, type RunOptions } from '../helpers/harness.js';

export const sha256File = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
/** The client's Retry-After waits (1 s from the sandbox) shortened, so fault tests stay fast. */
export const quickSleep: RunOptions['sleep'] = (ms, signal) => delay(Math.min(ms, 20), undefined, { signal });
/** quickSleep, and rows polled on a fixed beat (FIXED_POLL): for batch runs that do not test timing. */
export const fastBatch: RunOptions = { sleep: quickSleep, env: FIXED_POLL };

export function writeCsv(dir: string, rows: number, opts: { script?: (i: number) => string; name?: string } = {}): string {
  const lines = ['id,look,script,title'];
  for (let i = 1; i <= rows; i++) lines.push(`row-${i},lk_alex_office,"${opts.script?.(i) ?? `Hello number ${i}`}",Video ${i}`);
  const path = join(dir, opts.name ?? 'videos.csv');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

export function tempDirWithCsv(rows: number): string {
  const dir = tempDir();
  writeCsv(dir, rows, { script: (i) => `Progress test ${i} ${Math.random()}` });
  return dir;
}

export function readReport(dir: string, name = 'twin-batch-report.json') {
  return JSON.parse(readFileSync(join(dir, 'out', name), 'utf8'));
}

/** Every POST route the sandbox saw since the last resetCounters (a create of any kind spends credits). */
export const postsOf = (sandbox: Sandbox) => Object.keys(sandbox.counters.requests).filter((route) => route.startsWith('POST '));

/** `twin batch run videos.csv --out out ARGS` in `dir`, polling on a fixed beat (FIXED_POLL) unless `opts.env` says otherwise. */
export function batchIn(sandbox: Sandbox, dir: string, args: string[], opts: RunOptions = {}) {
  return runTwin(['batch', 'run', 'videos.csv', '--out', 'out', ...args], {
    sandbox,
    cwd: dir,
    ...opts,
    env: { ...FIXED_POLL, ...opts.env },
  });
}

export function expectVerified(
  report: { rows: Array<{ status: string; file: string; video_id: string; sha256: string }> },
  sb: Sandbox,
): void {
  expect(report.rows.length).toBeGreaterThan(0);
  for (const row of report.rows) {
    expect(row.status).toBe('done');
    expect(row.sha256).toBe(sb.videoSha256(row.video_id));
    expect(sha256File(row.file)).toBe(row.sha256);
  }
}
