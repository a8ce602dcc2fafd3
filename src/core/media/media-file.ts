// Checks a local file before anything is sent: it exists, is a regular file, can be read, holds a
// type the API takes (from its first bytes, and its name agrees), is of the kind the flag needs and
// within the size limits. Every failure is a UsageError (exit 2) naming where the path came from.
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, resolve } from 'node:path';
import { UsageError } from '../../shared/errors.js';
import { formatBytes } from '../download/downloader.js';
import {
  KIND_MAX_BYTES,
  MEDIA_TYPES,
  SNIFF_BYTES,
  sniffMediaType,
  typeFromExtension,
  type MediaKind,
  type MediaTypeName,
} from '../../shared/media-type.js';

export interface MediaFile {
  /** As the user wrote it (messages). */
  display: string;
  /** Absolute path. */
  path: string;
  name: string;
  size: number;
  type: MediaTypeName;
  mime: string;
  kind: MediaKind;
}

interface MediaFileCheck {
  /** Where the path came from, for messages: "--audio", "row 3, column background". */
  where: string;
  /** The flag or column, for --json error details. */
  flag: string;
  /** Kinds this use accepts (default: any the API takes). */
  kinds?: readonly MediaKind[];
  cwd: string;
}

const KIND_TYPES: Record<MediaKind, string> = {
  image: 'png or jpeg',
  audio: 'mp3 or wav',
  video: 'mp4 or webm',
  document: 'pdf',
  subtitle: 'srt',
};

export async function checkMediaFile(display: string, check: MediaFileCheck): Promise<MediaFile> {
  return checkMediaFileSync(display, check);
}

/** The same checks, synchronous (a manifest's rows are checked in one synchronous pass). */
export function checkMediaFileSync(display: string, check: MediaFileCheck): MediaFile {
  const path = resolve(check.cwd, display);
  const fail = (why: string, suggestion: string) =>
    new UsageError(`${check.where}: ${display} ${why}.`, { flag: check.flag, details: { file: display }, suggestion });
  const unreadable = (error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
      return fail('does not exist', 'Check the path (relative paths start at the current folder).');
    if (code === 'EACCES' || code === 'EPERM')
      return fail('cannot be read (permission denied)', `Check the permissions of ${display} and its folders.`);
    if (code === 'ELOOP') return fail('is a symbolic link that loops', 'Point to the file itself.');
    return fail(`cannot be read (${code ?? (error as Error).message})`, 'Check the path.');
  };
  let stats;
  try {
    stats = statSync(path);
  } catch (error) {
    throw unreadable(error);
  }
  if (stats.isDirectory()) throw fail('is a folder, not a file', 'Name a file inside it.');
  if (!stats.isFile()) throw fail('is not a regular file', 'Save the data to a regular file first.');
  let head = Buffer.alloc(SNIFF_BYTES);
  try {
    const fd = openSync(path, 'r');
    try {
      head = head.subarray(0, readSync(fd, head, 0, SNIFF_BYTES, 0));
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    throw unreadable(error);
  }
  if (stats.size === 0) throw fail('is empty', 'Point to the real file.');
  const accepted = check.kinds ?? (Object.keys(KIND_TYPES) as MediaKind[]);
  const wanted = accepted.map((k) => KIND_TYPES[k]).join(', ');
  const type = sniffMediaType(head);
  if (!type) throw fail(`is not a file type HeyGen takes (its content is none of ${wanted})`, `Convert it to ${wanted} first.`);
  const info = MEDIA_TYPES[type];
  if (!accepted.includes(info.kind))
    throw fail(
      `is ${article(info.label)} ${info.label}; ${check.where} needs ${wanted}`,
      `Pass ${article(accepted[0]!)} ${accepted.join(' or ')} file.`,
    );
  const named = typeFromExtension(display);
  if (named !== undefined && named !== type) {
    throw fail(
      `is named .${display.split('.').pop()} but holds ${article(info.label)} ${info.label}`,
      `Rename it to .${info.extensions[0]} (HeyGen checks that the name matches the content).`,
    );
  }
  const max = KIND_MAX_BYTES[info.kind];
  if (stats.size > max)
    throw fail(`is ${formatBytes(stats.size)}; HeyGen takes ${info.kind} files up to ${formatBytes(max)}`, 'Compress or shorten it first.');
  return { display, path, name: basename(path), size: stats.size, type, mime: info.mime, kind: info.kind };
}

function article(word: string): string {
  return /^[aeiouAEIOU]|^MP|^SRT/.test(word) ? 'an' : 'a';
}

/** Hex SHA-256 of a file, read in 1 MiB pieces without blocking on the whole file at once. */
export function sha256FileSync(path: string): string {
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const chunk = Buffer.alloc(1024 * 1024);
    for (let n; (n = readSync(fd, chunk, 0, chunk.length, null)) > 0; ) hash.update(chunk.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/** Hex SHA-256 of a file, streamed. */
export async function sha256File(path: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { signal })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
