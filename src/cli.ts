// Parses argv with commander, builds the Context from the global flags, runs the chosen
// command and turns whatever it throws into an exit code. Never exits the process itself,
// so tests run whole command lines in-process against the sandbox.
import { CommanderError, type Command } from 'commander';
import { ExitCode, InterruptedError } from './shared/errors.js';
import { createContext, type ContextInit, type GlobalOptions } from './ui/context.js';
import type { Act } from './commands/types.js';
import { buildProgram } from './program.js';
import { createIO } from './ui/io.js';
import { reportError } from './ui/report-error.js';
import { wrapHelp } from './ui/help-wrap.js';
import { explainRefusedKey } from './ui/refused-key.js';
import { twinCommand } from './ui/invocation.js';
import { setTwinInvocation, twinInvocation } from './shared/twin-invocation.js';

export async function runCli(argv: string[], init: Omit<ContextInit, 'globals'>): Promise<number> {
  let exitCode: number = ExitCode.ok;
  let globals: GlobalOptions = guessGlobals(argv);
  // Every command line twin prints starts the way twin runs here (worked out only if one is printed).
  setTwinInvocation(() => twinCommand(init.env, init.cwd));

  const act: Act =
    (load) =>
    async (...params) => {
      const command = params[params.length - 1] as Command;
      globals = pickGlobals(command.optsWithGlobals());
      const ctx = createContext({ ...init, globals, argv });
      try {
        const { run } = await load();
        let tree = command;
        while (tree.parent) tree = tree.parent;
        exitCode = (await run(ctx, { args: params.slice(0, -2), opts: command.opts(), tree })) ?? ExitCode.ok;
      } finally {
        await ctx.dispose();
      }
    };

  const program = buildProgram(act, argv);
  configureCommanderOutput(program, init, () => globals);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return commanderExit(error);
    const io = createIO(init.streams, init.env, { color: globals.color });
    return reportError(explainRefusedKey(asInterrupt(error, init.signal), init.env), io, globals);
  }
}

function pickGlobals(all: Record<string, unknown>): GlobalOptions {
  return {
    json: Boolean(all.json),
    quiet: Boolean(all.quiet),
    debug: Boolean(all.debug),
    color: all.color !== false,
    input: all.input !== false,
  };
}

/** Before commander has parsed anything (its own errors), read the flags by hand. */
function guessGlobals(argv: string[]): GlobalOptions {
  return { json: argv.includes('--json'), debug: argv.includes('--debug'), color: !argv.includes('--no-color') };
}

function fitHelp(text: string, columns: number | undefined): string {
  return columns ? wrapHelp(text, columns) : text;
}

function configureCommanderOutput(program: Command, init: Omit<ContextInit, 'globals'>, globals: () => GlobalOptions): void {
  const apply = (command: Command) => {
    command.exitOverride();
    command.configureOutput({
      // Help wraps to the real terminal, and to a fixed 80 columns in pipes (stable snapshots;
      // there, whole example lines stay greppable).
      writeOut: (text) => init.streams.stdout.write(fitHelp(text, init.streams.stdout.columns)),
      writeErr: (text) => init.streams.stderr.write(globals().json ? text : fitHelp(text, init.streams.stderr.columns)),
      getOutHelpWidth: () => init.streams.stdout.columns ?? 80,
      getErrHelpWidth: () => init.streams.stderr.columns ?? 80,
      outputError: (text, write) => {
        const message = text.replace(/^error: /, '').trim();
        const path = commandPath(command);
        const hint = /^too many arguments/.test(message) ? EXCESS_ARGUMENT_HINTS[path]?.() : undefined;
        if (globals().json) {
          const flag = flagOf(message);
          const error = {
            code: 'usage_error',
            message,
            exit_code: ExitCode.usage,
            ...(hint ? { suggestion: hint } : {}),
            ...(flag ? { flag } : {}),
          };
          write(`${JSON.stringify({ error })}\n`);
        } else {
          write(`Error: ${message}\n  → ${hint ?? `See \`${path.replace(/^twin\b/, twinInvocation())} --help\` for usage.`}\n`);
        }
      },
    });
    command.commands.forEach(apply);
  };
  apply(program);
}

/** The flag commander's own error is about ("option '--fit <fit>' argument missing", "unknown option '--lok'"). */
function flagOf(message: string): string | undefined {
  return /\boption '(-{1,2}[A-Za-z0-9][\w-]*)/.exec(message)?.[1];
}

/** What a stray word on these command lines most likely meant. */
const EXCESS_ARGUMENT_HINTS: Record<string, () => string> = {
  'twin video create': () =>
    `The script is not an argument: pass it with --script "Hello" (or --script-file PATH), e.g. ${twinInvocation()} video create --look <look-id> --script "Hello".`,
};

function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

function commanderExit(error: CommanderError): number {
  if (['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code)) return ExitCode.ok;
  // Commander already printed the message; a bad command line is a usage error.
  return ExitCode.usage;
}

function asInterrupt(error: unknown, signal: AbortSignal | undefined): unknown {
  if (signal?.aborted && error instanceof Error && error.name === 'AbortError') {
    return new InterruptedError('Interrupted; nothing more was sent.');
  }
  return error;
}
