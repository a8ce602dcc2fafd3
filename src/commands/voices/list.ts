// twin voices list: filters the API knows (language, gender, type) go to the server;
// --search (a name substring) is applied here, across as many pages as it takes.
import { z } from 'zod';
import type { ListVoicesParams } from '../../api/client.js';
import type { VoiceListItem } from '../../api/schemas.js';
import type { Context } from '../../context.js';
import { renderTable } from '../../ui/table.js';
import type { CommandInput } from '../types.js';
import { parseOptions } from '../options.js';
import { collectPages, flag, hintMore, limitOption } from '../listing.js';
import { languageName } from './language.js';
import { VOICE_COLUMNS } from './view.js';

export const optionsSchema = z.object({
  language: z.string().trim().min(1, 'needs a language name or code, e.g. English or en').optional(),
  gender: z.enum(['male', 'female'], { error: (iss) => `must be male or female (got ${JSON.stringify(iss.input)})` }).optional(),
  type: z.enum(['public', 'private'], { error: (iss) => `must be public or private (got ${JSON.stringify(iss.input)})` }).optional(),
  search: z.string().trim().min(1, 'needs some text to look for in voice names').optional(),
  limit: limitOption(20),
  all: flag,
});

export async function run(ctx: Context, { opts }: CommandInput): Promise<void> {
  const options = parseOptions(optionsSchema, opts);
  const language = options.language === undefined ? undefined : languageName(options.language);
  const needle = options.search?.toLocaleLowerCase();
  const api = await ctx.api();
  const { items, more } = await collectPages(
    (p: ListVoicesParams) => api.listVoices(p),
    { ...(language ? { language } : {}), ...(options.gender ? { gender: options.gender } : {}), ...(options.type ? { type: options.type } : {}) },
    {
      limit: options.limit,
      all: options.all,
      maxPageSize: 100,
      filter: needle ? (v: VoiceListItem) => v.name.toLocaleLowerCase().includes(needle) : undefined,
    },
  );

  ctx.out.result({ voices: items, has_more: more }, {
    human: ({ voices }, style) =>
      voices.length === 0 ? '' : renderTable(voices, VOICE_COLUMNS, { tty: ctx.io.stdoutIsTTY, width: ctx.io.columns, header: (s) => style.bold(s) }),
    quiet: ({ voices }) => voices.map((v) => v.voice_id),
  });
  if (items.length === 0) ctx.out.info(`No voices match${language ? ` (language ${language})` : ''}.`);
  hintMore(ctx.out, more, 'voices', items.length);
}
