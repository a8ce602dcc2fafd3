// Language names and titles are one line of plain text: a control character (a newline, an
// escape sequence) would forge lines in the terminal, in the HeyGen dashboard and in file names,
// so it is refused before anything is sent (exit 2), and never echoed raw.
import { UsageError } from '../../shared/errors.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
/** What JSON.stringify leaves raw: DEL, the C1 controls (U+009B starts an escape in some terminals), line separators. */
const LEFT_RAW = /[\u007f-\u009f\u2028\u2029]/g;

export function assertPlainText(value: string, flag: string, what: string): void {
  if (!CONTROL.test(value)) return;
  const shown = JSON.stringify(value).replace(LEFT_RAW, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  throw new UsageError(`${flag}: the ${what} ${shown} holds a control character (a line break, tab or escape); give it on one line.`, {
    flag,
  });
}
