// `twin auth logout`: forgets the saved key. An environment key cannot be removed from
// here, so we say plainly that twin still has one.
import type { Context } from '../../context.js';
import { credentialsPath, removeApiKey } from '../../config/credentials.js';
import type { CommandInput } from '../types.js';

export async function run(ctx: Context, _input: CommandInput): Promise<void> {
  const file = credentialsPath(ctx.env);
  const removed = await removeApiKey(ctx.env);
  const envKeyRemains = Boolean(ctx.env.HEYGEN_API_KEY?.trim());
  if (envKeyRemains) {
    ctx.out.warn('HEYGEN_API_KEY is still set in this environment, so twin still has a key; unset it to log out fully.');
  }
  ctx.out.result(
    { removed, key_file: file, env_key_remains: envKeyRemains },
    {
      human: (v, s) => (v.removed ? `${s.green('✔')} Removed the saved key (${file}).` : `No saved key to remove (${file}).`),
      quiet: () => [],
    },
  );
}
