// `twin auth status`: who the key belongs to, what is left to spend, and where the key
// comes from. The key itself is never shown, not even in part.
import type { Context } from '../../context.js';
import { AuthError } from '../../errors.js';
import { renderFields } from '../../ui/table.js';
import type { CommandInput } from '../types.js';
import { resolveBaseUrl } from '../../api/index.js';
import { apiWords, describeBilling, describeUser, userLabel } from './who.js';

export async function run(ctx: Context, _input: CommandInput): Promise<void> {
  const key = await ctx.apiKey();
  const api = await ctx.api();
  const me = await api.getMe().catch((error: unknown) => {
    if (error instanceof AuthError) {
      throw new AuthError(`HeyGen rejected the API key from ${key.where} (${apiWords(error)}).`, {
        code: error.code,
        suggestion:
          key.source === 'env'
            ? 'Fix or unset HEYGEN_API_KEY, or run `twin auth login` with a valid key after unsetting it.'
            : 'Run `twin auth login` again with a valid key.',
        details: error.details,
      });
    }
    throw error;
  });
  const user = describeUser(me);
  const billing = describeBilling(me);
  const report = {
    logged_in: true,
    user,
    billing,
    key: { source: key.source, where: key.where },
    api_base: resolveBaseUrl(ctx.env),
  };
  ctx.out.result(report, {
    human: (v, s) =>
      renderFields(
        [
          ['Logged in as', userLabel(user)],
          ['Name', user.name ?? undefined],
          ['Balance', billing.summary],
          ['Key from', v.key.source === 'env' ? 'HEYGEN_API_KEY environment variable' : `saved key, ${v.key.where}`],
          ['API', v.api_base],
        ],
        s.bold,
      ),
    quiet: (v) => [v.user.username],
  });
}
