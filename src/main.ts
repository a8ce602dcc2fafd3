// The real world wired into a Context: process streams, environment, Ctrl-C. The only
// place that exits the process.
import { isatty } from 'node:tty';
import { runCli } from './cli.js';
import { ExitCode } from './shared/errors.js';
import { guardStandardStreams } from './ui/pipes.js';

// startup/start.ts sets V8's flags (before compiling this script: V8 accepts a code cache only
// under the flags it was made with) and runs it.

const streams = guardStandardStreams(process.stdout, process.stderr, (code) => process.exit(code));

const controller = new AbortController();
let interrupts = 0;
// SIGTERM (a script's `kill`, a CI job being cancelled) gets the same tidy stop as Ctrl-C.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    interrupts += 1;
    // A second signal means "now": do not wait for the command to tidy up.
    if (interrupts > 1) process.exit(ExitCode.interrupted);
    controller.abort();
  });
}

void runCli(process.argv.slice(2), {
  streams: {
    // process.stdin is a getter that makes a stream (and loads node:fs's stream code): only a
    // command that reads stdin pays for it.
    get stdin() {
      return process.stdin;
    },
    stdinIsTTY: isatty(0),
    stdout: process.stdout,
    stderr: process.stderr,
  },
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
  // Exit only after stdout has drained, so piped output is never cut short.
}).then((code) => streams.exitWhenFlushed(code));
