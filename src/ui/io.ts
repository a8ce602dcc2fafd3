// Terminal facts decided once (gh's iostreams): every printer, spinner and prompt reads
// these instead of poking at process.* so commands can be run with fake streams in tests.
import type { Readable, Writable } from 'node:stream';

export interface Streams {
  stdin: Readable & { isTTY?: boolean };
  /** Whether stdin is a terminal, when known without making the stream (src/main.ts). */
  stdinIsTTY?: boolean;
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable & { isTTY?: boolean; columns?: number };
}

export interface IO extends Streams {
  /** stdout is a terminal (tables) rather than a pipe (plain, stable text). */
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  stdinIsTTY: boolean;
  /** Colour escapes allowed on stderr/stdout. */
  color: boolean;
  /** A person can answer a prompt: stdin and stderr are terminals and we are not in CI. */
  canPrompt: boolean;
  /** Spinners and progress bars may animate (stderr is a terminal, not CI). */
  animate: boolean;
  columns: number;
}

interface IoFlags {
  color?: boolean; // --no-color sets false
  noInput?: boolean; // --no-input / --yes style: never prompt
}

export function createIO(streams: Streams, env: Record<string, string | undefined>, flags: IoFlags = {}): IO {
  const stdoutIsTTY = Boolean(streams.stdout.isTTY);
  const stderrIsTTY = Boolean(streams.stderr.isTTY);
  const stdinIsTTY = streams.stdinIsTTY ?? Boolean(streams.stdin.isTTY);
  const ci = isTruthy(env.CI);
  const color = decideColor(env, flags.color, stderrIsTTY || stdoutIsTTY);
  return {
    // Read only when a command reads it: process.stdin makes a stream the first time.
    get stdin() {
      return streams.stdin;
    },
    stdout: streams.stdout,
    stderr: streams.stderr,
    stdoutIsTTY,
    stderrIsTTY,
    stdinIsTTY,
    color,
    canPrompt: stdinIsTTY && stderrIsTTY && !ci && !flags.noInput,
    animate: stderrIsTTY && !ci && env.TERM !== 'dumb',
    columns: streams.stdout.columns || streams.stderr.columns || Number(env.COLUMNS) || 100,
  };
}

function decideColor(env: Record<string, string | undefined>, flag: boolean | undefined, tty: boolean): boolean {
  if (flag === false) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  if (env.TERM === 'dumb') return false;
  return tty;
}

function isTruthy(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}
