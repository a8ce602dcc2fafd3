// twin translations languages: the names the API accepts for --to (cached a day per host).
import * as z from '../../shared/zod-mini.js';
import type { Context } from '../../ui/context-types.js';
import { parseOptions } from '../options.js';
import type { CommandInput } from '../types.js';
import { languageList } from './common.js';

export const optionsSchema = z.object({ refresh: z.optional(z.boolean()) });

export async function run(ctx: Context, { opts }: CommandInput): Promise<void> {
  const o = parseOptions(optionsSchema, opts);
  const list = await languageList(ctx, await ctx.api(), Boolean(o.refresh));
  ctx.out.result(
    { languages: list.languages, source: list.source, fetched_at: new Date(list.fetchedAt).toISOString() },
    { human: (d) => d.languages.join('\n'), quiet: (d) => d.languages },
  );
}
