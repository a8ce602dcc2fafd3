// A row's `script_file` column: the script read from a file beside the manifest, once per file
// (a cache), strictly UTF-8 (a Latin-1 file would be rendered garbled, and paid for), never from a
// FIFO or device (reading one would wait forever).
import { resolve } from 'node:path';
import { UsageError } from '../../shared/errors.js';
import { readRegularFile } from '../../shared/safe-fs.js';
import { decodeUtf8 } from '../../shared/utf8.js';
import type { CellProblem, RowFields } from './columns.js';

export function readScript(
  fields: RowFields,
  baseDir: string,
  cache: Map<string, string | Error>,
  report: (p: CellProblem) => void,
): string | undefined {
  if (fields.scriptFile === undefined) return undefined;
  const column = fields.columnOf.scriptFile ?? 'script_file';
  if (fields.input.script !== undefined) {
    report({ column, message: `cannot be combined with column "${fields.columnOf.script}": give the script one way` });
    return undefined;
  }
  const path = resolve(baseDir, fields.scriptFile);
  let text = cache.get(path);
  if (text === undefined) {
    try {
      // BOM and CRLF dropped, as in the manifest itself: a Windows checkout is the same video.
      // Strict, as --script-file: a Latin-1 file read leniently would be rendered garbled (and paid for).
      // A FIFO or device is refused at once (readRegularFile): reading one would wait forever.
      text = decodeUtf8(readRegularFile(path), 'script_file', fields.scriptFile)
        .replace(/^\ufeff/, '')
        .replace(/\r\n/g, '\n');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      text = new Error(
        error instanceof UsageError
          ? error.message.replace(/^script_file: /, '').replace(/; nothing was sent\.$/, '')
          : code === 'ENOENT'
            ? `no such file: ${path} (paths are relative to the manifest's folder)`
            : `cannot read ${path}: ${(error as Error).message}`,
      );
    }
    cache.set(path, text);
  }
  if (text instanceof Error) {
    report({ column, message: text.message });
    return undefined;
  }
  if (text.trim() === '') report({ column, message: `${path} is empty` });
  return text.replace(/\s+$/, '');
}
