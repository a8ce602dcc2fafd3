// The real world wired into a Context: process streams, environment, Ctrl-C. The only
// place that exits the process.
import { setFlagsFromString } from 'node:v8';
import { runCli } from './cli.js';
import { ExitCode } from './errors.js';
import { guardStandardStreams } from './ui/pipes.js';

// undici parses HTTP with a WebAssembly build of llhttp. V8's optimising tier-up of it costs
// ~35 MB of memory per process and, worse, ~250 ms at exit waiting for the background compile:
// a short-lived CLI never profits from it (measured: `twin looks list` 530 → 250 ms wall).
setFlagsFromString('--liftoff-only');
// Node 24 ignores --liftoff-only set at run time but honours the tier-up budget, read when a
// wasm module is compiled (llhttp: at the first connection). Measured on a 1 GiB download,
// Node 24: peak RSS 99 → 88 MiB (the optimising compile's memory); no change on Node 20.
setFlagsFromString('--wasm-tiering-budget=1000000000');

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

const code = await runCli(process.argv.slice(2), {
  streams: { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
});
// Exit only after stdout has drained, so piped output is never cut short.
streams.exitWhenFlushed(code);
