// The exact command that re-sends a create whose outcome is unknown (Ctrl-C mid-request, a lost
// connection, a garbled answer) with the same Idempotency-Key: the API replays the first result,
// so running it can never pay twice. It keeps every other flag of the command as typed; when
// the request came from stdin (which cannot be read twice) or from the wizard, it spells the
// request out instead.
import { isOutcomeUnknown, OutcomeUnknownError } from '../../shared/errors.js';
import { shellJoin } from '../../shared/shell-quote.js';
import { twinInvocation } from '../../shared/twin-invocation.js';
import { toCommandLine, type VideoInput } from './request.js';
import type { FollowOptions } from '../download/video-files.js';

/** The output flags of the run, repeated in a spelled-out command. */
interface OutputFlags {
  json?: boolean;
  quiet?: boolean;
}

interface RerunSource {
  /** `video create` argv as typed (after `twin`), when it can be run again as it is. */
  argv?: readonly string[];
  input: Partial<VideoInput>;
  data?: Record<string, unknown>;
  follow?: FollowOptions;
}

const KEY_FLAG = '--idempotency-key';

/** The command line (POSIX-quoted) that re-sends the same request with `key`. */
export function rerunCommand(globals: OutputFlags, source: RerunSource, key: string): string {
  if (source.argv) return `${twinInvocation()} ${shellJoin([...withoutKey(source.argv), KEY_FLAG, key])}`;
  const data = source.data && Object.keys(source.data).length > 0 ? ['--data', JSON.stringify(source.data)] : [];
  const output = [...(globals.json ? ['--json'] : []), ...(globals.quiet ? ['--quiet'] : [])];
  return toCommandLine(source.input, [...data, ...followFlags(source.follow), ...output, KEY_FLAG, key]);
}

/**
 * A failed create whose result may exist: the same error, with the exact re-send command as its
 * suggestion (and `rerun` in --json). Anything else is returned as it is.
 */
export function withRerunCommand(globals: OutputFlags, error: unknown, source: RerunSource): unknown {
  if (!isOutcomeUnknown(error)) return error;
  const command = rerunCommand(globals, source, error.idempotencyKey);
  return new OutcomeUnknownError(error.message, {
    idempotencyKey: error.idempotencyKey,
    reason: error.reason,
    endpoint: error.endpoint,
    suggestion: `Do not start a new create (it could be charged twice). Re-send this one with the same key; the API replays the first result for 24 h:\n    ${command}`,
    details: { ...error.details, rerun: command },
    cause: error.cause ?? error,
  });
}

/** argv without any --idempotency-key (as `--flag value` or `--flag=value`). */
function withoutKey(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--') {
      out.push(...argv.slice(i));
      break;
    }
    if (word === KEY_FLAG) i++;
    else if (!word.startsWith(`${KEY_FLAG}=`)) out.push(word);
  }
  return out;
}

function followFlags(follow: FollowOptions | undefined): string[] {
  if (!follow) return [];
  const words: string[] = [];
  if (follow.download === true) words.push('--download');
  else if (typeof follow.download === 'string') words.push('--download', follow.download);
  else if (follow.wait) words.push('--wait');
  if (follow.force) words.push('--force');
  if (follow.captioned) words.push('--captioned');
  if (follow.thumbnail) words.push('--thumbnail');
  if (follow.timeoutMs !== undefined) words.push('--timeout', `${follow.timeoutMs}ms`);
  if (follow.intervalMs !== undefined) words.push('--interval', `${follow.intervalMs}ms`);
  return words;
}
