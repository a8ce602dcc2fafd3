// Text a command reads from a file or from stdin (`-`): UTF-8 checked, bounded, never from a FIFO
// or device (reading one would wait forever), errors naming the flag. video create's
// --script-file and --data, twin say's text.
import { resolve } from 'node:path';
import { UsageError } from '../shared/errors.js';
import { NOT_REGULAR, readRegularFile } from '../shared/safe-fs.js';
import { decodeUtf8 } from '../shared/utf8.js';
import type { Context } from './context-types.js';

/** More than any script or body a command takes; stops `twin say - < big.iso`. */
const MAX_TEXT_BYTES = 10 * 1024 * 1024;

export async function readUserText(ctx: Pick<Context, 'cwd'>, path: string, flag: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = readRegularFile(resolve(ctx.cwd, path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a folder'
          : code === 'EACCES'
            ? 'permission denied'
            : code === NOT_REGULAR
              ? 'it is not a regular file: a FIFO, socket or device'
              : (error as Error).message;
    throw new UsageError(`${flag}: cannot read ${path} (${why}).`, {
      flag,
      details: { file: path },
      suggestion: 'Check the path (relative paths start at the current folder).',
    });
  }
  if (bytes.length > MAX_TEXT_BYTES) throw new UsageError(`${flag}: ${path} is larger than ${MAX_TEXT_BYTES} bytes.`, { flag });
  return decodeUtf8(bytes, flag, path, flag);
}

export async function readStdinText(ctx: Pick<Context, 'io' | 'out'>, what: string, flag: string): Promise<string> {
  if (ctx.io.stdinIsTTY) ctx.out.info(`Reading ${what} from stdin; end with Ctrl-D.`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.io.stdin) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += b.length;
    if (size > MAX_TEXT_BYTES) throw new UsageError(`${flag}: stdin holds more than ${MAX_TEXT_BYTES} bytes.`, { flag });
    chunks.push(b);
  }
  return decodeUtf8(Buffer.concat(chunks), flag, 'stdin', flag);
}
