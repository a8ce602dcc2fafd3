// When a batch asks about each of its renders (issue 28). At the start: the team's render times
// from the committed lock (render_seconds) and this user's own (render-history.ts); during the
// run: the rows that finish (RunLearner), so a 200-row batch on a fresh CI machine plans like
// one with a history after its first few rows. Each row gets a fresh plan when its create
// returns (planFor: broad and held to the documented 10-second loop's pace until five renders of
// its kind are known). Timing only: nothing here decides which rows render or what is charged.
import { planFor } from '../poll/plan-choice.js';
import { readHistory, recordRender, renderBasis, type RenderBasis, type RenderRecord } from '../poll/render-history.js';
import { RunLearner, type FinishedVideo } from '../poll/run-learning.js';
import type { PollPlan } from '../poll/schedule.js';
import { renderSecondsOf, teamRecords } from '../poll/team-history.js';
import type { LockFile } from './lock-format.js';
import type { PlannedRow } from './plan-types.js';
import type { Task } from './tasks.js';

export interface RowTiming {
  /** A fresh plan for a row whose create just returned; undefined keeps the PollClock's beat for it. */
  plan(task: Task): PollPlan | undefined;
  /** A row of this run was seen completed at `seenAt`: a lesson for the rest, and for this user's next runs. */
  completed(task: Task, video: FinishedVideo, seenAt: number): void;
}

export interface RowTimingInput {
  /** The rows of the run (their bodies say what renders). */
  rows: readonly PlannedRow[];
  /** The lock read before the run (its render_seconds are the team's history). */
  lock?: LockFile;
  /** This user's config folder (render-times.json); none: no own history is read or kept. */
  historyDir?: string;
  /** The user chose a poll interval: rows keep the PollClock's beat (durations are still recorded). */
  fixedInterval?: boolean;
  now: () => number;
}

/** What a row's body renders (engine, resolution, spoken length); undefined without a script. */
function basisOf(row: PlannedRow): RenderBasis | undefined {
  if (!row.body) return undefined;
  try {
    return renderBasis(JSON.parse(row.body) as Parameters<typeof renderBasis>[0]);
  } catch {
    return undefined;
  }
}

export function rowTiming(input: RowTimingInput): RowTiming {
  const { lock, historyDir, now } = input;
  const bases = new Map<PlannedRow, RenderBasis | undefined>();
  const basis = (row: PlannedRow) => {
    if (!bases.has(row)) bases.set(row, basisOf(row));
    return bases.get(row);
  };
  const team: RenderRecord[] = lock
    ? teamRecords(
        input.rows.flatMap((row) => {
          const entry = lock.rows.get(row.key);
          return entry?.render_seconds !== undefined
            ? [{ basis: basis(row), renderSeconds: entry.render_seconds, renderedAt: entry.rendered_at }]
            : [];
        }),
      )
    : [];
  const own = historyDir !== undefined ? readHistory(historyDir) : [];
  const learner = new RunLearner();
  return {
    plan(task) {
      const b = basis(task.row);
      if (input.fixedInterval || !b) return undefined;
      return planFor([...team, ...own, ...learner.records], b);
    },
    completed(task, video, seenAt) {
      const b = basis(task.row);
      if (!b) return;
      // Only a create of this run times a render from our clock (a resumed one started before we looked).
      const observedMs = task.submittedAt !== undefined ? seenAt - task.submittedAt : undefined;
      const before = learner.count;
      learner.observe(video, observedMs, b, now());
      const learnt = learner.count > before ? learner.records.at(-1) : undefined;
      if (learnt && historyDir !== undefined) recordRender(historyDir, b, learnt.renderMs, learnt.at);
    },
  };
}

/** A fresh plan for a render created now (the engine's 'submitted' event); the create's answer counts as its read at 0. */
export function planCreated(task: Task, timing: RowTiming | undefined): void {
  const plan = task.submittedAt !== undefined ? timing?.plan(task) : undefined;
  if (!plan || task.submittedAt === undefined) return;
  task.plan = plan;
  task.nextAt = task.submittedAt + plan(0);
}

/**
 * A row seen completed at `seenAt` (the engine's 'rendered' event): its render time for the lock
 * (render_seconds), and the lesson for the run. The bulk status answer has no timestamps: the
 * time runs from our create's answer to the cycle that saw it finished.
 */
export function timeCompleted(task: Task, seenAt: number, timing: RowTiming | undefined): void {
  const video: FinishedVideo = { status: 'completed' };
  const seconds = renderSecondsOf(video, task.submittedAt !== undefined ? seenAt - task.submittedAt : undefined);
  // Under 0.05 s rounds to 0, which the lock would refuse (render_seconds is positive): unknown then.
  task.renderSeconds = seconds !== undefined && seconds > 0 ? seconds : undefined;
  timing?.completed(task, video, seenAt);
}
