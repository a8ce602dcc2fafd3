// The one renderer for failures: a TwinError becomes a short block on stderr (or one JSON
// object with --json); anything else is an unexpected error, with the stack only under --debug.
import { ExitCode, isTwinError, type ExitCodeValue, type TwinError } from '../shared/errors.js';
import { fileSystemError, isFileSystemErrno, type FileAction } from '../shared/safe-fs.js';
import type { IO } from './io.js';
import { createStyle } from './style.js';
import { withFlagNames } from '../shared/flag-names.js';
import { INPUT_NAMES } from '../core/video/input.js';

export function reportError(thrown: unknown, io: IO, opts: { json?: boolean; debug?: boolean }): ExitCodeValue {
  // A file-system failure no command wrapped is still named for what it is, never "a bug".
  const error = strayFileError(thrown) ?? thrown;
  const style = createStyle(io.color);
  const known = isTwinError(error);
  const exitCode = known ? error.exitCode : ExitCode.api;
  // The library's words for inputs (`voiceSpeed`) become the flags a person types here.
  const message = asFlags(error instanceof Error ? error.message : String(error));
  const suggestion = known && error.suggestion ? asFlags(error.suggestion) : undefined;
  if (opts.json) {
    const body = known
      ? { code: error.code, message, exit_code: exitCode, ...(suggestion ? { suggestion } : {}), ...flagDetails(error.details) }
      : { code: 'unexpected_error', message, exit_code: exitCode };
    io.stderr.write(`${JSON.stringify({ error: body })}\n`);
  } else {
    const lines = [`${style.red('Error:')} ${message}`];
    if (known) {
      const facts = describeDetails({ ...(error.details.status !== undefined ? { code: error.code } : {}), ...error.details });
      if (facts) lines.push(style.dim(`  ${facts}`));
      lines.push(...describeItems(error.details.errors).map((line) => style.dim(`  ${line}`)));
      if (suggestion) lines.push(`  ${style.cyan('→')} ${suggestion}`);
    } else if (!opts.debug) {
      lines.push(`  ${style.cyan('→')} This looks like a bug in twin. Run again with --debug for details and report it.`);
    }
    io.stderr.write(`${lines.join('\n')}\n`);
  }
  if (opts.debug && error instanceof Error && error.stack) io.stderr.write(`${style.dim(error.stack)}\n`);
  return exitCode;
}

/** A message of the library's, worded for the command line (shared/flag-names.ts). */
export function asFlags(text: string): string {
  return withFlagNames(text, INPUT_NAMES);
}

/** `problems` as the README documents them in --json: `{flag, message}`, messages in flags. */
function flagDetails(details: Record<string, unknown>): Record<string, unknown> {
  if (!Array.isArray(details.problems)) return details;
  const problems = (details.problems as Array<Record<string, unknown>>).map(({ field: _field, ...p }) =>
    typeof p.message === 'string' ? { ...p, message: asFlags(p.message) } : p,
  );
  return { ...details, problems };
}

const FILE_SYSCALLS: Record<string, FileAction> = {
  open: 'open',
  read: 'read',
  stat: 'read',
  lstat: 'read',
  scandir: 'read',
  access: 'read',
  write: 'write',
  fsync: 'write',
  copyfile: 'write',
  rename: 'replace',
  link: 'write',
  symlink: 'write',
  chmod: 'write',
  fchmod: 'write',
  mkdir: 'create',
  mkdtemp: 'create',
  unlink: 'remove',
  rmdir: 'remove',
  rm: 'remove',
};

/** A Node errno error from a file call (it names a path or a file syscall), as a TwinError. */
function strayFileError(error: unknown): TwinError | undefined {
  if (isTwinError(error) || !isFileSystemErrno(error)) return undefined;
  const { path, syscall } = error as NodeJS.ErrnoException;
  const action = syscall ? FILE_SYSCALLS[syscall] : undefined;
  if (path === undefined && action === undefined) return undefined; // a socket, not a file
  return fileSystemError(error, path ?? 'a file', action ?? 'open');
}

const LABELS: Record<string, string> = {
  code: 'code',
  status: 'HTTP',
  param: 'param',
  flag: 'flag',
  file: 'file',
  key: 'key',
  endpoint: 'endpoint',
  request_id: 'request id',
};

const MAX_ITEMS = 10;

/** The API's optional `errors[]` details (contract §1.4), one line each: `- path: message (code)`. */
function describeItems(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  const lines = raw.slice(0, MAX_ITEMS).map((item: { code?: unknown; message?: unknown; path?: unknown }) => {
    const text = [item.message, item.code && item.message ? `(${String(item.code)})` : item.code].filter(Boolean).map(String).join(' ');
    return `- ${item.path ? `${String(item.path)}: ` : ''}${text || 'no details'}`;
  });
  if (raw.length > MAX_ITEMS) lines.push(`… and ${raw.length - MAX_ITEMS} more`);
  return lines;
}

function describeDetails(details: Record<string, unknown>): string {
  return Object.entries(LABELS)
    .filter(([key]) => details[key] !== undefined && details[key] !== '')
    .map(([key, label]) => `${label}: ${String(details[key])}`)
    .join(' · ');
}
