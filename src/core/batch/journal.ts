// The batch journal: one JSON line per state change of a row, appended and written through
// before the next step, so a kill -9 at any moment leaves a file that says how far each row
// got. Reading takes the last line of each row and forgives a torn final line.
import { closeSync, fdatasync, fstatSync, readSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { TwinError, UsageError } from '../../shared/errors.js';
import { ensureDir, fileSystemError, openNoFollow, openRegularFile, writeAll } from '../../shared/safe-fs.js';
import { acquireLock, type HeldLock } from '../../shared/file-lock.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

/**
 * `create_unknown`: the create went out but its answer never came (interrupted, connection cut
 * after the last retry, a 2xx that could not be read). The row keeps its Idempotency-Key: the
 * next run sends the same key again and the API answers with the video it made, if any.
 */
export type RowState = 'submitting' | 'create_unknown' | 'rendering' | 'completed' | 'downloaded' | 'failed';

export interface RowError {
  code: string;
  message: string;
}

export interface JournalEntry {
  row: string;
  line?: number;
  label?: string;
  /** Idempotency-Key of the row's first attempt: it changes with the content (a new video). */
  base: string;
  attempt: number;
  /** The Idempotency-Key sent with the create. */
  key: string;
  state: RowState;
  video_id?: string;
  file?: string;
  sha256?: string;
  bytes?: number;
  error?: RowError;
  /** The last download attempt failed (the render itself is fine). */
  download_error?: RowError;
  at: string;
}

export interface RunHeader {
  type: 'run';
  version: 1;
  identity: string;
  manifest: string;
  shard?: string;
  rows: number;
  /** False for --no-download runs: a rendered row is then finished. */
  download: boolean;
  at: string;
}

export interface JournalContents {
  runs: RunHeader[];
  rows: Map<string, JournalEntry>;
  /** The last line was cut short (the process died mid-write); it is ignored. */
  torn: boolean;
  /** Unreadable lines other than a torn last one. */
  badLines: number[];
}

export async function readJournal(path: string): Promise<JournalContents> {
  const contents: JournalContents = { runs: [], rows: new Map(), torn: false, badLines: [] };
  let stream;
  try {
    // A FIFO (or device) is refused at once: reading one would wait forever.
    // Stryker disable next-line StringLiteral: readline decodes a byte stream as UTF-8 itself; the encoding only saves it the work
    stream = createReadStream(path, { fd: openRegularFile(path), encoding: 'utf8' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return contents;
    throw fileSystemError(error, path, 'read');
  }
  let lineNo = 0;
  let lastBad: number | undefined;
  for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
    lineNo += 1;
    if (text.trim() === '') continue;
    if (lastBad !== undefined) contents.badLines.push(lastBad);
    lastBad = undefined;
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch {
      lastBad = lineNo;
      continue;
    }
    if (isRunHeader(record)) contents.runs.push(record);
    else if (isEntry(record)) contents.rows.set(record.row, record);
    else contents.badLines.push(lineNo);
  }
  contents.torn = lastBad !== undefined;
  return contents;
}

interface JournalStats {
  writes: number;
  syncs: number;
  syncMs: number;
}

/**
 * Append-only writer. Each record is written with one write(2) before the caller moves on, so
 * it survives the process being killed; fdatasync runs once per event-loop turn for all the
 * records of that turn, so a machine crash loses at most the last moment.
 */
export class JournalWriter {
  readonly stats: JournalStats = { writes: 0, syncs: 0, syncMs: 0 };
  private syncScheduled = false;
  private syncing: Promise<void> = Promise.resolve();
  private closed = false;

  private constructor(
    readonly path: string,
    private readonly fd: number,
    private readonly held: HeldLock,
  ) {}

  static open(path: string): JournalWriter {
    ensureDir(dirname(path));
    // One run per journal at a time: two would download into the same .part files. A lock
    // left by a process that was killed is taken over.
    let held: HeldLock;
    try {
      // Stryker disable next-line ObjectLiteral,StringLiteral: `what` is said only in file_locked messages, which are reworded below
      held = acquireLock(`${path}.lock`, { what: `The journal ${path}` });
    } catch (error) {
      if (error instanceof TwinError && error.code === 'file_locked') {
        const pid = error.details.pid;
        throw new UsageError(
          `Another \`${twinInvocation()} batch run\`${pid ? ` (pid ${String(pid)})` : ''} is using the journal ${path}.`,
          {
            flag: '--journal',
            suggestion: 'Wait for it to finish, or give this run its own --out or --journal.',
            details: { file: path },
          },
        );
      }
      throw error;
    }
    let fd: number;
    try {
      fd = openNoFollow(path, 'a+');
    } catch (error) {
      held.release();
      throw error;
    }
    const writer = new JournalWriter(path, fd, held);
    // After a torn write the file ends mid-line: start on a fresh one.
    if (!endsWithNewline(fd)) writer.writeRaw('\n');
    return writer;
  }

  append(record: JournalEntry | RunHeader): void {
    if (this.closed) return;
    this.writeRaw(`${JSON.stringify(record)}\n`);
    this.stats.writes += 1;
    this.scheduleSync();
  }

  /** Waits for the last fdatasync, then closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.syncing;
    this.closed = true;
    closeSync(this.fd);
    this.held.release();
  }

  private writeRaw(text: string): void {
    writeAll(this.fd, Buffer.from(text), this.path);
  }

  private scheduleSync(): void {
    if (this.syncScheduled) return;
    this.syncScheduled = true;
    setImmediate(() => {
      this.syncScheduled = false;
      const started = performance.now();
      this.syncing = this.syncing.then(
        () =>
          new Promise<void>((resolve) => {
            if (this.closed) return resolve();
            fdatasync(this.fd, () => {
              this.stats.syncs += 1;
              this.stats.syncMs += performance.now() - started;
              resolve();
            });
          }),
      );
    });
  }
}

function endsWithNewline(fd: number): boolean {
  const size = fstatSync(fd).size;
  if (size === 0) return true;
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  return last[0] === 0x0a;
}

function isRunHeader(value: unknown): value is RunHeader {
  // Stryker disable next-line ConditionalExpression: a primitive other than null has no `type` either
  return typeof value === 'object' && value !== null && (value as RunHeader).type === 'run';
}

function isEntry(value: unknown): value is JournalEntry {
  const v = value as JournalEntry;
  return (
    // Stryker disable next-line ConditionalExpression: a primitive other than null has no `row` either
    typeof value === 'object' && value !== null && typeof v.row === 'string' && typeof v.state === 'string' && typeof v.base === 'string'
  );
}
