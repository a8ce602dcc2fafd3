// Names and titles are one line of plain text: a control character (a newline, an escape
// sequence) would forge lines in the terminal, in the HeyGen dashboard and in file names, so it
// is refused before anything is sent (exit 2), and never echoed raw, not even in the refusal.
import { UsageError } from './errors.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
/** Invisible formatting (direction marks, zero-width spaces): allowed inside text, but not all of it. */
const INVISIBLE = /[\p{Cf}\s]/gu;

/** `value` in quotes with every control character written as \uXXXX (JSON.stringify leaves C1 and U+2028 raw). */
function quoted(value: string): string {
  return JSON.stringify(value).replace(CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
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
