// Everything a command touches in the outside world, injected once (create-astro's
// context): tests build one with fake streams, a sandbox URL and a fake prompt.
import type { Context, Env, GlobalOptions, Sleep } from './context-types.js';
import { AuthError } from '../shared/errors.js';
import { sleep as safeSleep } from '../shared/sleep.js';
import type { HeyGenClient } from '../api/index.js';
import type { ResolvedSettings } from '../config/load.js';
import { resolveApiKey, savedHosts, type ApiKeyInfo } from '../config/credentials.js';
import { resolveBaseUrl } from '../api/base-url.js';
import { createIO, type Streams } from './io.js';
import { createOutput } from './output.js';
import { retryWaitNotice } from './wait-notice.js';
import { inquirerPrompter, noPrompter, type Prompter } from './prompt.js';
import { twinInvocation } from '../shared/twin-invocation.js';

export type { Context, Env, GlobalOptions, Sleep } from './context-types.js';

export interface ContextInit {
  streams: Streams;
  env: Env;
  cwd: string;
  globals?: GlobalOptions;
  argv?: readonly string[];
  signal?: AbortSignal;
  now?: () => number;
  sleep?: Sleep;
  prompt?: Prompter;
  /** Extra client options (tests: a fast sleep, fewer retries). */
  clientOptions?: Record<string, unknown>;
}

export function createContext(init: ContextInit): Context {
  const globals = init.globals ?? {};
  const io = createIO(init.streams, init.env, { color: globals.color, noInput: globals.input === false });
  const out = createOutput(io, globals);
  const signal = init.signal ?? new AbortController().signal;
  const sleep: Sleep = init.sleep ?? ((ms, s) => safeSleep(ms, s ?? signal));
  let settings: Promise<ResolvedSettings> | undefined;
  let client: Promise<HeyGenClient> | undefined;
  let key: Promise<ApiKeyInfo> | undefined;

  const ctx: Context = {
    io,
    out,
    env: init.env,
    cwd: init.cwd,
    globals,
    argv: init.argv ?? [],
    now: init.now ?? Date.now,
    sleep,
    signal,
    prompt: init.prompt ?? (io.canPrompt ? inquirerPrompter(io) : noPrompter()),
    // Imported on first use: the settings schema pulls in zod, which --help never needs.
    settings: () => (settings ??= import('../config/load.js').then((m) => m.loadSettings({ cwd: init.cwd, env: init.env }))),
    // Read once per command (`auth status` asks, then api() asks again); a missing key is
    // looked for again next time, since the wizard can log in half-way.
    apiKey: () =>
      (key ??= (async () => {
        // A saved key goes only to the API base it was checked against.
        const base = resolveBaseUrl(init.env);
        const info = await resolveApiKey(init.env, base, (notice) => out.warn(notice));
        if (info) return info;
        key = undefined;
        throw noKeyError(init.env, base);
      })()),
    api: () =>
      (client ??= (async () => {
        const [{ createClient }, key] = await Promise.all([import('../api/index.js'), ctx.apiKey()]);
        return createClient({
          baseUrl: key.base,
          apiKey: key.key,
          signal,
          sleep,
          debug: globals.debug ? (line: string) => out.debug(line) : undefined,
          onWait: retryWaitNotice(io, out, ctx.now),
          ...init.clientOptions,
        });
      })()),
    async dispose() {
      if (client) await (await client.catch(() => undefined))?.close();
    },
  };
  return ctx;
}

/** "No HeyGen API key for <base>", naming the hosts that do have one. */
function noKeyError(env: Env, base: string): AuthError {
  const others = savedHosts(env).filter((h) => h !== base);
  const login = base === resolveBaseUrl({}) ? `${twinInvocation()} auth login` : `${twinInvocation()} auth login --base ${base}`;
  return new AuthError(`No HeyGen API key for ${base}.`, {
    suggestion: others.length
      ? `Saved keys are for ${others.join(', ')} only, and a key is never sent to another host: run \`${login}\` or set HEYGEN_API_KEY.`
      : `Run \`${login}\` or set HEYGEN_API_KEY.`,
    details: { api_base: base },
  });
}
