// Reading and writing the lock file. Rows are recorded as they finish: each write takes the
// file as it is on disk now (another run, e.g. a second shard on this machine, may have added
// rows), applies this run's changes, and replaces it atomically, so a killed run leaves a
// valid lock holding what it finished. Writes are spaced out (a 100,000-row lock is not
// rewritten per row) and the last one is awaited when the run ends.
import { setTimeout as delay } from 'node:timers/promises';
import { TwinError } from '../../shared/errors.js';
import { fileSystemError, readRegularFile, writeFileAtomic } from '../../shared/safe-fs.js';
import { acquireLock } from '../../shared/file-lock.js';
import { formatLock, LOCKFILE_VERSION, parseLock, type LockEntry, type LockFile, type LockTranslation } from './lock-format.js';
import type { Task } from './tasks.js';

const MIN_WRITE_INTERVAL_MS = 250;
const MUTEX_WAIT_MS = 10_000;

/** The lock at `path`, or undefined when there is none yet. */
export function readLock(path: string): LockFile | undefined {
  let text: string;
  try {
    // Stryker disable next-line StringLiteral: a Buffer's toString defaults to UTF-8
    text = readRegularFile(path).toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw fileSystemError(error, path, 'read');
  }
  return parseLock(text, path);
}

/** The lock entry of a finished row, keeping what the lock knew of the same video. */
export function entryFor(task: Task, before: LockEntry | undefined): LockEntry | undefined {
  if (!task.videoId || task.phase !== 'done') return undefined;
  const same = before?.video_id === task.videoId ? before : undefined;
  const file =
    task.file !== undefined && task.sha256 !== undefined && task.bytes !== undefined
      ? { file: task.file.split(/[\\/]/).pop()!, bytes: task.bytes, sha256: task.sha256 }
      : undefined;
  // How long the render took (this run saw it), else what the lock knew of the same video.
  const duration = task.renderSeconds ?? same?.render_seconds;
  const kept = same?.file !== undefined ? { file: same.file, bytes: same.bytes, sha256: same.sha256 } : {};
  return {
    fingerprint: task.row.fingerprint,
    video_id: task.videoId,
    rendered_at: same?.rendered_at ?? task.renderedAt ?? new Date().toISOString(),
    ...(file ?? kept),
    ...(duration !== undefined ? { render_seconds: duration } : {}),
    // The same video's translations stay (a changed video's have other fingerprints, and are made again).
    ...(same?.translations ? { translations: same.translations } : {}),
  };
}

export class LockWriter {
  private readonly changes = new Map<string, LockEntry | null>();
  /** Translations finished, by row and language: merged into the row as it is on disk when written. */
  private readonly translations = new Map<string, Map<string, LockTranslation>>();
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private lastWrite = 0;
  /** The first write error; the run goes on (the journal has everything) and reports it at the end. */
  error: TwinError | undefined;

  constructor(
    readonly path: string,
    private readonly known: LockFile | undefined,
  ) {}

  /** Records a finished row (no-op unless it is done with a video). */
  record(task: Task): void {
    const entry = entryFor(task, this.known?.rows.get(task.row.key));
    if (!entry) return;
    const before = this.known?.rows.get(task.row.key);
    if (before && JSON.stringify(before) === JSON.stringify(entry) && !this.changes.has(task.row.key)) return;
    this.changes.set(task.row.key, entry);
    this.schedule();
  }

  /** Records one finished translation of a row's video (the row itself is recorded first). */
  recordTranslation(key: string, language: string, translation: LockTranslation): void {
    // A new map each time: a write in flight drops only the map it wrote.
    const row = new Map(this.translations.get(key) ?? []);
    // Only the lock's own fields: callers may hand over a richer record.
    const { fingerprint, id, file, bytes, sha256 } = translation;
    row.set(language, { fingerprint, id, file, bytes, sha256 });
    this.translations.set(key, row);
    this.schedule();
  }

  /** Drops a row (pruned). */
  drop(key: string): void {
    this.changes.set(key, null);
    this.schedule();
  }

  get pending(): number {
    return this.changes.size + this.translations.size;
  }

  /** Writes what is pending now and waits for it. */
  async flush(): Promise<void> {
    // Stryker disable next-line ConditionalExpression: clearTimeout(undefined) is a no-op, and a timer left running finds nothing pending
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.writing;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: write() itself returns at once when nothing is pending
    if (this.changes.size > 0 || this.translations.size > 0) await this.write();
  }

  private schedule(): void {
    // Stryker disable next-line ConditionalExpression: a second timer writes what the first would have (each write takes everything pending)
    if (this.timer) return;
    const wait = Math.max(0, this.lastWrite + MIN_WRITE_INTERVAL_MS - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.writing = this.writing.then(() => this.write());
    }, wait);
    this.timer.unref();
  }

  private async write(): Promise<void> {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: with nothing pending the write puts back the file as it was read
    if (this.changes.size === 0 && this.translations.size === 0) return;
    const batch = new Map(this.changes);
    const translated = new Map(this.translations);
    try {
      const mutex = await lockMutex(this.path);
      try {
        const current = readLock(this.path) ?? { version: LOCKFILE_VERSION, rows: new Map() };
        for (const [key, entry] of batch) {
          if (entry === null) current.rows.delete(key);
          else current.rows.set(key, entry);
        }
        for (const [key, languages] of translated) {
          const entry = current.rows.get(key);
          if (entry) current.rows.set(key, { ...entry, translations: { ...entry.translations, ...Object.fromEntries(languages) } });
        }
        writeFileAtomic(this.path, formatLock(current));
      } finally {
        mutex.release();
      }
      for (const [key, entry] of batch) if (this.changes.get(key) === entry) this.changes.delete(key);
      for (const [key, languages] of translated) if (this.translations.get(key) === languages) this.translations.delete(key);
      this.lastWrite = Date.now();
    } catch (error) {
      // Stryker disable next-line StringLiteral: safe-fs throws TwinErrors here; the fallback's action word is not reached
      this.error ??= error instanceof TwinError ? error : fileSystemError(error, this.path, 'write');
    }
  }
}

/** Two runs on one machine never interleave their read-and-replace of the same lock. */
async function lockMutex(path: string) {
  const started = Date.now();
  for (;;) {
    try {
      return acquireLock(`${path}.busy`, { what: `the lock file ${path}` });
    } catch (error) {
      if (!(error instanceof TwinError) || error.code !== 'file_locked' || Date.now() - started > MUTEX_WAIT_MS) throw error;
      await delay(20);
    }
  }
}
