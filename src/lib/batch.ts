// runBatch for library users: a manifest (CSV or JSONL, the columns are the long flags of
// `twin video create`) rendered by the CLI's batch engine, with its journal (a re-run resumes
// and never renders a row twice) and its report.
import { dirname, join, resolve } from 'node:path';
import type { HeyGenClient } from '../api/client.js';
import { batchIdentity } from '../core/batch/keys.js';
import type { BatchEvent } from '../core/batch/engine-types.js';
import type { BatchReport } from '../core/batch/report.js';
import { rowsToRender, writeReport } from '../core/batch/run-batch.js';
import { uploadRowsMedia } from '../flows/batch-media.js';
import { planBatch, runPlan } from '../flows/batch-run.js';
import { UsageError } from '../shared/errors.js';
import type { VideoInput } from '../core/video/request.js';
import { uploadCheckedFile } from './upload.js';

export interface RunBatchOptions {
  /** Path of the manifest (.csv or .jsonl). */
  manifest: string;
  /** Folder for the videos, the journal and the report; default "." (of cwd). */
  outDir?: string;
  cwd?: string;
  /** Renders at a time; default 5 (as the CLI). */
  concurrency?: number;
  /** Download each finished video; default true. */
  download?: boolean;
  /** Values for columns a row leaves empty (look, voice, engine...). */
  defaults?: Partial<VideoInput>;
  /** Create failed rows again on this run. */
  retryFailed?: boolean;
  /** Replace files in outDir that this batch did not write (default: refuse, nothing sent). */
  force?: boolean;
  /** Stop after this long (the journal keeps the place; outcome "incomplete"). */
  timeoutMs?: number;
  /** Stops the run; renders in flight go on at HeyGen, a re-run picks them up. */
  signal?: AbortSignal;
  onEvent?: (event: BatchEvent) => void;
  /** Names the batch instead of the manifest path (the journal belongs to it). */
  batchId?: string;
  /**
   * Local files in the audio/background columns: re-use the asset the same bytes became before
   * (default true, as the CLI's upload cache).
   */
  uploadCache?: boolean;
}

/** Runs every row of a manifest; the report is also written to <outDir>/twin-batch-report.json. */
export async function runBatch(client: HeyGenClient, options: RunBatchOptions): Promise<BatchReport> {
  const cwd = options.cwd ?? process.cwd();
  const manifest = resolve(cwd, options.manifest);
  const outDir = resolve(cwd, options.outDir ?? '.');
  const identity = batchIdentity(manifest, cwd, options.batchId);
  const journalPath = join(outDir, '.twin-journal.jsonl');
  const reportPath = join(outDir, 'twin-batch-report.json');
  const signal = options.signal ?? new AbortController().signal;
  const now = Date.now;
  const sleep = (ms: number, s?: AbortSignal) =>
    import('node:timers/promises').then(({ setTimeout }) => setTimeout(ms, undefined, { signal: s ?? signal }));
  const download = options.download ?? true;
  // Journal only (as `twin batch run --no-lock`): the library leaves lock files, budgets and the review page to the CLI.
  const plan = await planBatch({
    manifest,
    identity,
    defaults: options.defaults ?? {},
    api: client,
    journalPath,
    outDir,
    download,
    retryFailed: options.retryFailed ?? false,
    keepBodies: true,
  });
  const { foreign } = plan.setup;
  if (foreign.length > 0 && !options.force) {
    throw new UsageError(`${foreign.length} file(s) in ${outDir} would be replaced, and this batch did not write them; nothing was sent.`, {
      code: 'file_exists',
      suggestion: 'Move them away, choose another outDir, or pass { force: true }.',
      details: { files: foreign },
    });
  }
  // Local audio/background files of the rows to create: uploaded (the CLI's checks and cache) before the first create.
  await uploadRowsMedia(
    rowsToRender(plan.setup.tasks).map((t) => t.row),
    dirname(manifest),
    async () => (file, sha256) =>
      uploadCheckedFile(client, file, {
        signal,
        ...(options.uploadCache === false ? { cache: false } : {}),
        ...(sha256 ? { sha256 } : {}),
      }),
    plan.all.mediaSha256,
  );
  const { report, fatalError } = await runPlan(plan, {
    manifest,
    identity,
    journalPath,
    reportPath,
    outDir,
    concurrency: options.concurrency ?? 5,
    download,
    force: options.force ?? false,
    ...(options.timeoutMs !== undefined ? { deadline: now() + options.timeoutMs } : {}),
    api: client,
    now,
    sleep,
    signal,
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  });
  writeReport(reportPath, report);
  if (fatalError !== undefined) throw fatalError;
  return report;
}
