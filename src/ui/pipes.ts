// stdout and stderr failing under us. `twin … | head -1` closes the pipe early: like `ls | head`
// that is no failure, so twin stops quietly with exit 0. Any other write error on stdout (a full
// disk with `> /dev/full`, a file on a read-only disk) is one line on stderr and exit 1, never
// a stack trace. A broken stderr leaves nowhere to report to: the exit code says the rest.
import { errnoOf, fileSystemError } from '../shared/safe-fs.js';

interface Out {
  on(event: 'error', listener: (error: Error) => void): unknown;
  write(text: string, callback?: (error?: Error | null) => void): unknown;
  readonly errored?: Error | null;
}

interface GuardedStreams {
  /** Exits with `code` once stdout has drained, or as a failed write requires. */
  exitWhenFlushed(code: number): void;
}

export function guardStandardStreams(stdout: Out, stderr: Out, exit: (code: number) => void): GuardedStreams {
  let failed = false;
  const fail = (error: Error) => {
    if (failed) return;
    failed = true;
    if (errnoOf(error) === 'EPIPE') return exit(0);
    try {
      stderr.write(`Error: ${fileSystemError(error, 'standard output', 'write').message}\n`);
    } catch {
      // stderr is gone too
    }
    exit(1);
  };
  stdout.on('error', fail);
  stderr.on('error', () => {});
  return {
    exitWhenFlushed(code) {
      // A write that failed earlier makes this callback report a secondary error (stream
      // destroyed): the first one, kept in `errored`, is the one to report.
      stdout.write('', (error) => (error || stdout.errored ? fail(stdout.errored ?? error!) : exit(code)));
    },
  };
}
