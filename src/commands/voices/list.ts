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
import { shellJoin } from '../../shared/shell-quote.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

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
  const query = (type?: 'public' | 'private') => ({
    ...(language ? { language } : {}),
    ...(options.gender ? { gender: options.gender } : {}),
    ...(type ? { type } : {}),
    ...(options.engine ? { engine: options.engine } : {}),
  });
  const filter = needle ? (v: VoiceListItem) => v.name.toLocaleLowerCase().includes(needle) : undefined;
  const listing = await collectPages((p: ListVoicesParams) => api.listVoices(p), query(options.type), options, {
    defaultLimit: 20,
    maxPageSize: 100,
    filter,
  });
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
  if (options.type !== undefined) return;
  // Without --type the API lists public voices only: say where the user's own (cloned) voices
  // are, and when nothing public matched, whether one of theirs does.
  const more = `${twinInvocation()} voices list --type private ${mineArgs(options)}`.trimEnd();
  if (listing.items.length > 0) {
    ctx.out.info(`Public voices; your own (cloned) voices: ${more}`);
    return;
  }
  const mine = await collectPages(
    (p: ListVoicesParams) => api.listVoices(p),
    query('private'),
    { limit: 100 },
    {
      defaultLimit: 100,
      maxPageSize: 100,
      filter,
    },
  );
  ctx.out.info(
    mine.items.length > 0
      ? `No public voice matches, but ${mine.items.length}${mine.has_more ? '+' : ''} of your own (private) voices do: ${more}`
      : 'None of your own (private) voices match either.',
  );
}

/** The filters of this listing, as flags for the same listing of private voices. */
function mineArgs(options: { language?: string; gender?: string; engine?: string; search?: string }): string {
  return shellJoin([
    ...(options.language ? ['--language', options.language] : []),
    ...(options.gender ? ['--gender', options.gender] : []),
    ...(options.engine ? ['--engine', options.engine] : []),
    ...(options.search ? ['--search', options.search] : []),
  ]);
}
