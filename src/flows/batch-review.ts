// What a batch run does for review and budget around the engine: collects each row's facts while
// the manifest is planned, picks the sample, counts the renders against --max-renders, and writes
// the facts and review.html before and after the run. No terminal: warnings go to a hook.
import type { CreateVideoBody, HeyGenClient, Page, Video } from '../api/index.js';
import { guardCreates } from '../core/batch/budget.js';
import type { BatchEvent } from '../core/batch/engine-types.js';
import { journalPaths } from '../core/batch/journal-paths.js';
import type { PlannedRow } from '../core/batch/plan-types.js';
import type { Prepared } from '../core/batch/prepare.js';
import { writeReviewPage } from '../core/batch/review-page.js';
import { addVideoFacts, costOf, factsOf, factsPath, localAudioSeconds, writeFacts, type RowFacts } from '../core/batch/row-facts.js';
import { chooseRows, chooseSample, parseRowList } from '../core/batch/sample.js';
import type { Task } from '../core/batch/tasks.js';

/** The clock the facts are dated by, and where a page that could not be written is told. */
interface ReviewHooks {
  now: () => number;
  warn: (message: string) => void;
}

/** Where the facts and the page go; `final` after the run (a run record is added). */
interface ReviewWrite {
  outDir: string;
  journalPath: string;
  identity: string;
  manifest: string;
  sample: number | null;
  final: boolean;
}

interface Selection {
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
    private readonly hooks: ReviewHooks = { now: Date.now, warn: () => {} },
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
  async write(input: ReviewWrite): Promise<string | undefined> {
    try {
      await writeFacts(
        factsPath(input.journalPath),
        { batch_id: input.identity, manifest: input.manifest, rows: Object.fromEntries(this.facts) },
        input.final ? { at: new Date(this.hooks.now()).toISOString(), renders: this.renders, sample: input.sample } : undefined,
      );
      const journals = [...new Set([input.journalPath, ...journalsBeside(input.outDir)])];
      const { path } = await writeReviewPage(input.outDir, journals, new Date(this.hooks.now()));
      return path;
    } catch (error) {
      this.hooks.warn(`Could not write the review page in ${input.outDir}: ${(error as Error).message}`);
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
