// Live values for completion: look ids and voice ids of the account, cached in the config
// folder (completion/<api base>/looks, …/voices; one "id<TAB>name" a line) for the shell
// scripts to read directly, so a keystroke never waits for the network. The scripts start
// `twin completion --refresh --quiet` in the background when a cache is missing or older than 10
// minutes; `twin completion --refresh` does it now. No key for the API base: no request.
import { join } from 'node:path';
import { resolveBaseUrl } from '../../api/base-url.js';
import { collectAll } from '../../api/paginate.js';
import { configDir } from '../../config/paths.js';
import { resolveApiKey } from '../../config/credentials.js';
import type { Context } from '../../ui/context-types.js';
import { ensureDir, writeFileAtomic } from '../../shared/safe-fs.js';
import { acquireLock } from '../../shared/file-lock.js';

const MAX_ITEMS = 1000;

/** The folder the scripts compute too: the API base as typed, every non-alphanumeric as _. */
export function cacheDir(env: Record<string, string | undefined>): string {
  const base = (env.HEYGEN_API_BASE?.trim() || 'https://api.heygen.com').replace(/\/$/, '');
  return join(configDir(env), 'completion', base.replace(/[^A-Za-z0-9]/g, '_'));
}

/** Fetches the looks and voices and writes the cache; undefined when there is no key. */
export async function refreshCache(ctx: Context): Promise<{ dir: string; looks: number; voices: number } | undefined> {
  if (!(await resolveApiKey(ctx.env, resolveBaseUrl(ctx.env)))) return undefined;
  const dir = cacheDir(ctx.env);
  ensureDir(dir, { mode: 0o700 });
  const lock = (() => {
    try {
      return acquireLock(join(dir, '.refresh.lock'), { what: 'a completion refresh' });
    } catch {
      return undefined; // another refresh is running: it will write the same files
    }
  })();
  if (!lock) return { dir, looks: -1, voices: -1 };
  try {
    const api = await ctx.api();
    const line = (id: string, name: string | null | undefined) => `${id}\t${(name ?? '').replace(/[\t\n\r]+/g, ' ')}`;
    // The account's own looks first, then public ones.
    const mine = await collectAll(api.listLooks, { ownership: 'private', limit: 50 }, { max: MAX_ITEMS });
    const looks = [...mine, ...(await collectAll(api.listLooks, { ownership: 'public', limit: 50 }, { max: MAX_ITEMS - mine.length }))];
    writeFileAtomic(join(dir, 'looks'), looks.map((l) => line(l.id, l.name)).join('\n') + '\n', { mode: 0o600 });
    const voices = await collectAll(api.listVoices, { limit: 100 }, { max: MAX_ITEMS });
    writeFileAtomic(join(dir, 'voices'), voices.map((v) => line(v.voice_id, v.name)).join('\n') + '\n', { mode: 0o600 });
    return { dir, looks: looks.length, voices: voices.length };
  } finally {
    lock.release();
  }
}
