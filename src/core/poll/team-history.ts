// History that travels with the project: a batch's lock file records how long each render took
// (`render_seconds`, from create to completion), so a fresh CI machine that reads a committed
// lock plans its waits with the team's render times. The user's own history stays in their
// config folder (render-history.ts); the two are read together, the team's first, so the
// user's own recent renders weigh most. Durations only time the polls: they never decide which
// rows render (the fingerprint) or what is charged.
import { priorOf } from './plan-choice.js';
import { renderTimeOf, type RenderBasis, type RenderRecord } from './render-history.js';
import type { RenderPrior } from './schedule.js';

/** A lock row as the poll plan reads it: what its body renders (renderBasis) and its recorded duration. */
interface TimedRow {
  basis?: RenderBasis;
  /** The lock entry's render_seconds. */
  renderSeconds?: number;
  /** The lock entry's rendered_at (ISO 8601): orders the records, newest last. */
  renderedAt?: string;
}

/** A render can take no longer than this and still count (a clock gone wrong, a hand-edited lock). */
const MAX_RENDER_SECONDS = 24 * 60 * 60;

/** What the lock records for a completed video: its render time in seconds (0.1 s), or undefined when unknown. */
export function renderSecondsOf(
  video: { created_at?: number | null; completed_at?: number | null },
  observedMs?: number,
): number | undefined {
  const ms = renderTimeOf(video, observedMs);
  return ms !== undefined && ms > 0 ? Math.round(ms / 100) / 10 : undefined;
}

/** The lock's rows with a basis and a plausible duration, as history records (oldest first). */
export function teamRecords(rows: Iterable<TimedRow>): RenderRecord[] {
  const out: RenderRecord[] = [];
  for (const row of rows) {
    const s = row.renderSeconds;
    if (!row.basis || !(row.basis.speechMs > 0) || typeof s !== 'number' || !(s > 0) || s > MAX_RENDER_SECONDS) continue;
    const at = row.renderedAt ? Date.parse(row.renderedAt) : Number.NaN;
    out.push({ ...row.basis, renderMs: Math.round(s * 1000), at: Number.isFinite(at) && at > 0 ? at : 1 });
  }
  return out.sort((a, b) => a.at - b.at);
}

/**
 * The prior for a render from a lock's durations and the user's own history (read after the
 * team's, so it weighs most): narrow with five or more renders of the kind, else broad.
 */
export function priorFromLock(
  rows: Iterable<TimedRow>,
  basis: RenderBasis,
  own: readonly RenderRecord[] = [],
): { prior: RenderPrior; narrow: boolean } {
  return priorOf([...teamRecords(rows), ...own], basis);
}
