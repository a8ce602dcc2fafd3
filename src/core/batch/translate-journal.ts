// Where each row's translations stand, beside the batch journal (`<journal>.translations`): one
// JSON line per step, appended and flushed before the next step, so a run killed at any point
// resumes without a second create. `submitting` keeps the key before the create is sent (a
// re-run sends it again, and the API replays the first answer); `created` keeps one id per
// language (a re-run only waits); `done` keeps the files saved.
import { appendFileSync, closeSync, existsSync, fsyncSync, openSync, readFileSync } from 'node:fs';

export interface TranslationFileRecord {
  language: string;
  id: string;
  /** The file's path as saved (beside the row's video). */
  path: string;
  bytes: number;
  sha256: string;
}

export interface TranslationJournalEntry {
  /** The batch row's key. */
  row: string;
  /** The row's translation set: its key changes when the video, the languages or the options do. */
  key: string;
  state: 'submitting' | 'created' | 'done';
  ids?: Array<{ language: string; id: string }>;
  files?: TranslationFileRecord[];
  /** Languages that failed at HeyGen, with the reason (a `done` row with failures). */
  failed?: Array<{ language: string; id: string; message: string | null }>;
}

export function translationJournalPath(journalPath: string): string {
  return `${journalPath}.translations`;
}

/** The last line of each row; a torn last line (killed mid-write) is ignored. */
export function readTranslationJournal(path: string): Map<string, TranslationJournalEntry> {
  const entries = new Map<string, TranslationJournalEntry>();
  if (!existsSync(path)) return entries;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const entry = JSON.parse(line) as TranslationJournalEntry;
      if (typeof entry.row === 'string' && typeof entry.key === 'string') entries.set(entry.row, entry);
    } catch {
      // Only the last line can be torn, by a kill in the middle of the write.
    }
  }
  return entries;
}

/** Appends one entry and flushes it to disk before the caller's next (paid) step. */
export function appendTranslationJournal(path: string, entry: TranslationJournalEntry): void {
  appendFileSync(path, `${JSON.stringify(entry)}\n`);
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
