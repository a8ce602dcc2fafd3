// The lock file's format (`videos.csv.lock`, committed beside the manifest): which row, with
// exactly which content, is already rendered as which video, and the file it gave. Written as
// JSON with one row per line, sorted by row key, so a pull request's diff shows exactly the
// videos that changed. Reading is strict: a damaged, conflicted or future-version lock is an
// error naming the file and line, never a reason to render (and pay) again.
import { createHash } from 'node:crypto';
import { UsageError } from '../../shared/errors.js';
import { canonicalJson } from './keys.js';
import * as z from '../../shared/zod-mini.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

export const LOCKFILE_VERSION = 1;

export interface LockEntry {
  /** `sha256:` of the request body after defaults and pre-flight, plus local media (see fingerprintOf). */
  fingerprint: string;
  video_id: string;
  /** When the render was seen finished (ISO 8601). */
  rendered_at: string;
  /** The file in the output folder (a bare name), its size and SHA-256, once downloaded. */
  file?: string;
  bytes?: number;
  sha256?: string;
  /** The row video's translations (translate_to), by language: see translate-column.ts. */
  translations?: Record<string, LockTranslation>;
  /**
   * How long the render took, create to completion, in seconds (issue 28): a fresh machine that
   * reads the committed lock times its polls with it. Information only: never in the
   * fingerprint, never a reason to render or not.
   */
  render_seconds?: number;
}

/** One language of a row's video, translated and saved beside it. */
export interface LockTranslation {
  /** The source video's fingerprint + language + options (translationFingerprint). */
  fingerprint: string;
  id: string;
  file: string;
  bytes: number;
  sha256: string;
}

/** Every translation fingerprint the lock holds: a translation with one of them is not made again. */
export function lockedTranslations(lock: LockFile | undefined): Set<string> {
  const held = new Set<string>();
  // Stryker disable next-line ArrayDeclaration: without a lock, any stand-in element has no translations either
  for (const entry of lock?.rows.values() ?? []) for (const t of Object.values(entry.translations ?? {})) held.add(t.fingerprint);
  return held;
}

/** What the lock says about a row. `missing`: the lock's video is gone from HeyGen (or failed). */
export type LockState = 'up_to_date' | 'changed' | 'new' | 'missing';

export interface LockFile {
  version: number;
  rows: Map<string, LockEntry>;
}

/**
 * What decides a render. The body sent to POST /v3/videos (defaults applied, pre-flighted)
 * plus `media`: the SHA-256 of each local file a row uploads, by field, since the uploaded
 * asset's id changes with every upload while the video would not. Rows that upload media
 * fingerprint their body with the asset ids left out and the hashes in `media`.
 */
export function fingerprintOf(body: unknown, media: Record<string, string> = {}): string {
  return fingerprintText(fingerprintDigest(canonicalJson({ body, media })));
}

/** canonicalJson({ body, media }) of a body whose canonical JSON is known (a plan makes it once a row). */
export function fingerprintInput(canonicalBody: string, media: Record<string, string>): string {
  return `{"body":${canonicalBody},"media":${canonicalJson(media)}}`;
}

/** The fingerprint's SHA-256 as 32 one-byte characters: what a planned row keeps (48 bytes, not 112). */
export function fingerprintDigest(input: string): string {
  return createHash('sha256').update(input).digest('binary');
}

export function fingerprintText(digest: string): string {
  return `sha256:${Buffer.from(digest, 'latin1').toString('hex')}`;
}

const HEX64 = /^[0-9a-f]{64}$/;

const translationSchema = z.strictObject({
  fingerprint: z.string().check(z.regex(/^sha256:[0-9a-f]{64}$/, 'must be "sha256:" and 64 hex digits')),
  id: z.string().check(z.minLength(1, 'is empty'), z.maxLength(200, 'is too long')),
  file: z.string().check(z.maxLength(255, 'is too long'), z.regex(/^[^/\\\0]+$/, 'must be a bare file name (no folders)')),
  bytes: z.number().check(z.int(), z.nonnegative()),
  sha256: z.string().check(z.regex(HEX64, 'must be 64 hex digits')),
});

const entrySchema = z
  .strictObject({
    fingerprint: z.string().check(z.regex(/^sha256:[0-9a-f]{64}$/, 'must be "sha256:" and 64 hex digits')),
    video_id: z.string().check(z.minLength(1, 'is empty'), z.maxLength(200, 'is too long'), z.regex(/^[^\s/\\]+$/, 'must be a video id')),
    rendered_at: z.string().check(z.refine((s: string) => !Number.isNaN(Date.parse(s)), 'must be a date and time (ISO 8601)')),
    file: z.optional(
      z.string().check(
        z.maxLength(255, 'is too long'),
        z.regex(/^[^/\\\0]+$/, 'must be a bare file name (no folders)'),
        z.refine((s: string) => !s.startsWith('.'), 'must be a bare file name (no folders)'),
      ),
    ),
    bytes: z.optional(z.number().check(z.int(), z.nonnegative())),
    sha256: z.optional(z.string().check(z.regex(HEX64, 'must be 64 hex digits'))),
    render_seconds: z.optional(z.number().check(z.positive())),
    translations: z.optional(z.record(z.string().check(z.minLength(1)), translationSchema)),
  })
  .check(
    z.refine(
      (e: { file?: string; bytes?: number; sha256?: string }) =>
        (e.file === undefined) === (e.bytes === undefined) && (e.file === undefined) === (e.sha256 === undefined),
      {
        message: 'file, bytes and sha256 go together',
      },
    ),
  );

