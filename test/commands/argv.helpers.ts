// argv → options: parse a command line with the real commander tree (registration, defaults,
// choices) and hand back what the command's run function would receive.
import type { Command } from 'commander';
import { buildProgram } from '../../src/program.js';

export async function parseArgv(argv: string[]): Promise<{ args: unknown[]; opts: Record<string, unknown> }> {
  let seen: { args: unknown[]; opts: Record<string, unknown> } | undefined;
  const program = buildProgram(() => async (...params: unknown[]) => {
    const command = params[params.length - 1] as Command;
    seen = { args: params.slice(0, -2), opts: command.opts() };
  });
  const quiet = (c: Command): void => {
    c.exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
    c.commands.forEach(quiet);
  };
  quiet(program);
  await program.parseAsync(argv, { from: 'user' });
  if (!seen) throw new Error(`no command ran for: ${argv.join(' ')}`);
  return seen;
}
