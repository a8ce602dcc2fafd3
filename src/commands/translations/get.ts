// twin translations get <id>: one translation, its status in twin's one vocabulary beside the API's word.
import { normalizeTranslationStatus } from '../../core/translate/status.js';
import type { Context } from '../../ui/context-types.js';
import { parseId } from '../listing.js';
import type { CommandInput } from '../types.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

export async function run(ctx: Context, { args }: CommandInput): Promise<void> {
  const id = parseId(args[0], 'translation', `${twinInvocation()} translations list`);
  const t = await (await ctx.api()).getTranslation(id);
  ctx.out.result(
    { ...t, state: normalizeTranslationStatus(t.status) },
    {
      human: (d) =>
        [
          `${d.id}  ${d.output_language ?? '-'}  ${d.state}`,
          ...(d.failure_message ? [`failure: ${d.failure_message}`] : []),
          ...(d.video_url ? [`video: ${d.video_url}`] : []),
          ...(d.srt_caption_url ? [`srt: ${d.srt_caption_url}`] : []),
        ].join('\n'),
      quiet: (d) => [d.id],
    },
  );
}
