// twin assets delete <id>: permanent, so it asks on a terminal and needs --yes elsewhere; the
// upload cache forgets the id, so the file is uploaded again next time it is used.
import type { Context } from '../../ui/context-types.js';
import type { CommandInput } from '../types.js';
import { parseOptions } from '../options.js';
import { flag, parseId } from '../listing.js';
import { confirmDestructive, reportDeclined } from '../confirm.js';
import * as z from '../../shared/zod-mini.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

export const optionsSchema = z.object({ yes: flag });

export async function run(ctx: Context, { args, opts }: CommandInput): Promise<void> {
  const id = parseId(args[0], 'asset', `${twinInvocation()} assets list`);
  const { yes } = parseOptions(optionsSchema, opts);
  const sure = await confirmDestructive(ctx, yes, {
    question: `Delete asset ${id}? Videos not yet rendered that use it will fail.`,
    consequence: `Deleting asset ${id} is permanent`,
    rerun: `${twinInvocation()} assets delete ${id} --yes`,
  });
  if (!sure) return reportDeclined(ctx, { id, deleted: false }, `Kept asset ${id}; nothing was deleted.`);
  const deleted = await (await ctx.api()).deleteAsset(id);
  const [{ openUploadCache }, { resolveBaseUrl }] = await Promise.all([
    import('../../core/media/upload-cache.js'),
    import('../../api/base-url.js'),
  ]);
  openUploadCache(ctx.env, resolveBaseUrl(ctx.env)).forgetAsset(id);
  ctx.out.result(
    { id: deleted.id ?? id, deleted: true, already_deleted: deleted.already_deleted },
    {
      human: (d, style) =>
        `${style.green('✔')} Deleted asset ${d.id}${d.already_deleted ? ' (it was already gone: an earlier attempt deleted it)' : ''}`,
      quiet: (d) => [d.id],
    },
  );
}
