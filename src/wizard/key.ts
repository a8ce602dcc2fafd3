// Step 1: a key. Without one, offer `auth login` inline: ask (masked), check it against
// /v3/users/me as `twin auth login` does, store it 0600. No other step runs without a key.
import { AuthError } from '../shared/errors.js';
import { storeApiKey } from '../config/credentials.js';
import { resolveBaseUrl } from '../api/base-url.js';
import { describeUser, fetchMe, userLabel } from '../ui/account.js';
import type { Context } from '../ui/context-types.js';
import type { StepOutcome } from './state.js';
import { say } from './ui.js';
import { twinInvocation } from '../shared/twin-invocation.js';

export async function ensureKey(ctx: Context): Promise<StepOutcome> {
  try {
    await ctx.apiKey();
    return;
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
  }
  say(ctx, `No HeyGen API key is set yet (HEYGEN_API_KEY or \`${twinInvocation()} auth login\`).`);
  const login = await ctx.prompt.confirm({ message: 'Log in now with your HeyGen API key?', default: true });
  if (!login) {
    throw new AuthError('No HeyGen API key is set.', {
      suggestion: `Run \`${twinInvocation()} auth login\` or set HEYGEN_API_KEY, then run \`${twinInvocation()} wizard\` again.`,
    });
  }
  for (;;) {
    const key = (
      await ctx.prompt.password({
        message: 'HeyGen API key (app.heygen.com → Settings → API):',
        validate: (v) => (v.trim() ? true : 'Paste your API key, or press Ctrl-C to stop.'),
      })
    ).trim();
    const username = await checkKey(ctx, key);
    if (username === undefined) {
      say(ctx, ctx.out.style.red('✖ HeyGen refused that key (401). Check it and paste it again.'));
      continue;
    }
    const path = await storeApiKey(ctx.env, key, resolveBaseUrl(ctx.env), { warn: (line) => ctx.out.warn(line) });
    say(ctx, `${ctx.out.style.green('✔')} Logged in as ${username}; the key is saved in ${path} (readable only by you).`);
    return;
  }
}

/** The account label for a working key, undefined for a refused one; other failures throw. */
async function checkKey(ctx: Context, key: string): Promise<string | undefined> {
  try {
    return userLabel(describeUser((await fetchMe(ctx, key)).user));
  } catch (error) {
    if (error instanceof AuthError && error.code === 'unauthorized') return undefined;
    throw error;
  }
}
