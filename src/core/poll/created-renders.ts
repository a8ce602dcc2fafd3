// What this machine knew about the renders it created (created-renders.json in the config
// folder): the basis of each (engine, resolution, spoken length), by video id. `video create`
// without --wait leaves the wait to a later `video wait <id>`, often in the next line of a CI
// script; with this record that wait plans like the create's own would (plan-choice.ts) instead
// of knowing only how long the render has run. Best effort, local only, like render-history.ts.
import { hasBasis, readRenders, writeRenders } from './render-list.js';
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
  return readRenders(dir, CREATED_FILE, (r): r is CreatedRecord => hasBasis(r, ['speechMs', 'at']) && typeof r.id === 'string');
}

/** Notes a render just created (a folder that cannot be written only loses the better guess). */
export function rememberCreated(dir: string, id: string, basis: RenderBasis, now = Date.now()): void {
  const { engine, resolution, speechMs } = basis;
  writeRenders(
    dir,
    CREATED_FILE,
    [...readCreated(dir).filter((r) => r.id !== id), { id, engine, resolution, speechMs, at: now }].slice(-KEEP),
  );
}

/** The basis of a render this machine created, if it remembers it. */
export function createdBasis(dir: string, id: string): RenderBasis | undefined {
  const found = readCreated(dir).findLast((r) => r.id === id);
  return found && { engine: found.engine, resolution: found.resolution, speechMs: found.speechMs };
}
