// What a person reviewing a batch wants to see about each row that the journal does not keep:
// the title, look, voice, engine, script (or audio), the estimated length, and after the render
// the video's duration, thumbnail and HeyGen page. Kept beside the journal in
// `<journal>.review.json`, so `twin batch review` can rebuild the page without any request.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { CreateVideoBody, Video } from '../../api/index.js';
import { LOCAL_FILE_PREFIX, localMediaRefs } from '../media/local-media.js';
import { mediaDurationSeconds } from '../media/duration.js';
import { ensureDir, writeFileAtomic } from '../../shared/safe-fs.js';
import { estimateRow, type RowEstimate } from './estimate.js';
import type { PlannedRow, RowCost } from './plan-types.js';

export interface RowFacts {
  line: number;
  /** The row's first Idempotency-Key: a journal entry with another one is an older version of the row. */
  base: string;
  label?: string;
  title?: string;
  look: string;
  voice?: string;
  engine: string;
  resolution?: string;
  script?: string;
  /** The audio the row speaks instead of a script: its URL or asset id. */
  audio?: string;
  estimate: RowEstimate;
  /** From the API once rendered. */
  duration?: number;
  thumbnail_url?: string;
  video_page_url?: string;
}

interface RunRecord {
  at: string;
  /** Creates that started a new render in this run (replays of a journaled key excluded). */
  renders: number;
  /** Rows the run was limited to (--sample / --rows), or null for a whole run. */
  sample: number | null;
}

interface FactsFile {
  version: 1;
  batch_id: string;
  manifest: string;
  runs: RunRecord[];
  rows: Record<string, RowFacts>;
}

export function factsPath(journalPath: string): string {
  return `${journalPath.replace(/\.jsonl$/, '')}.review.json`;
}

/** The facts of one planned row, from its create body and its cost (see costOf). */
export function factsOf(row: PlannedRow, body: CreateVideoBody, cost: RowCost): RowFacts {
  // A local file (uploaded later, see local-media.ts) shows by its name as written in the manifest.
  const asset = body.audio_asset_id;
  const audio =
    body.audio_url ??
    (asset ? (asset.startsWith(LOCAL_FILE_PREFIX) ? asset.slice(LOCAL_FILE_PREFIX.length) : `asset:${asset}`) : undefined);
  return {
    line: row.line,
    base: row.baseKey,
    ...(row.label !== undefined ? { label: row.label } : {}),
    ...(body.title ? { title: body.title } : {}),
    look: body.avatar_id,
    ...(body.voice_id ? { voice: body.voice_id } : {}),
    engine: cost.engine,
    ...(cost.resolution ? { resolution: cost.resolution } : {}),
    ...(body.script ? { script: body.script } : {}),
    ...(audio ? { audio } : {}),
    estimate: cost.estimate,
  };
}

/** The length of the local audio file a row speaks, if it names one (relative to the manifest's folder). */
export function localAudioSeconds(body: CreateVideoBody, manifestDir: string): number | null | undefined {
  const audio = localMediaRefs(body).find((ref) => ref.field === 'audio_asset_id');
  return audio ? mediaDurationSeconds(resolve(manifestDir, audio.path)) : undefined;
}

/** What the budget reckons a row's cost from: its estimated length, engine and resolution. */
export function costOf(body: CreateVideoBody, audioSeconds?: number | null): RowCost {
  return {
    engine: body.engine?.type ?? 'avatar_iv',
    ...(body.resolution ? { resolution: body.resolution } : {}),
    estimate: estimateRow(body, audioSeconds),
  };
}

/** What the API said about a rendered video, kept for the page. */
export function addVideoFacts(facts: RowFacts | undefined, video: Video): void {
  if (!facts) return;
  if (video.duration != null) facts.duration = video.duration;
  if (video.thumbnail_url) facts.thumbnail_url = video.thumbnail_url;
  if (video.video_page_url) facts.video_page_url = video.video_page_url;
}

export async function readFacts(path: string): Promise<FactsFile | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined; // none yet, or unreadable: the page is built from the journal alone
  }
  try {
    const parsed = JSON.parse(text) as FactsFile;
    return parsed && parsed.version === 1 && typeof parsed.rows === 'object' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The rows of this plan (rows removed from the manifest drop out), each keeping what the API told
 * an earlier run about the same version of it; written whole, keys sorted so it diffs well.
 */
export async function writeFacts(path: string, next: Omit<FactsFile, 'version' | 'runs'>, run?: RunRecord): Promise<FactsFile> {
  const earlier = await readFacts(path);
  const before = earlier?.batch_id === next.batch_id ? earlier.rows : {};
  const rows: Record<string, RowFacts> = {};
  for (const [key, facts] of Object.entries(next.rows)) rows[key] = before[key]?.base === facts.base ? { ...before[key], ...facts } : facts;
  const sorted = Object.fromEntries(
    Object.keys(rows)
      .sort()
      .map((k) => [k, rows[k]!]),
  );
  const runs = [...(earlier?.batch_id === next.batch_id ? earlier.runs : []), ...(run ? [run] : [])].slice(-20);
  const file: FactsFile = { version: 1, batch_id: next.batch_id, manifest: next.manifest, runs, rows: sorted };
  await ensureDir(dirname(path));
  await writeFileAtomic(path, `${JSON.stringify(file, null, 1)}\n`, { overwrite: true });
  return file;
}
