// twin translations download <id...>: the files of completed translations (verified, atomic,
// resumable), named <source-name>.<language-slug>.mp4 (+ .srt/.vtt with --captions).
import type { TranslationJob } from '../../flows/translate.js';
import { isTerminalTranslation, normalizeTranslationStatus } from '../../core/translate/status.js';
import { UsageError } from '../../shared/errors.js';
import * as z from '../../shared/zod-mini.js';
import type { Context } from '../../ui/context-types.js';
import { parseOptions } from '../options.js';
import type { CommandInput } from '../types.js';
import { downloadAndReport, jobViews } from './common.js';
import { idsOf } from './wait.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

export const optionsSchema = z.object({
  output: z.optional(z.string()),
  force: z.optional(z.boolean()),
  captions: z.optional(z.boolean()),
  audioOnly: z.optional(z.boolean()),
  sourceName: z.optional(z.string()),
});

export async function run(ctx: Context, { args, opts }: CommandInput): Promise<void> {
  const ids = idsOf(args[0]);
  const o = parseOptions(optionsSchema, opts);
  const api = await ctx.api();
  const jobs: TranslationJob[] = [];
  for (const id of ids) {
    const t = await api.getTranslation(id);
    const state = normalizeTranslationStatus(t.status);
    if (state !== 'completed') {
      throw new UsageError(
        `Translation ${id} is ${state}${t.failure_message ? `: ${t.failure_message}` : ''}; only completed ones have files.`,
        {
          suggestion: isTerminalTranslation(state) ? undefined : `Wait for it: ${twinInvocation()} translations wait ${id} --download`,
        },
      );
    }
    jobs.push({ id, language: t.output_language ?? id, state, translation: t });
  }
  const files = await downloadAndReport(ctx, api, jobs, {
    stem: o.sourceName ?? 'translation',
    captions: Boolean(o.captions),
    audioOnly: Boolean(o.audioOnly),
    ...(o.output ? { output: o.output } : {}),
    ...(o.force ? { force: true } : {}),
  });
  ctx.out.result(
    { translations: jobViews(jobs, files) },
    { human: (r) => r.translations.flatMap((t) => t.files.map((f) => f.path)).join('\n'), quiet: () => [] },
  );
}
