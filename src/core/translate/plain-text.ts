// Language names and titles are one line of plain text: a control character (a newline, an
// escape sequence) would forge lines in the terminal, in the HeyGen dashboard and in file names,
// so it is refused before anything is sent (exit 2), and never echoed raw.
import { UsageError } from '../../shared/errors.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

export function assertPlainText(value: string, flag: string, what: string): void {
  if (!CONTROL.test(value)) return;
  throw new UsageError(
    `${flag}: the ${what} ${JSON.stringify(value)} holds a control character (a line break, tab or escape); give it on one line.`,
    {
      flag,
    },
  );
}
