// Which plan times the wait for a render just created, from what is known of renders like it:
// a team's (a committed lock, team-history.ts), this user's (render-history.ts) and this run's
// (run-learning.ts). resolveTiming and a batch's rows both choose here.
import { budgetedPlan } from './budget.js';
import { broadPrior, priorFrom, type RenderBasis, type RenderRecord } from './render-history.js';
import { priorPlan, type PollPlan, type RenderPrior } from './schedule.js';

/**
 * The plan for a render just created: with five or more renders of its engine and resolution
 * (`history`: a team's from a committed lock first, then this user's, newest last), the one
 * held to the official CLI's requests (schedule.ts); with fewer, a broad guess held to the
 * documented 10-second loop's pace (budget.ts). A fresh one per wait (plans keep a count).
 * `offsetMs`: how long the render had run when the wait began (a later `video wait` of it).
 */
export function planFor(history: readonly RenderRecord[], basis: RenderBasis, offsetMs = 0): PollPlan {
  const { prior, narrow } = priorOf(history, basis);
  if (!narrow) return budgetedPlan(prior, offsetMs);
  // The narrow plan is a pure function of the render's own time: a wait that joins late reads it from there.
  const plan = priorPlan(prior);
  return offsetMs > 0 ? (t) => plan(offsetMs + t) : plan;
}

/** The prior planFor plans with: narrow from five or more renders of the kind (priorFrom), else broad (broadPrior). */
export function priorOf(history: readonly RenderRecord[], basis: RenderBasis): { prior: RenderPrior; narrow: boolean } {
  const narrow = priorFrom(history, basis);
  return narrow ? { prior: narrow, narrow: true } : { prior: broadPrior(history, basis), narrow: false };
}
