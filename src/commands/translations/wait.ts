// twin translations wait <id...>: wait for translations (one line per change), optionally download
// them. The resume command of `twin translate` lands here. Exit 0, 5 any failed, 4 timeout, 130.
import type { TranslationJob } from '../../flows/translate.js';
import * as z from '../../shared/zod-mini.js';
import type { Context } from '../../ui/context-types.js';
import { parseOptions } from '../options.js';
import type { CommandInput } from '../types.js';
import { downloadAndReport, failedLanguages, jobViews, waitWithLines } from './common.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

export const optionsSchema = z.object({
  timeout: z.optional(z.string()),
  interval: z.optional(z.string()),
  download: z.optional(z.union([z.string(), z.literal(true)])),
  output: z.optional(z.string()),
  force: z.optional(z.boolean()),
  captions: z.optional(z.boolean()),
  audioOnly: z.optional(z.boolean()),
  sourceName: z.optional(z.string()),
});

export function idsOf(raw: unknown): string[] {
  return [...new Set((Array.isArray(raw) ? raw : [raw]).map((id) => String(id ?? '').trim()).filter(Boolean))];
}

export async function run(ctx: Context, { args, opts }: CommandInput): Promise<number> {
  const ids = idsOf(args[0]);
  const o = parseOptions(optionsSchema, opts);
  const download = o.output ?? o.download;
  const api = await ctx.api();
  // The language of each id comes from its own output_language on the first read.
  const jobs: TranslationJob[] = ids.map((id) => ({ id, language: id, state: 'pending' }));
  const resume = [`${twinInvocation()} translations wait`, ...ids].join(' ');
  await waitWithLines(ctx, { getTranslation: async (id, call) => api.getTranslation(id, call) }, jobs, o, resume);
  for (const job of jobs) job.language = job.translation?.output_language ?? job.id;
  const files =
    download === undefined
      ? []
      : await downloadAndReport(ctx, api, jobs, {
          stem: o.sourceName ?? 'translation',
          captions: Boolean(o.captions),
          audioOnly: Boolean(o.audioOnly),
          ...(typeof download === 'string' ? { output: download } : {}),
          ...(o.force ? { force: true } : {}),
        });
  ctx.out.result(
    { translations: jobViews(jobs, files) },
    {
      human: (r) =>
        r.translations.map((t) => `${t.language}\t${t.id}\t${t.status}${t.files.map((f) => `\t${f.path}`).join('')}`).join('\n'),
      quiet: (r) => r.translations.filter((t) => t.status === 'completed').map((t) => t.id),
    },
  );
  const failed = failedLanguages(jobs);
  if (failed) throw failed;
  return 0;
}
