// twin voices list: filters the API knows (language, gender, type) go to the server;
// --search (a name substring) is applied here, across as many pages as it takes.
import type { ListVoicesParams } from '../../api/client.js';
import type { VoiceListItem } from '../../api/schemas.js';
import type { Context } from '../../ui/context-types.js';
import type { CommandInput } from '../types.js';
import { parseOptions } from '../options.js';
import { collectPages, listOptionsSchema, printListing } from '../listing.js';
import { languageName } from './language.js';
import { VOICE_COLUMNS } from '../../ui/views/voices.js';
import * as z from '../../shared/zod-mini.js';

export const optionsSchema = listOptionsSchema({
  language: z.optional(z.string().check(z.trim(), z.minLength(1, 'needs a language name or code, e.g. English or en'))),
  gender: z.optional(z.enum(['male', 'female'], { error: (iss) => `must be male or female (got ${JSON.stringify(iss.input)})` })),
  type: z.optional(z.enum(['public', 'private'], { error: (iss) => `must be public or private (got ${JSON.stringify(iss.input)})` })),
  engine: z.optional(z.string().check(z.trim(), z.minLength(1, 'needs an engine name, e.g. starfish'))),
  search: z.optional(z.string().check(z.trim(), z.minLength(1, 'needs some text to look for in voice names'))),
});

export async function run(ctx: Context, { opts }: CommandInput): Promise<void> {
  const options = parseOptions(optionsSchema, opts);
  const language = options.language === undefined ? undefined : languageName(options.language);
  const needle = options.search?.toLocaleLowerCase();
  const api = await ctx.api();
  const listing = await collectPages(
    (p: ListVoicesParams) => api.listVoices(p),
    {
      ...(language ? { language } : {}),
      ...(options.gender ? { gender: options.gender } : {}),
      ...(options.type ? { type: options.type } : {}),
      ...(options.engine ? { engine: options.engine } : {}),
    },
    options,
    { defaultLimit: 20, maxPageSize: 100, filter: needle ? (v: VoiceListItem) => v.name.toLocaleLowerCase().includes(needle) : undefined },
  );
  const filters = [
    language && `language ${language}`,
    options.gender,
    options.type,
    options.engine && `engine ${options.engine}`,
    options.search && `"${options.search}" in the name`,
  ].filter(Boolean);
  printListing(ctx, listing, {
    noun: 'voices',
    columns: VOICE_COLUMNS,
    id: (v) => v.voice_id,
    empty: filters.length ? `No voices match (${filters.join(', ')}).` : 'No voices found.',
  });
}
