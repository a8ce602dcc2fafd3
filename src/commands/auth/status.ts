// `twin auth status`: for the API base in use, who the key belongs to, what is left to spend
// and where the key comes from; and every host with a saved key (as gh lists its hosts). The
// key itself is never shown, not even in part. Not logged in is a status (exit 3), not an error.
import type { Context } from '../../ui/context-types.js';
import { AuthError, ExitCode } from '../../shared/errors.js';
import { resolveBaseUrl } from '../../api/index.js';
import { savedHosts } from '../../config/credentials.js';
import { renderFields } from '../../ui/table.js';
import type { CommandInput } from '../types.js';
import { apiWords, describeBilling, describeUser, userLabel } from '../../ui/account.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

export async function run(ctx: Context, _input: CommandInput): Promise<number> {
  const base = resolveBaseUrl(ctx.env);
  const key = await ctx.apiKey().catch((error: unknown) => {
    if (error instanceof AuthError) return undefined;
    throw error;
  });
  const hosts = savedHosts(ctx.env).map((h) => ({ api_base: h, current: h === base }));
  if (!key) return notLoggedIn(ctx, base, hosts);
  const api = await ctx.api();
  const me = await api.getMe().catch((error: unknown) => {
    if (error instanceof AuthError) {
      throw new AuthError(`HeyGen rejected the API key from ${key.where} (${apiWords(error)}).`, {
        code: error.code,
        suggestion:
          key.source === 'env'
            ? `Fix or unset HEYGEN_API_KEY, or run \`${twinInvocation()} auth login\` with a valid key after unsetting it.`
            : `Run \`${twinInvocation()} auth login\` again with a valid key.`,
        details: error.details,
      });
    }
    throw error;
  });
  const user = describeUser(me);
  const billing = describeBilling(me);
  const report = { logged_in: true, user, billing, key: { source: key.source, where: key.where }, api_base: base, hosts };
  ctx.out.result(report, {
    human: (v, s) =>
      renderFields(
        [
          ['Logged in as', userLabel(user)],
          ['Name', user.name ?? undefined],
          ['Balance', billing.summary],
          ['Key from', v.key.source === 'env' ? 'HEYGEN_API_KEY environment variable' : `saved key, ${v.key.where}`],
          ['API', v.api_base],
          ['Saved keys', hostList(v.hosts)],
        ],
        s.bold,
      ),
    quiet: (v) => [v.user.username],
  });
  return 0;
}

/** "not logged in to …; run twin auth login", with the hosts that do have a key: exit 3. */
function notLoggedIn(ctx: Context, base: string, hosts: Array<{ api_base: string; current: boolean }>): number {
  const login = base === resolveBaseUrl({}) ? `${twinInvocation()} auth login` : `${twinInvocation()} auth login --base ${base}`;
  ctx.out.result(
    { logged_in: false, api_base: base, hosts },
    {
      human: (v, s) =>
        [
          `${s.red('✖')} Not logged in to ${base}; run ${s.bold(login)} (or set HEYGEN_API_KEY).`,
          ...(v.hosts.length ? [`  Saved keys: ${hostList(v.hosts)}; a key is only ever sent to the host it was saved for.`] : []),
        ].join('\n'),
      quiet: () => [],
    },
  );
  return ExitCode.auth;
}

function hostList(hosts: Array<{ api_base: string; current: boolean }>): string {
  return hosts.length ? hosts.map((h) => h.api_base).join(', ') : 'none';
}
