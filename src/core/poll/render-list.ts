// The local lists of renders in the config folder (render-times.json, created-renders.json):
// `{version: 1, renders: [...]}`, private to the user, written atomically. Best effort both
// ways: a missing, unreadable or damaged file reads as empty, and a write that fails only loses
// a better-timed wait later.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDir, writeFileAtomic } from '../../shared/safe-fs.js';

export function readRenders<T>(dir: string, file: string, valid: (r: unknown) => r is T): T[] {
  try {
    const renders = (JSON.parse(readFileSync(join(dir, file), 'utf8')) as { renders?: unknown }).renders;
    return Array.isArray(renders) ? renders.filter(valid) : [];
  } catch {
    return [];
  }
}

export function writeRenders(dir: string, file: string, renders: readonly unknown[]): void {
  try {
    ensureDir(dir, { mode: 0o700 });
    writeFileAtomic(join(dir, file), `${JSON.stringify({ version: 1, renders })}\n`, { mode: 0o600 });
  } catch {
    // Only a better guess next time is lost.
  }
}

/** An object whose engine and resolution are text and whose `numbers` are finite and positive. */
export function hasBasis(r: unknown, numbers: readonly string[]): r is Record<string, unknown> {
  const x = r as Record<string, unknown>;
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof x.engine === 'string' &&
    typeof x.resolution === 'string' &&
    numbers.every((key) => typeof x[key] === 'number' && Number.isFinite(x[key]) && (x[key] as number) > 0)
  );
}
