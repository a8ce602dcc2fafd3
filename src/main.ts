// The real world wired into a Context: process streams, environment, Ctrl-C. The only
// place that exits the process.
import { runCli } from './cli.js';
import { ExitCode } from './errors.js';

const controller = new AbortController();
let interrupts = 0;
process.on('SIGINT', () => {
  interrupts += 1;
  // A second Ctrl-C means "now": do not wait for the command to tidy up.
  if (interrupts > 1) process.exit(ExitCode.interrupted);
  controller.abort();
});

const code = await runCli(process.argv.slice(2), {
  streams: { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
});
// Exit only after stdout has drained, so piped output is never cut short.
process.stdout.write('', () => process.exit(code));
