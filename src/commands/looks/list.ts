// twin looks list: by default the caller's private Digital Twins, as step 1 of the guide.
import type { ListLooksParams } from '../../api/client.js';
import type { Look } from '../../api/schemas.js';
import type { Context } from '../../ui/context-types.js';
import type { CommandInput } from '../types.js';
import { parseOptions } from '../options.js';
import { collectPages, listOptionsSchema, printListing } from '../listing.js';
import { LOOK_COLUMNS } from '../../ui/views/looks.js';
import * as z from '../../shared/zod-mini.js';
import { ENGINES } from '../../shared/video-facts.js';

const TYPES = ['digital_twin', 'studio_avatar', 'photo_avatar', 'all', 'video_avatar'] as const;

export const optionsSchema = listOptionsSchema({
  type: z._default(
    z.enum(TYPES, { error: (iss) => `must be one of digital_twin, studio_avatar, photo_avatar, all (got ${JSON.stringify(iss.input)})` }),
    'digital_twin',
  ),
  ownership: z._default(
    z.enum(['private', 'public', 'all'], { error: (iss) => `must be one of private, public, all (got ${JSON.stringify(iss.input)})` }),
    'private',
  ),
  engine: z.optional(
    z.enum(ENGINES, {
      error: (iss) => `must be one of ${ENGINES.join(', ')} (got ${JSON.stringify(iss.input)})`,
    }),
  ),
  group: z.optional(z.string().check(z.trim(), z.minLength(1, 'needs a group id'))),
});

export async function run(ctx: Context, { opts }: CommandInput): Promise<void> {
  const options = parseOptions(optionsSchema, opts);
  let type: string = options.type;
  if (type === 'video_avatar') {
    // The older seed page's name (contract §10.1): the API's enum only knows digital_twin.
    ctx.out.warn('--type video_avatar is the older name for digital_twin; showing digital_twin looks.');
    type = 'digital_twin';
  }
  const engine = options.engine;
  const api = await ctx.api();
  const listing = await collectPages(
    (p: ListLooksParams) => api.listLooks(p),
    // A group is one person: all of its looks, whatever the type and ownership defaults say.
    options.group !== undefined
      ? { group_id: options.group }
      : { ...(type !== 'all' ? { avatar_type: type } : {}), ...(options.ownership !== 'all' ? { ownership: options.ownership } : {}) },
    options,
    { defaultLimit: 20, maxPageSize: 50, filter: engine ? (l: Look) => (l.supported_api_engines ?? []).includes(engine) : undefined },
  );
  const mine = type === 'digital_twin' && options.ownership === 'private';
  printListing(ctx, listing, {
    noun: 'looks',
    columns: LOOK_COLUMNS,
    id: (l) => l.id,
    empty: `No looks found${mine ? ' among your private Digital Twins' : ''}${engine ? ` that support ${engine}` : ''}. Try --type all --ownership all.`,
  });
}
