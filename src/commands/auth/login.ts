// `twin auth login`: a hidden prompt on a terminal, the key on stdin otherwise (as gh does).
// The key is checked with GET /v3/users/me of one API base before it is written, and saved for
// that base only (--base, else HEYGEN_API_BASE, else api.heygen.com), so a typo is never saved
// and a key is never sent to another host.
import type { Context } from '../../ui/context-types.js';
import { AuthError, UsageError } from '../../shared/errors.js';
import { storeApiKey } from '../../config/credentials.js';
import { parseOptions } from '../options.js';
import type { CommandInput } from '../types.js';
import { apiWords, describeUser, fetchMe, targetBase, userLabel } from '../../ui/account.js';
import * as z from '../../shared/zod-mini.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

const Options = z.object({ withToken: z._default(z.boolean(), false), base: z.optional(z.string()) });

/** A key is a few dozen characters; anything this long was not meant for us. */
const MAX_STDIN_BYTES = 16 * 1024;

export async function run(ctx: Context, input: CommandInput): Promise<void> {
  const opts = parseOptions(Options, input.opts);
  const base = targetBase(ctx, opts.base);
  const key = await obtainKey(ctx, opts.withToken, base);
  const who = await fetchMe(ctx, key, { baseUrl: base }).catch((error: unknown) => {
    // An AuthError with an HTTP status is the API's verdict; without one, the key was refused
    // locally (spaces, control characters) and the original message says why.
    if (error instanceof AuthError && error.details.status !== undefined) {
      throw new AuthError(`HeyGen rejected this API key (${apiWords(error)}); nothing was saved.`, {
        code: error.code,
        suggestion: 'Copy the key again from the API section of your HeyGen account settings and retry.',
        details: error.details,
      });
    }
    throw error; // network and API failures keep their own exit code; nothing was saved either
  });
  const file = await storeApiKey(ctx.env, key, base, { warn: (line) => ctx.out.warn(line) });
  const user = describeUser(who.user);
  const envKeyWins = Boolean(ctx.env.HEYGEN_API_KEY?.trim());
  if (envKeyWins) {
    ctx.out.warn('HEYGEN_API_KEY is also set in this environment; it takes precedence over the saved key until you unset it.');
  }
  ctx.out.result(
    { logged_in: true, user, key_file: file, api_base: who.baseUrl, env_key_overrides: envKeyWins },
    {
      human: (_v, s) =>
        `${s.green('✔')} Logged in to ${base} as ${userLabel(user)}.\n  Key saved to ${file} (readable only by you), for ${base} only.`,
      quiet: (v) => [v.user.username],
    },
  );
}

async function obtainKey(ctx: Context, withToken: boolean, base: string): Promise<string> {
  if (!withToken && ctx.io.canPrompt) {
    const typed = await ctx.prompt.password({
      message: `HeyGen API key for ${base}:`,
      validate: (value) => (value.trim() ? true : 'Paste the key, or press Ctrl-C to cancel.'),
    });
    return typed.trim();
  }
  if (!withToken && ctx.io.stdinIsTTY) {
    // stdin is a terminal but we may not prompt (--no-input, CI, stderr redirected).
    throw new UsageError('Cannot ask for the API key here (no prompting).', {
      flag: '--with-token',
      suggestion: `Pipe the key in: echo "$HEYGEN_API_KEY" | ${twinInvocation()} auth login --with-token`,
    });
  }
  return keyFromStdin(ctx);
}

async function keyFromStdin(ctx: Context): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.io.stdin) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_STDIN_BYTES) throw stdinError('stdin holds far more than an API key');
    chunks.push(buffer);
  }
  const lines = Buffer.concat(chunks)
    .toString('utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length === 0) throw stdinError('No API key on stdin');
  if (lines.length > 1) throw stdinError(`stdin holds ${lines.length} lines; expected only the API key`);
  return lines[0]!;
}

function stdinError(message: string): UsageError {
  return new UsageError(`${message}; nothing was saved.`, {
    flag: '--with-token',
    suggestion: `Pipe only the key: echo "$HEYGEN_API_KEY" | ${twinInvocation()} auth login --with-token`,
  });
}
