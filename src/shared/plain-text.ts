// Names and titles are one line of plain text: a control character (a newline, an escape
// sequence) would forge lines in the terminal, in the HeyGen dashboard and in file names, so it
// is refused before anything is sent (exit 2), and never echoed raw, not even in the refusal.
import { UsageError } from './errors.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
/** The controls JSON.stringify leaves raw (it escapes U+0000–U+001F itself; its indentation is made of them). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const RAW_IN_JSON = /[\u007f-\u009f\u2028\u2029]/g;
/** Invisible formatting (direction marks, zero-width spaces): allowed inside text, but not all of it. */
const INVISIBLE = /[\p{Cf}\s]/gu;

/**
 * `value` as JSON with every control character written as \uXXXX: safe to print. JSON.stringify
 * leaves DEL, the C1 controls (U+009B starts a terminal command) and U+2028/9 raw; the escaped
 * form is the same JSON to any parser.
 */
export function safeJson(value: unknown, space?: number): string {
  return (JSON.stringify(value, null, space) ?? String(value)).replace(
    RAW_IN_JSON,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** `value` quoted for a message (see safeJson). */
export const quoted = (value: unknown): string => safeJson(value);

/** One line with something visible in it: what a title or name must be. */
export function isPlainTitle(value: string): boolean {
  return !CONTROL.test(value) && value.replace(INVISIBLE, '') !== '';
}

export function assertPlainText(value: string, flag: string, what: string): void {
  if (!CONTROL.test(value)) return;
  throw new UsageError(
    `${flag}: the ${what} ${quoted(value)} holds a control character (a line break, tab or escape); give it on one line.`,
    {
      flag,
    },
  );
}

/** A title or name as sent: trimmed, one line, and with something visible in it (exit 2 otherwise). */
export function plainTitle(value: string, flag: string, what = 'title'): string {
  assertPlainText(value, flag, what);
  const trimmed = value.trim();
  if (trimmed.replace(INVISIBLE, '') === '') throw new UsageError(`${flag}: needs a ${what}; it must not be empty.`, { flag });
  return trimmed;
}
