// Text files must be UTF-8: a script saved as Latin-1 would otherwise be read with U+FFFD in
// place of every accented letter, and the garbled speech would be rendered (and paid for). The
// decoder is strict; the error says where the first bad byte is (line and column, 1-based).
import { UsageError } from './errors.js';

interface Utf8Position {
  line: number;
  column: number;
}

/** Byte offset of the first invalid UTF-8 sequence, or -1 when the bytes are all valid. */
function invalidUtf8Offset(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    if (i + need >= bytes.length) return i; // cut short at the end
    for (let k = 1; k <= need; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    const c1 = bytes[i + 1]!;
    if ((b === 0xe0 && c1 < 0xa0) || (b === 0xed && c1 > 0x9f) || (b === 0xf0 && c1 < 0x90) || (b === 0xf4 && c1 > 0x8f)) return i;
    i += need + 1;
  }
  return -1;
}

/** Line and column (in characters) of byte `offset`, counted from `start`. */
function positionOf(bytes: Uint8Array, offset: number, start: Utf8Position = { line: 1, column: 1 }): Utf8Position {
  const before = new TextDecoder().decode(bytes.subarray(0, offset));
  const lines = before.split('\n');
  if (lines.length === 1) return { line: start.line, column: start.column + [...before].length };
  return { line: start.line + lines.length - 1, column: [...lines[lines.length - 1]!].length + 1 };
}

function notUtf8(what: string, file: string, at: Utf8Position, flag?: string): UsageError {
  return new UsageError(`${what}: ${file} is not valid UTF-8 (line ${at.line}, column ${at.column}); nothing was sent.`, {
    ...(flag ? { flag } : {}),
    details: { file, line: at.line, column: at.column },
    suggestion: `Save ${file} as UTF-8 (e.g. \`iconv -f latin1 -t utf-8\`), then run again.`,
  });
}

/** The text of a whole file or stdin, refused (exit 2) when it is not UTF-8. */
export function decodeUtf8(bytes: Uint8Array, what: string, file: string, flag?: string): string {
  const offset = invalidUtf8Offset(bytes);
  if (offset >= 0) throw notUtf8(what, file, positionOf(bytes, offset), flag);
  return new TextDecoder().decode(bytes);
}

/**
 * A streaming check for files read in chunks (manifests): each chunk's text, decoded strictly;
 * a sequence cut by a chunk boundary is carried to the next chunk.
 */
export function utf8Stream(what: string, file: string): { decode(chunk: Uint8Array): string; end(): void } {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let at: Utf8Position = { line: 1, column: 1 };
  let carry: Uint8Array = new Uint8Array(0);
  const fail = (bytes: Uint8Array, offset: number): never => {
    throw notUtf8(what, file, positionOf(bytes, offset, at));
  };
  return {
    decode(chunk) {
      const bytes = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      // Up to 3 bytes at the end may be the start of a sequence the next chunk completes.
      let cut = bytes.length;
      for (let k = 1; k <= 3 && k <= bytes.length; k++) {
        const b = bytes[bytes.length - k]!;
        if ((b & 0xc0) === 0x80) continue;
        const len = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
        if (len > k) cut = bytes.length - k;
        break;
      }
      const whole = bytes.subarray(0, cut);
      const offset = invalidUtf8Offset(whole);
      if (offset >= 0) fail(whole, offset);
      carry = Uint8Array.from(bytes.subarray(cut));
      const text = decoder.decode(whole, { stream: true });
      at = positionOf(whole, whole.length, at);
      return text;
    },
    end() {
      if (carry.length) fail(carry, 0);
    },
  };
}