const lockSchema = z.strictObject({
  lockfile_version: z.literal(LOCKFILE_VERSION),
  generator: z.optional(z.string()),
  rows: z.record(z.string().check(z.minLength(1)), z.unknown()),
});

const ENTRY_FIELDS = ['fingerprint', 'video_id', 'rendered_at', 'file', 'bytes', 'sha256', 'render_seconds', 'translations'] as const;

/** The lock as text: stable, sorted, one row per line, ending in a newline. */
export function formatLock(lock: LockFile): string {
  const keys = [...lock.rows.keys()].sort(byCodePoint);
  const rows = keys.map((key) => {
    const entry = lock.rows.get(key)!;
    // Stryker disable next-line MethodExpression,ConditionalExpression: JSON.stringify drops undefined fields anyway; the filter keeps the object small
    const ordered = Object.fromEntries(ENTRY_FIELDS.filter((f) => entry[f] !== undefined).map((f) => [f, entry[f]]));
    return `    ${JSON.stringify(key)}: ${JSON.stringify(ordered)}`;
  });
  const head = [`  "lockfile_version": ${LOCKFILE_VERSION},`, '  "generator": "heygen-twin: twin batch run; commit this file",'];
  const body = rows.length ? `  "rows": {\n${rows.join(',\n')}\n  }` : '  "rows": {}';
  return `{\n${head.join('\n')}\n${body}\n}\n`;
}

function byCodePoint(a: string, b: string): number {
  // Stryker disable next-line EqualityOperator,ConditionalExpression: a Map's keys are never equal, and V8's sort only asks whether the result is below 0
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Parses and checks a lock's text; every problem names `path` and its line. */
export function parseLock(text: string, path: string): LockFile {
  const lines = text.split('\n');
  const fail = (line: number, message: string, suggestion: string) =>
    new UsageError(`${path}:${line}: ${message}`, { code: 'invalid_lock', suggestion, details: { file: path, line } });
  const repair = `Restore it from git (\`git checkout -- ${path}\`), or pass --no-lock to run without it; nothing was sent.`;
  const conflict = lines.findIndex((l) => /^(<{7}|={7}|>{7})(\s|$)/.test(l));
  if (conflict >= 0) {
    throw fail(
      conflict + 1,
      'the lock file has git merge conflict markers',
      `Run \`${twinInvocation()} batch lock merge ${path}\`: it keeps the rows of both sides (the newer render of each); then commit it. Nothing was sent.`,
    );
  }
  if (text.trim() === '') throw fail(1, 'the lock file is empty', repair);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const position = Number(/position (\d+)/.exec((error as Error).message)?.[1] ?? text.length);
    throw fail(lineAt(text, position), `the lock file is not valid JSON (${(error as Error).message})`, repair);
  }
  const version = (json as { lockfile_version?: unknown } | null)?.lockfile_version;
  // Stryker disable next-line ConditionalExpression: Number.isInteger is false for anything not a number
  if (typeof version === 'number' && Number.isInteger(version) && version > LOCKFILE_VERSION) {
    throw fail(
      lineOf(lines, '"lockfile_version"'),
      `the lock file has format version ${version}; this heygen-twin reads version ${LOCKFILE_VERSION}`,
      'Upgrade heygen-twin (npm install -g heygen-twin@latest); nothing was sent.',
    );
  }
  const top = lockSchema.safeParse(json);
  if (!top.success) {
    const issue = top.error.issues[0]!;
    const field = String(issue.path[0] ?? '');
    // Stryker disable next-line MethodExpression: zod's messages have no spaces at either end
    throw fail(field ? lineOf(lines, `"${field}"`) : 1, `${field ? `"${field}" ` : ''}${issue.message}`.trim(), repair);
  }
  const rows = new Map<string, LockEntry>();
  for (const [key, raw] of Object.entries(top.data.rows)) {
    const entry = entrySchema.safeParse(raw);
    if (!entry.success) {
      const issue = entry.error.issues[0]!;
      const field = issue.path.length ? `${String(issue.path[0])} ` : '';
      throw fail(lineOf(lines, `${JSON.stringify(key)}:`), `row "${key}": ${field}${issue.message}`, repair);
    }
    rows.set(key, entry.data);
  }
  return { version: top.data.lockfile_version, rows };
}

function lineAt(text: string, position: number): number {
  let line = 1;
  for (let i = 0; i < Math.min(position, text.length); i++) if (text.charCodeAt(i) === 10) line += 1;
  return line;
}

function lineOf(lines: string[], needle: string): number {
  const index = lines.findIndex((l) => l.includes(needle));
  // Stryker disable next-line EqualityOperator: found on the first line (index 0) is line 1 either way
  return index >= 0 ? index + 1 : 1;
}
