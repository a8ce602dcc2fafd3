// What this machine knew about the renders it created (created-renders.json in the config
// folder): the basis of each (engine, resolution, spoken length), by video id. `video create`
// without --wait leaves the wait to a later `video wait <id>`, often in the next line of a CI
// script; with this record that wait plans like the create's own would (plan-choice.ts) instead
// of knowing only how long the render has run. Best effort, local only, like render-history.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDir, writeFileAtomic } from '../../shared/safe-fs.js';
import type { RenderBasis } from './render-history.js';

export const CREATED_FILE = 'created-renders.json';
/** Creates kept, newest last: enough for a batch of renders waited on later. */
const KEEP = 200;

interface CreatedRecord extends RenderBasis {
  id: string;
  /** Unix ms when created. */
  at: number;
}

function readCreated(dir: string): CreatedRecord[] {
  try {
    const renders = (JSON.parse(readFileSync(join(dir, CREATED_FILE), 'utf8')) as { renders?: unknown }).renders;
    return Array.isArray(renders) ? renders.filter(isCreated) : [];
  } catch {
    return [];
  }
}

function isCreated(r: unknown): r is CreatedRecord {
  const x = r as CreatedRecord;
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof x.id === 'string' &&
    typeof x.engine === 'string' &&
    typeof x.resolution === 'string' &&
    [x.speechMs, x.at].every((n) => typeof n === 'number' && Number.isFinite(n) && n > 0)
  );
}

/** Notes a render just created (a folder that cannot be written only loses the better guess). */
export function rememberCreated(dir: string, id: string, basis: RenderBasis, now = Date.now()): void {
  const { engine, resolution, speechMs } = basis;
  const renders = [...readCreated(dir).filter((r) => r.id !== id), { id, engine, resolution, speechMs, at: now }].slice(-KEEP);
  try {
    ensureDir(dir, { mode: 0o700 });
    writeFileAtomic(join(dir, CREATED_FILE), `${JSON.stringify({ version: 1, renders })}\n`, { mode: 0o600 });
  } catch {
    // Only a better-timed wait later is lost.
  }
}

/** The basis of a render this machine created, if it remembers it. */
export function createdBasis(dir: string, id: string): RenderBasis | undefined {
  const found = readCreated(dir).findLast((r) => r.id === id);
  return found && { engine: found.engine, resolution: found.resolution, speechMs: found.speechMs };
}
