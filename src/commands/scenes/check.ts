// twin scenes check FILE: every pre-flight check of a multi-scene video (§9.5) for editors and
// CI: no credits, no uploads. Exit 0 when the file is fine, 2 (UsageError) with every problem.
import { ASPECT_RATIOS, ENGINES } from '../../shared/video-facts.js';
import { prepareScenes } from '../../flows/scenes.js';
import * as z from '../../shared/zod-mini.js';
import type { Context } from '../../ui/context-types.js';
import { apiOrNone } from '../../ui/create-scenes.js';
import { estimateLine, scenesTable, showWarnings } from '../../ui/scenes-view.js';
import { parseOptions } from '../options.js';
import type { CommandInput } from '../types.js';

export const optionsSchema = z.object({
  look: z.optional(z.string().check(z.trim(), z.minLength(1, 'needs a look id'))),
  voice: z.optional(z.string().check(z.trim(), z.minLength(1, 'needs a voice id'))),
  engine: z.optional(z.enum(ENGINES, { error: () => `must be one of ${ENGINES.join(', ')}` })),
  aspectRatio: z.optional(z.enum(ASPECT_RATIOS, { error: () => `must be one of ${ASPECT_RATIOS.join(', ')}` })),
  maxMinutes: z.optional(z.coerce.number().check(z.positive('must be a number of minutes above 0'))),
});

export async function run(ctx: Context, { args, opts }: CommandInput): Promise<number> {
  const options = parseOptions(optionsSchema, opts);
  const file = String(args[0]);
  const s = (await ctx.settings()).values;
  const aspect = options.aspectRatio ?? s['aspect-ratio'];
  const api = await apiOrNone(ctx, true);
  const prepared = await prepareScenes(api, {
    file,
    cwd: ctx.cwd,
    defaults: { look: options.look ?? s.look, voice: options.voice ?? s.voice, engine: options.engine ?? s.engine },
    settings: { aspect_ratio: aspect === 'auto' ? '16:9' : aspect },
    maxMinutes: options.maxMinutes,
  });
  showWarnings(ctx, prepared);
  const doc = {
    ok: true,
    file,
    scenes: prepared.estimate.scenes,
    estimate: { seconds: prepared.estimate.seconds, minutes: prepared.estimate.minutes, unknown: prepared.estimate.unknown },
    warnings: prepared.verdict.warnings,
    looks_checked: prepared.verdict.looksChecked,
    request: prepared.loaded.body,
  };
  ctx.out.result(doc, { human: () => scenesTable(ctx, prepared) });
  ctx.out.info(estimateLine(prepared));
  ctx.out.info(`${ctx.out.style.green('✔')} ${file} is ready to render. Nothing was uploaded or sent.`);
  return 0;
}
