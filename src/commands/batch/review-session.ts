// What `batch run` does for review and budget around the engine: collects each row's facts while
// the manifest is planned, picks the sample, states the budget (and the balance) before anything
// is sent, counts the renders, and writes the facts and review.html at the end.
import { relative } from 'node:path';
import type { CreateVideoBody, HeyGenClient, Page, Video } from '../../api/index.js';
import type { Context } from '../../ui/context.js';
import { TwinError, ExitCode } from '../../shared/errors.js';
import { balanceShortfall, describeBudget, guardCreates, type Budget } from '../../core/batch/budget.js';
import type { BatchEvent } from '../../core/batch/engine-types.js';
import type { PlannedRow } from '../../core/batch/plan-types.js';
import type { Prepared } from '../../core/batch/prepare.js';
import type { Task } from '../../core/batch/tasks.js';
import { writeReviewPage } from '../../core/batch/review-page.js';
import { addVideoFacts, costOf, factsOf, factsPath, localAudioSeconds, writeFacts, type RowFacts } from '../../core/batch/row-facts.js';
import { chooseRows, chooseSample, parseRowList } from '../../core/batch/sample.js';
import { shellJoin } from '../../shared/shell-quote.js';
import { describeBilling, type BillingSummary } from '../auth/who.js';
import { toFlag } from '../options.js';
import { journalPaths } from './status.js';

export interface Selection {
  prepared: Prepared;
  /** Rows this run is limited to, or null for all of them. */
  sample: number | null;
}

export class ReviewSession {
  /** Every row's facts for the page (a real run; a dry run writes no page and keeps none). */
  readonly facts = new Map<string, RowFacts>();
  /** New renders started in this run (replays of an earlier key are not new). */
  renders = 0;

  /**
   * `keepFacts`: a real run (a dry run writes no page); `manifestDir`: where a row's local audio
   * file is found (its length is the row's estimate).
   */
  constructor(
    private readonly keepFacts: boolean,
    private readonly manifestDir: string,
  ) {}

  readonly onRow = (row: PlannedRow, body: CreateVideoBody): void => {
    if (!this.keepFacts) return; // a dry run of 100,000 rows: the plan's own cost of each row is all the budget needs
    this.facts.set(row.key, factsOf(row, body, row.cost ?? costOf(body, localAudioSeconds(body, this.manifestDir))));
  };

  readonly onEvent = (event: BatchEvent): void => {
    if (event.type === 'submitted' && !event.task.resumed) this.renders += 1;
    if ('task' in event && event.task.videoId) this.videoRows.set(event.task.videoId, event.task.row.key);
  };

  /** --sample N or --rows a,b: the rows this run renders; the others wait for the next run. */
  select(prepared: Prepared, sample: number | undefined, rows: string | undefined): Selection {
    if (sample === undefined && rows === undefined) return { prepared, sample: null };
    const chosen =
      rows !== undefined
        ? chooseRows(prepared.rows, parseRowList(rows), prepared.total > prepared.rows.length)
        : chooseSample(prepared.rows, sample!);
    return { prepared: { ...prepared, rows: prepared.rows.filter((r) => chosen.has(r.key)) }, sample: chosen.size };
  }

  /** The client the engine uses: creates counted against --max-renders, video facts kept. */
  api<A extends Pick<HeyGenClient, 'createVideo' | 'getVideo'>>(api: A, maxRenders: number | undefined): A {
    const guarded = guardCreates(api, maxRenders);
    guarded.getVideo = async (id: string) => {
      const video: Video = await api.getVideo(id);
      for (const facts of this.factsByVideo(id)) addVideoFacts(facts, video);
      return video;
    };
    return guarded;
  }

  private readonly videoRows = new Map<string, string>();
  private tasks: readonly Task[] = [];

  /** Called with the engine's tasks: rows resumed from the journal already have their video ids. */
  readonly attach = (tasks: readonly Task[]): void => {
    this.tasks = tasks;
  };

  private factsByVideo(id: string): RowFacts[] {
    if (!this.videoRows.has(id)) for (const t of this.tasks) if (t.videoId) this.videoRows.set(t.videoId, t.row.key);
    const key = this.videoRows.get(id);
    const facts = key !== undefined ? this.facts.get(key) : undefined;
    return facts ? [facts] : [];
  }

  /**
   * Rows rendered in this run whose video was never fetched (--no-download, or a download that
   * failed): their duration and thumbnail from the video list, 100 a page, newest first, so a
   * fresh batch is found in about one request per 100 rows (never one GET per video).
   */
  async fillVideoFacts(api: Pick<HeyGenClient, 'listVideos'>, signal: AbortSignal, pageSize = 100): Promise<void> {
    const missing = new Map<string, RowFacts>();
    for (const t of this.tasks) {
      const facts = this.facts.get(t.row.key);
      if (t.videoId && !t.earlier && (t.phase === 'done' || t.phase === 'completed') && facts && facts.duration === undefined)
        missing.set(t.videoId, facts);
    }
    let token: string | null = null;
    // Bounded: the batch's videos plus a few pages of other work made meanwhile.
    const pages = Math.ceil(missing.size / pageSize) + 3;
    for (let page = 0; missing.size > 0 && page < pages && !signal.aborted; page++) {
      const result: Page<Video> | undefined = await api.listVideos({ limit: pageSize, token }).catch(() => undefined);
      if (!result) return;
      for (const video of result.data) {
        addVideoFacts(missing.get(video.id), video);
        missing.delete(video.id);
      }
      if (!result.has_more || !result.next_token) return;
      token = result.next_token;
    }
  }

