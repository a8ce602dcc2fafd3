// `twin auth logout [--base URL]`: forgets the key saved for one API base (the current one by
// default); the other hosts' keys stay. An environment key cannot be removed from here, so we
// say plainly that twin still has one.
import type { Context } from '../../ui/context-types.js';
import { credentialsPath, removeApiKey, savedHosts } from '../../config/credentials.js';
import { parseOptions } from '../options.js';
import type { CommandInput } from '../types.js';
import { targetBase } from '../../ui/account.js';
import * as z from '../../shared/zod-mini.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

const Options = z.object({ base: z.optional(z.string()) });

export async function run(ctx: Context, input: CommandInput): Promise<void> {
  const base = targetBase(ctx, parseOptions(Options, input.opts).base);
  const file = credentialsPath(ctx.env);
  const removed = await removeApiKey(ctx.env, base);
  const others = savedHosts(ctx.env);
  const envKeyRemains = Boolean(ctx.env.HEYGEN_API_KEY?.trim());
  if (envKeyRemains) {
    ctx.out.warn('HEYGEN_API_KEY is still set in this environment, so twin still has a key; unset it to log out fully.');
  }
  ctx.out.result(
    { removed, api_base: base, key_file: file, env_key_remains: envKeyRemains, saved_hosts: others },
    {
      human: (v, s) => {
        const head = v.removed
          ? `${s.green('✔')} Removed the saved key for ${base} (${file}).`
          : `No saved key for ${base} to remove (${file}).`;
        return others.length ? `${head}\n  Keys stay saved for ${others.join(', ')} (${twinInvocation()} auth logout --base URL).` : head;
      },
      quiet: () => [],
    },
  );
}
