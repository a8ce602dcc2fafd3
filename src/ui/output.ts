// Collect, then print: a command builds one plain object and hands it to `result`.
// --json prints it as one document, --quiet prints the ids, people get the human view.
// Data goes to stdout; every other line goes to stderr.
import type { IO } from './io.js';
import { createStyle, type Style } from './style.js';
import { safeJson } from '../shared/plain-text.js';

export type OutputMode = 'human' | 'json' | 'quiet';

export interface Renderers<T> {
  human: (value: T, style: Style) => string;
  /** Bare ids, one a line; defaults to nothing. */
  quiet?: (value: T) => string[];
}

export interface Output {
  readonly mode: OutputMode;
  readonly debugEnabled: boolean;
  readonly style: Style;
  result<T>(value: T, render: Renderers<T>): void;
  /** Progress and notes for people, on stderr; silent with --quiet and --json. */
  info(line: string): void;
  /** Worth seeing even in --json mode (it goes to stderr, so it never breaks a parser). */
  warn(line: string): void;
  debug(line: string): void;
  /** Raw data line on stdout (streams such as JSON lines). */
  data(line: string): void;
}

export function createOutput(io: IO, opts: { json?: boolean; quiet?: boolean; debug?: boolean }): Output {
  const mode: OutputMode = opts.json ? 'json' : opts.quiet ? 'quiet' : 'human';
  const style = createStyle(io.color);
  const write = (stream: NodeJS.WritableStream, text: string) => {
    if (text !== '') stream.write(text.endsWith('\n') ? text : `${text}\n`);
  };
  return {
    mode,
    debugEnabled: Boolean(opts.debug),
    style,
    result(value, render) {
      if (mode === 'json') write(io.stdout, safeJson(value, 2));
      else if (mode === 'quiet') write(io.stdout, (render.quiet?.(value) ?? []).join('\n'));
      else write(io.stdout, render.human(value, style));
    },
    info(line) {
      if (mode === 'human') write(io.stderr, line);
    },
    warn(line) {
      write(io.stderr, `${style.yellow('!')} ${line}`);
    },
    debug(line) {
      if (opts.debug) write(io.stderr, style.dim(`[debug] ${line}`));
    },
    data(line) {
      write(io.stdout, line);
    },
  };
}
