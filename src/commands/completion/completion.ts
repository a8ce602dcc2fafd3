// `twin completion [shell]`: prints a completion script generated from the live command
// tree. The shell defaults to the one in $SHELL.
import { basename } from 'node:path';
import type { Context } from '../../ui/context-types.js';
import { UsageError } from '../../shared/errors.js';
import { VERSION } from '../../shared/version.js';
import type { CommandInput } from '../types.js';
import { bashScript } from './bash.js';
import { fishScript } from './fish.js';
import { describeTree, type CommandSpec } from './tree.js';
import { zshScript } from './zsh.js';
import { SHELLS, type Shell } from './shells.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

const RENDER: Record<Shell, (specs: CommandSpec[], version: string) => string> = { bash: bashScript, zsh: zshScript, fish: fishScript };

export async function run(ctx: Context, input: CommandInput): Promise<number | void> {
  if (input.opts.refresh) return refreshNow(ctx);
  const shell = pickShell(input.args[0] as string | undefined, ctx.env.SHELL);
  // The tree is handed in by the runner (no import of program.ts: it registers this command).
  if (!input.tree) throw new Error('completion needs the command tree');
  const script = completionScript(shell, input.tree);
  ctx.out.result({ shell, script }, { human: (v) => v.script, quiet: (v) => [v.script] });
}

export function completionScript(shell: Shell, program: Parameters<typeof describeTree>[0]): string {
  return RENDER[shell](describeTree(program), VERSION);
}

function pickShell(given: string | undefined, loginShell: string | undefined): Shell {
  if (given) return given as Shell; // commander already checked it against SHELLS
  const guess = loginShell ? basename(loginShell) : '';
  if ((SHELLS as readonly string[]).includes(guess)) return guess as Shell;
  const why = loginShell ? `$SHELL is ${loginShell}, and twin has completion for ${SHELLS.join(', ')} only` : '$SHELL is not set';
  throw new UsageError(`Which shell? ${why}.`, {
    details: { argument: 'shell' },
    suggestion: `Name it: ${twinInvocation()} completion ${SHELLS.join('|')}`,
  });
}

/** `twin completion --refresh`: the look and voice ids for completion, fetched now. */
async function refreshNow(ctx: Context): Promise<number> {
  const { refreshCache } = await import('./live.js');
  const done = await refreshCache(ctx);
  if (!done)
    throw new (await import('../../shared/errors.js')).AuthError(
      'No API key for this API base: completion of look and voice ids needs one (nothing was sent).',
    );
  ctx.out.result(
    { cache: done.dir, looks: done.looks, voices: done.voices },
    {
      human: (v) =>
        v.looks < 0
          ? `Another refresh is running; the cache in ${v.cache} is being written.`
          : `Cached ${v.looks} look ids and ${v.voices} voice ids for completion in ${v.cache}.`,
      quiet: () => [],
    },
  );
  return 0;
}
