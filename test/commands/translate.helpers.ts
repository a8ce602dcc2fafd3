// Runs `twin translate …` and `twin translations …` in-process before program.ts registers them:
// the real program from buildProgram plus the two nouns attached through their register functions,
// with runCli's act (context, run, exit code, error report). Delete once the lead wires them.
import { CommanderError, type Command } from 'commander';
import { PassThrough } from 'node:stream';
import { registerTranslate } from '../../src/commands/translate/register.js';
import { registerTranslations } from '../../src/commands/translations/register.js';
import type { Act } from '../../src/commands/types.js';
import { buildProgram } from '../../src/program.js';
import { ExitCode } from '../../src/shared/errors.js';
import { createContext, type GlobalOptions } from '../../src/ui/context.js';
import { createIO } from '../../src/ui/io.js';
import { reportError } from '../../src/ui/report-error.js';
import { tempDir, testEnv, type RunOptions, type RunResult } from '../helpers/harness.js';

function stream(): PassThrough & { text(): string } {
  const s = new PassThrough() as PassThrough & { text(): string };
  const chunks: Buffer[] = [];
  s.on('data', (c: Buffer) => chunks.push(c));
  s.text = () => Buffer.concat(chunks).toString('utf8');
  return s;
}

export async function runTranslate(argv: string[], opts: RunOptions = {}): Promise<RunResult> {
  const stdout = stream();
  const stderr = stream();
  const stdin = new PassThrough();
  stdin.end('');
  const init = {
    streams: { stdin, stdout, stderr },
    env: testEnv(opts),
    cwd: opts.cwd ?? tempDir('twin-cwd-'),
    now: opts.now,
    sleep: opts.sleep ?? (async () => {}),
    signal: opts.signal,
    clientOptions: { maxRetries: 2, ...opts.clientOptions },
  };
  let exitCode: number = ExitCode.ok;
  const globals: GlobalOptions = { json: argv.includes('--json'), quiet: argv.includes('--quiet') || argv.includes('-q') };
  const act: Act =
    (load) =>
    async (...params) => {
      const command = params[params.length - 1] as Command;
      const all = command.optsWithGlobals();
      const g = { json: Boolean(all.json), quiet: Boolean(all.quiet), color: false, input: false };
      const ctx = createContext({ ...init, globals: g, argv });
      try {
        const { run } = await load();
        exitCode = (await run(ctx, { args: params.slice(0, -2), opts: command.opts() })) ?? ExitCode.ok;
      } finally {
        await ctx.dispose();
      }
    };
  const program = buildProgram(act, argv);
  registerTranslate(program.command('translate').description('Translate a finished video into many languages'), act);
  registerTranslations(program.command('translations').description('Video translations'), act);
  program.exitOverride();
  for (const c of program.commands) c.exitOverride();
  program.configureOutput({ writeOut: (t) => stdout.write(t), writeErr: (t) => stderr.write(t) });
  let code: number;
  try {
    await program.parseAsync(argv, { from: 'user' });
    code = exitCode;
  } catch (error) {
    if (error instanceof CommanderError) code = error.exitCode === 0 ? 0 : ExitCode.usage;
    else code = reportError(error, createIO(init.streams, init.env, { color: false }), globals);
  }
  await new Promise((r) => setImmediate(r));
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
