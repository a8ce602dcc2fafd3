// The lock read before a run: rows whose content is unchanged since the lock recorded their
// video are not rendered again. Their videos are checked on HeyGen with bulk status requests
// (100 ids each, nothing else); a video HeyGen no longer has, or that failed, is rendered
// again under a new key, and the plan and report say why.
import { join, resolve } from 'node:path';
import type { HeyGenClient } from '../../api/index.js';
import { STATUS_IDS_PER_REQUEST, statusPhase } from '../poll/poller.js';
import { sha256Hex } from './keys.js';
import type { LockEntry, LockFile } from './lock-format.js';
import { fileFacts } from './out-files.js';
import type { Task } from './tasks.js';

export interface StaleEntry {
  row: string;
  entry: LockEntry;
}

export interface LockCheck {
  /** Lock rows the manifest no longer has (left alone unless --prune). */
  stale: StaleEntry[];
  statusRequests: number;
  /** The lock's videos were looked up on HeyGen (false in a dry run without a key). */
  verified: boolean;
}

interface ReconcileInput {
  tasks: Task[];
  lock: LockFile;
  /** Every row key of the manifest, in every shard. */
  keys: Set<string>;
  api?: Pick<HeyGenClient, 'getVideoStatuses'>;
  outDir: string;
  download: boolean;
}

/** A new key for rendering a row again after its locked video was lost: fixed per lost video, so a re-run replays it. */
function rerenderKey(baseKey: string, lostVideoId: string): string {
  return `${baseKey}-x${sha256Hex(lostVideoId).slice(0, 8)}`;
}

export async function reconcileLock(input: ReconcileInput): Promise<LockCheck> {
  const { tasks, lock } = input;
  const candidates: Array<{ task: Task; entry: LockEntry }> = [];
  for (const task of tasks) {
    const entry = lock.rows.get(task.row.key);
    task.lock = !entry ? 'new' : entry.fingerprint === task.row.fingerprint ? 'up_to_date' : 'changed';
    // The journal of this output folder knows more than the lock (a run in progress): it wins.
    const fresh = task.phase === 'queued' && !task.resumed && task.attempt === 0;
    if (entry && task.lock === 'up_to_date' && fresh) candidates.push({ task, entry });
  }
  const statuses = new Map<string, { status: string }>();
  let statusRequests = 0;
  if (input.api) {
    const ids = [...new Set(candidates.map((c) => c.entry.video_id))];
    for (let i = 0; i < ids.length; i += STATUS_IDS_PER_REQUEST) {
      statusRequests += 1;
      const page = await input.api.getVideoStatuses({ video_ids: ids.slice(i, i + STATUS_IDS_PER_REQUEST) });
      // Stryker disable next-line ConditionalExpression: an entry without a video id (a batch's) is never looked up by one
      for (const item of page.data) if (item.video_id) statuses.set(item.video_id, item);
    }
  }
  for (const { task, entry } of candidates) {
    const status = input.api ? statuses.get(entry.video_id)?.status : 'completed';
    await applyEntry(task, entry, status, input);
  }
  const stale = [...lock.rows].filter(([key]) => !input.keys.has(key)).map(([row, entry]) => ({ row, entry }));
  return { stale, statusRequests, verified: input.api !== undefined };
}

async function applyEntry(task: Task, entry: LockEntry, status: string | undefined, input: ReconcileInput): Promise<void> {
  // Stryker disable next-line StringLiteral: any phase but completed, failed and not_found is watched as rendering
  const phase = status === undefined ? 'rendering' : statusPhase(status);
  if (phase === 'not_found' || phase === 'failed') {
    task.lock = 'missing';
    task.key = rerenderKey(task.row.baseKey, entry.video_id);
    task.note =
      phase === 'failed'
        ? `the lock's video ${entry.video_id} failed on HeyGen; rendered again`
        : `HeyGen no longer has the lock's video ${entry.video_id} (deleted?); rendered again`;
    return;
  }
  Object.assign(task, { videoId: entry.video_id, resumed: true, renderedAt: entry.rendered_at, expectedSha256: entry.sha256 });
  if (phase !== 'completed') {
    task.phase = 'rendering'; // still rendering (or not in the answer): the engine watches it
    return;
  }
  task.earlier = true;
  if (!input.download) {
    task.phase = 'done';
    return;
  }
  const name = task.row.file ?? entry.file;
  const path = name !== undefined ? join(resolve(input.outDir), name) : undefined;
  const facts = path !== undefined ? await fileFacts(path) : undefined;
  // Stryker disable next-line ConditionalExpression,LogicalOperator,StringLiteral: type guards; without them facts.sha256 (a string) still never equals what is missing
  if (path !== undefined && entry.sha256 !== undefined && facts !== undefined && facts !== 'other' && facts.sha256 === entry.sha256) {
    Object.assign(task, { phase: 'done', file: path, sha256: facts.sha256, bytes: facts.bytes });
    return;
  }
  task.phase = 'completed';
  task.earlier = undefined;
  // The lock names this file as the row's video: a copy with other bytes is replaced.
  if (facts !== undefined && facts !== 'other' && entry.file === name) task.overwrite = true;
  task.note =
    facts === undefined
      ? 'up to date in the lock; downloaded (no render)'
      : "up to date in the lock; its file differed from the lock's SHA-256, downloaded again (no render)";
}