  /** Facts and review.html, after (or before) the run; a failure here never fails the run. */
  async write(
    ctx: Context,
    input: { outDir: string; journalPath: string; identity: string; manifest: string; sample: number | null; final: boolean },
  ): Promise<string | undefined> {
    try {
      await writeFacts(
        factsPath(input.journalPath),
        { batch_id: input.identity, manifest: input.manifest, rows: Object.fromEntries(this.facts) },
        input.final ? { at: new Date(ctx.now()).toISOString(), renders: this.renders, sample: input.sample } : undefined,
      );
      const journals = [...new Set([input.journalPath, ...journalsBeside(input.outDir)])];
      const { path } = await writeReviewPage(input.outDir, journals, new Date(ctx.now()));
      return path;
    } catch (error) {
      ctx.out.warn(`Could not write the review page in ${input.outDir}: ${(error as Error).message}`);
      return undefined;
    }
  }
}

function journalsBeside(outDir: string): string[] {
  try {
    return journalPaths(outDir);
  } catch {
    return [];
  }
}

/** The account's balance from GET /v3/users/me, or null when it cannot be had (never blocks a run). */
export async function fetchBalance(ctx: Context, api: Pick<HeyGenClient, 'getMe'> | undefined): Promise<BillingSummary | null> {
  if (!api) return null;
  try {
    return describeBilling(await api.getMe());
  } catch (error) {
    ctx.out.debug(`balance not available: ${(error as Error).message}`);
    return null;
  }
}

/** The plan's budget line on stderr, and a warning when the balance is clearly too small. */
export function announceBudget(ctx: Context, budget: Budget, balance: BillingSummary | null, sample: number | null): void {
  const scope = sample !== null ? ` (sample of ${sample} row${sample === 1 ? '' : 's'})` : '';
  ctx.out.info(`Budget${scope}: ${describeBudget(budget)}${balance && balance.remaining !== null ? ` · balance: ${balance.summary}` : ''}`);
  const short = balance ? balanceShortfall(budget, balance) : undefined;
  if (short) ctx.out.warn(short);
}

/** The budget as --json and the report carry it. */
export function budgetJson(budget: Budget, balance: BillingSummary | null, sample: number | null) {
  return {
    renders: budget.renders,
    estimated_seconds: budget.estimate.seconds,
    estimated_minutes: budget.estimate.minutes,
    rows_of_unknown_length: budget.estimate.unknown,
    max_renders: budget.max_renders,
    max_minutes: budget.max_minutes,
    cost_floor: budget.cost_floor,
    balance: balance ? { type: balance.type, remaining: balance.remaining, unit: balance.unit, summary: balance.summary } : null,
    balance_warning: balance ? (balanceShortfall(budget, balance) ?? null) : null,
    sample,
  };
}

/** The Markdown lines of the budget for $GITHUB_STEP_SUMMARY. */
export function budgetMarkdown(
  budget: Budget,
  balance: BillingSummary | null,
  renders: number,
  page: string | undefined,
  cwd: string,
): string {
  const lines = [`**Budget:** ${describeBudget(budget)}; ${renders} new render${renders === 1 ? '' : 's'} started.`];
  if (balance && balance.remaining !== null) lines.push(`**Balance:** ${balance.summary}.`);
  if (page) lines.push(`**Review page:** \`${relative(cwd, page) || page}\``);
  return `${lines.join('\n\n')}\n\n`;
}

/** The command that renders the rest after a sample: the same one without --sample / --rows. */
/** Options that are on by default and turned off with --no-…: only `false` (or a path) is said. */
const NEGATABLE = new Set(['download', 'lock', 'cache']);

export function continueCommand(manifestArg: string, opts: Record<string, unknown>): string {
  const words = ['twin', 'batch', 'run', manifestArg];
  for (const [key, value] of Object.entries(opts)) {
    if (key === 'sample' || key === 'rows' || key === 'dryRun' || value === undefined || (value === false && !NEGATABLE.has(key))) continue;
    if (NEGATABLE.has(key)) {
      if (value === false) words.push(`--no-${key}`);
      else if (typeof value === 'string') words.push(toFlag(key), value);
    } else if (value === true) words.push(toFlag(key));
    else words.push(toFlag(key), String(value));
  }
  return shellJoin(words);
}

/** --max-renders passed on the way: what was done, and how to go on (exit 1; the journal keeps the place). */
export function renderLimitError(limit: number, left: number, journal: string, report: string): TwinError {
  return new TwinError(
    `Stopped at --max-renders ${limit}: ${left} row${left === 1 ? '' : 's'} not rendered (rows were rendered again that the plan did not count).`,
    {
      code: 'render_limit_reached',
      exitCode: ExitCode.api,
      suggestion: 'Check the report, then run the same command with a higher --max-renders to render the rest; nothing is rendered twice.',
      details: { journal, report, max_renders: limit },
    },
  );
}
