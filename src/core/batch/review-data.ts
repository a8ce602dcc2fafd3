// The review page's content, from files alone (journals and their facts): one card per row with
// where it stands, and the totals at the top. No request is made, so `twin batch review` works
// offline and on a CI artifact.
import { relative, resolve, sep } from 'node:path';
import { readJournal, type JournalEntry } from './journal.js';
import { factsPath, readFacts, type RowFacts } from './row-facts.js';

export type CardStatus = 'done' | 'failed' | 'pending';

export interface ReviewCard {
  key: string;
  line?: number;
  label?: string;
  facts?: RowFacts;
  status: CardStatus;
  /** Where the row stands, in words: "downloaded", "rendering", "not started"... */
  state: string;
  reason?: string;
  video_id?: string;
  /** The downloaded file, relative to the page's folder, with '/' separators. */
  file?: string;
  bytes?: number;
  sha256?: string;
}

export interface ReviewModel {
  manifest: string | null;
  generated_at: string;
  totals: Record<CardStatus, number> & { rows: number };
  /** Seconds of finished video (the API's durations, the estimate where it gave none). */
  video_seconds: number;
  /** Estimated seconds of the rows still to render: not rendered yet, or failed (a retry renders them). */
  pending_seconds: number;
  /** Renders started by the last run, or null when no run recorded it. */
  renders_last_run: number | null;
  last_run_at: string | null;
  cards: ReviewCard[];
}

export async function buildReview(journalPaths: string[], pageDir: string, now: Date): Promise<ReviewModel> {
  const cards = new Map<string, ReviewCard>();
  let manifest: string | null = null;
  let lastRun: { at: string; renders: number } | undefined;
  for (const path of journalPaths) {
    const [journal, facts] = await Promise.all([readJournal(path), readFacts(factsPath(path))]);
    manifest ??= journal.runs.at(-1)?.manifest ?? facts?.manifest ?? null;
    const downloads = journal.runs.at(-1)?.download !== false;
    for (const [key, f] of Object.entries(facts?.rows ?? {}))
      cards.set(key, { key, line: f.line, label: f.label, facts: f, status: 'pending', state: 'not started' });
    for (const entry of journal.rows.values()) {
      const known = cards.get(entry.row);
      // With facts, they list the manifest's rows as it is now: an entry of a removed row, or of
      // an earlier version of an edited one, is history, not this row's state.
      if (facts && known?.facts?.base !== entry.base) continue;
      const card = known ?? { key: entry.row, status: 'pending', state: 'not started' };
      cards.set(entry.row, {
        ...card,
        ...fromEntry(entry, downloads, pageDir),
        line: card.line ?? entry.line,
        label: card.label ?? entry.label,
      });
    }
    const run = facts?.runs.at(-1);
    if (run && (!lastRun || run.at > lastRun.at)) lastRun = run;
  }
  const sorted = [...cards.values()].sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || (a.key < b.key ? -1 : 1));
  const totals = { done: 0, failed: 0, pending: 0, rows: sorted.length };
  let videoSeconds = 0;
  let pendingSeconds = 0;
  for (const card of sorted) {
    totals[card.status] += 1;
    const seconds = card.facts?.duration ?? card.facts?.estimate.seconds ?? 0;
    if (card.status === 'done') videoSeconds += seconds;
    else if (needsRender(card)) pendingSeconds += seconds;
  }
  return {
    manifest,
    generated_at: now.toISOString(),
    totals,
    video_seconds: Math.round(videoSeconds * 10) / 10,
    pending_seconds: Math.round(pendingSeconds * 10) / 10,
    renders_last_run: lastRun?.renders ?? null,
    last_run_at: lastRun?.at ?? null,
    cards: sorted,
  };
}

/**
 * Still to render: rows not rendered yet, and failed renders, which a retry renders again (a
 * video rendered but not downloaded needs a download, not a render).
 */
function needsRender(card: ReviewCard): boolean {
  if (card.status === 'pending') return card.state !== 'rendered, not downloaded yet';
  return card.status === 'failed' && card.state === 'failed';
}

function fromEntry(entry: JournalEntry, downloads: boolean, pageDir: string): Omit<ReviewCard, 'key'> {
  const common = {
    ...(entry.video_id ? { video_id: entry.video_id } : {}),
    ...(entry.file ? { file: pagePath(pageDir, entry.file) } : {}),
    ...(entry.bytes !== undefined ? { bytes: entry.bytes } : {}),
    ...(entry.sha256 ? { sha256: entry.sha256 } : {}),
  };
  switch (entry.state) {
    case 'downloaded':
      return { ...common, status: 'done', state: 'downloaded' };
    case 'completed':
      if (entry.download_error) {
        return {
          ...common,
          status: 'failed',
          state: 'rendered, not downloaded',
          reason: `${entry.download_error.code}: ${entry.download_error.message}`,
        };
      }
      return downloads
        ? { ...common, status: 'pending', state: 'rendered, not downloaded yet' }
        : { ...common, status: 'done', state: 'rendered' };
    case 'failed':
      return {
        ...common,
        status: 'failed',
        state: 'failed',
        ...(entry.error ? { reason: `${entry.error.code}: ${entry.error.message}` } : {}),
      };
    case 'rendering':
      return { ...common, status: 'pending', state: 'rendering' };
    default:
      return { ...common, status: 'pending', state: 'submitting' };
  }
}

/** A file's path as the page links it: relative to the page, '/' separated. */
function pagePath(pageDir: string, file: string): string {
  return relative(pageDir, resolve(pageDir, file)).split(sep).join('/');
}
