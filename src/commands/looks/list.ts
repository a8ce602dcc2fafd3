// twin looks list: by default the caller's private Digital Twins, as step 1 of the guide.
import { z } from 'zod';
import type { ListLooksParams } from '../../api/client.js';
import type { Look } from '../../api/schemas.js';
import type { Context } from '../../context.js';
import { renderTable } from '../../ui/table.js';
import type { CommandInput } from '../types.js';
import { parseOptions } from '../options.js';
import { collectPages, flag, hintMore, limitOption } from '../listing.js';
import { LOOK_COLUMNS } from './view.js';

const TYPES = ['digital_twin', 'studio_avatar', 'photo_avatar', 'all', 'video_avatar'] as const;

export const optionsSchema = z.object({
  type: z.enum(TYPES, { error: (iss) => `must be one of digital_twin, studio_avatar, photo_avatar, all (got ${JSON.stringify(iss.input)})` }).default('digital_twin'),
  ownership: z.enum(['private', 'public', 'all'], { error: (iss) => `must be one of private, public, all (got ${JSON.stringify(iss.input)})` }).default('private'),
  engine: z.enum(['avatar_iv', 'avatar_v', 'avatar_iii'], { error: (iss) => `must be one of avatar_iv, avatar_v, avatar_iii (got ${JSON.stringify(iss.input)})` }).optional(),
  limit: limitOption(20),
  all: flag,
});

export async function run(ctx: Context, { opts }: CommandInput): Promise<void> {
  const options = parseOptions(optionsSchema, opts);
  let type: string = options.type;
  if (type === 'video_avatar') {
    // The older seed page's name (contract §10.1): the API's enum only knows digital_twin.
    ctx.out.warn('--type video_avatar is the older name for digital_twin; showing digital_twin looks.');
    type = 'digital_twin';
  }
  const api = await ctx.api();
  const { items, more } = await collectPages((p: ListLooksParams) => api.listLooks(p), {
    ...(type !== 'all' ? { avatar_type: type } : {}),
    ...(options.ownership !== 'all' ? { ownership: options.ownership } : {}),
  }, {
    limit: options.limit,
    all: options.all,
    maxPageSize: 50,
    filter: options.engine ? (l: Look) => (l.supported_api_engines ?? []).includes(options.engine!) : undefined,
  });

  ctx.out.result({ looks: items, has_more: more }, {
    human: ({ looks }, style) =>
      looks.length === 0
        ? ''
        : renderTable(looks, LOOK_COLUMNS, { tty: ctx.io.stdoutIsTTY, width: ctx.io.columns, header: (s) => style.bold(s) }),
    quiet: ({ looks }) => looks.map((l) => l.id),
  });
  if (items.length === 0) {
    ctx.out.info(`No looks found${type === 'digital_twin' && options.ownership === 'private' ? ' among your private Digital Twins' : ''}. Try --type all --ownership all.`);
  }
  hintMore(ctx.out, more, 'looks', items.length);
}
