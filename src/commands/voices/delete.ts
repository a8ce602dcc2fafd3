// twin voices delete <voice_id>: frees a slot of the clone limit (contract §11.5). Asks on a
// terminal, --yes elsewhere. A 404 after a lost answer means the first attempt deleted it (done);
// a 404 for an id that was never there is "not found". Public voices are refused locally.
import type { Context } from '../../ui/context-types.js';
import type { CommandInput } from '../types.js';
import { parseOptions } from '../options.js';
import { flag, parseId } from '../listing.js';
import { confirmDestructive, reportDeclined } from '../confirm.js';
import { ApiError, UsageError } from '../../shared/errors.js';
import * as z from '../../shared/zod-mini.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

export const optionsSchema = z.object({ yes: flag });

export async function run(ctx: Context, { args, opts }: CommandInput): Promise<void> {
  const id = parseId(args[0], 'voice', `${twinInvocation()} voices list --type private`);
  const { yes } = parseOptions(optionsSchema, opts);
  const api = await ctx.api();
  // Only clones can be deleted; a public voice is refused here, not sent (contract §11.5).
  if (!(await isOwnClone(api, id))) {
    await api.getVoice(id); // 404 voice_not_found for an id that does not exist: "not found"
    throw new UsageError(`Voice ${id} is not one of your clones (a public voice?); only your own clones can be deleted.`, {
      flag: 'voice-id',
      suggestion: `Your clones: ${twinInvocation()} voices list --type private`,
    });
  }
  const sure = await confirmDestructive(ctx, yes, {
    question: `Delete voice ${id}? Videos and templates that use it will no longer render with it.`,
    consequence: `Deleting voice ${id} is permanent`,
    rerun: `${twinInvocation()} voices delete ${id} --yes`,
  });
  if (!sure) return reportDeclined(ctx, { voice_id: id, deleted: false }, `Kept voice ${id}; nothing was deleted.`);
  let deleted;
  try {
    deleted = await api.deleteVoice(id);
  } catch (error) {
    if (error instanceof ApiError && error.status === 409) {
      throw new ApiError(`${error.message}`, {
        status: 409,
        apiCode: error.apiCode ?? 'conflict',
        endpoint: 'DELETE /v3/voices/{id}',
        suggestion: 'A template uses this voice: change or delete the template in the HeyGen web editor first.',
      });
    }
    throw error;
  }
  const [{ openCloneCache }, { resolveBaseUrl }] = await Promise.all([
    import('../../core/voice/clone-cache.js'),
    import('../../api/base-url.js'),
  ]);
  openCloneCache(ctx.env, resolveBaseUrl(ctx.env)).forgetVoice(id);
  ctx.out.result(
    { voice_id: deleted.voice_id ?? id, deleted: true, already_deleted: deleted.already_deleted },
    {
      human: (d, style) =>
        `${style.green('✔')} Deleted voice ${d.voice_id}${d.already_deleted ? ' (it was already gone: an earlier attempt deleted it)' : ''}`,
      quiet: (d) => [d.voice_id],
    },
  );
}

/** Whether the id is among the caller's clones (the detail has no type; the private list is searched, bounded). */
async function isOwnClone(api: Awaited<ReturnType<Context['api']>>, id: string): Promise<boolean> {
  let token: string | null = null;
  for (let pages = 0; pages < 20; pages++) {
    const page = await api.listVoices({ type: 'private', limit: 100, ...(token ? { token } : {}) });
    if (page.data.some((v) => v.voice_id === id)) return true;
    token = page.has_more ? page.next_token : null;
    if (!token) return false;
  }
  return false;
}
