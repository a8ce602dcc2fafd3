// The translations of a batch's rows (manifest columns translate_to / translate_mode), after the
// rows' videos are rendered and saved: per row one keyed create for all its languages that the
// lock does not already hold, then a wait for all of them and each file saved next to the row's
// video (`<video-name>.<language-slug>.mp4`). Every step is journaled before the next one (see
// core/batch/translate-journal.ts), so a killed run resumes without a second create; each
// finished language is handed to `lock.record` with its own fingerprint.
import { basename, dirname, extname, join } from 'node:path';
import type { HeyGenClient } from '../api/index.js';
import type { TranslationMode } from '../core/translate/cost.js';
import { translationFingerprint, translationKey, type RowTranslate } from '../core/batch/translate-column.js';
import {
  appendTranslationJournal,
  readTranslationJournal,
  type TranslationFileRecord,
  type TranslationJournalEntry,
} from '../core/batch/translate-journal.js';
import { createTranslations, downloadTranslations, translationBody, type TranslationJob } from './translate.js';
import { waitForTranslations, type WaitTiming } from './translate-wait.js';
import { twinInvocation } from '../shared/twin-invocation.js';

export interface RowToTranslate {
  rowKey: string;
  videoId: string;
  videoFingerprint: string;
  /** The row's saved video: the translations go beside it, named after it. */
  videoPath: string;
  translate: RowTranslate;
}

export interface TranslationLockRecord {
  fingerprint: string;
  language: string;
  mode: TranslationMode;
  id: string;
  file: string;
  bytes: number;
  sha256: string;
}

export interface BatchTranslateDeps {
  api: Pick<HeyGenClient, 'getVideo' | 'createTranslation' | 'getTranslation'>;
  identity: string;
  /** The translation journal (translationJournalPath of the batch journal). */
  journalPath: string;
  /** Does the lock already hold this translation fingerprint (with its file)? */
  locked?: (fingerprint: string) => boolean;
  /** A language finished and saved: the lock keeps it. */
  record?: (rowKey: string, entry: TranslationLockRecord) => void;
  timing: Omit<WaitTiming, 'resume'>;
  signal?: AbortSignal;
}

export interface RowTranslationResult {
  rowKey: string;
  /** `up_to_date`: the lock held every language; nothing was sent. */
  outcome: 'up_to_date' | 'done' | 'failed';
  created: boolean;
  files: TranslationFileRecord[];
  failed: Array<{ language: string; id: string; message: string | null }>;
}

/** Translates each row in turn (rows that ask for none are not passed in). */
export async function translateRows(rows: readonly RowToTranslate[], deps: BatchTranslateDeps): Promise<RowTranslationResult[]> {
  const journal = readTranslationJournal(deps.journalPath);
  const results: RowTranslationResult[] = [];
  for (const row of rows) results.push(await translateRow(row, journal.get(row.rowKey), deps));
  return results;
}

async function translateRow(
  row: RowToTranslate,
  entry: TranslationJournalEntry | undefined,
  deps: BatchTranslateDeps,
): Promise<RowTranslationResult> {
  const { mode } = row.translate;
  const fingerprint = (language: string) => translationFingerprint(row.videoFingerprint, language, mode);
  // Only the languages the lock does not hold are paid for.
  const languages = row.translate.languages.filter((l) => !deps.locked?.(fingerprint(l)));
  const base = { rowKey: row.rowKey, created: false, files: [], failed: [] };
  if (languages.length === 0) return { ...base, outcome: 'up_to_date' };
  const todo: RowTranslate = { languages, mode };
  const key = translationKey(deps.identity, row.rowKey, row.videoFingerprint, todo);
  const journal = (e: Omit<TranslationJournalEntry, 'row' | 'key'>) =>
    appendTranslationJournal(deps.journalPath, { row: row.rowKey, key, ...e });
  const same = entry?.key === key ? entry : undefined;
  if (same?.state === 'done')
    return { ...base, outcome: same.failed?.length ? 'failed' : 'done', files: same.files ?? [], failed: same.failed ?? [] };

  let jobs: TranslationJob[];
  let created = false;
  if (same?.state === 'created' && same.ids) {
    jobs = same.ids.map((j) => ({ id: j.id, language: j.language, state: 'pending' }));
  } else {
    // The key is on disk before the create is sent: a kill during the request re-sends it.
    journal({ state: 'submitting' });
    // The video's link is read just before the create: presigned links expire.
    const video = await deps.api.getVideo(row.videoId);
    const url = video.video_url;
    if (!url) throw new Error(`Row ${row.rowKey}: video ${row.videoId} has no download link to translate from.`);
    const body = translationBody(
      { type: 'url', url },
      { languages, mode, audioOnly: false, captions: false, dynamicDuration: true, music: true },
    );
    ({ jobs } = await createTranslations(deps.api, body, key));
    created = true;
    journal({ state: 'created', ids: jobs.map((j) => ({ language: j.language, id: j.id })) });
  }
  const ids = jobs.map((j) => j.id).join(' ');
  await waitForTranslations(deps.api, jobs, { ...deps.timing, resume: `${twinInvocation()} translations wait ${ids}` });
  const stem = basename(row.videoPath, extname(row.videoPath));
  const saved = await downloadTranslations(deps.api, jobs, {
    stem,
    output: join(dirname(row.videoPath), '{source}.{language}.{ext}'),
    cwd: dirname(row.videoPath),
    captions: false,
    audioOnly: false,
    // The names are this row's own (video name + language): a file there is an earlier run's.
    force: true,
    ...(deps.signal ? { signal: deps.signal } : {}),
  });
  const files: TranslationFileRecord[] = saved.map((f) => ({
    language: f.language,
    id: f.id,
    path: f.path,
    bytes: f.bytes,
    sha256: f.sha256,
  }));
  const failed = jobs
    .filter((j) => j.state !== 'completed')
    .map((j) => ({ language: j.language, id: j.id, message: j.translation?.failure_message ?? j.state }));
  journal({ state: 'done', ids: jobs.map((j) => ({ language: j.language, id: j.id })), files, failed });
  for (const f of files) {
    deps.record?.(row.rowKey, {
      fingerprint: fingerprint(f.language),
      language: f.language,
      mode,
      id: f.id,
      file: basename(f.path),
      bytes: f.bytes,
      sha256: f.sha256,
    });
  }
  return { rowKey: row.rowKey, outcome: failed.length ? 'failed' : 'done', created, files, failed };
}
