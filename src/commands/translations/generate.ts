// twin translations generate <proofread-id> [--srt edited.srt]: uploads the edited subtitles (an
// asset, contract §8 accepts srt), puts them on the proofread, then starts the paid translation
// under an Idempotency-Key. Another plan gets one sentence, never a raw 403.
import type { TranslationSource } from '../../api/index.js';
import { checkMediaFile } from '../../core/media/media-file.js';
import { planRefusal } from '../../core/translate/refusal.js';
import { parseSource } from '../../core/translate/source.js';
import * as z from '../../shared/zod-mini.js';
import type { Context } from '../../ui/context-types.js';
import { createUploader } from '../../ui/media-upload.js';
import { parseId } from '../listing.js';
import { parseOptions } from '../options.js';
import type { CommandInput } from '../types.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

export const optionsSchema = z.object({
  srt: z.optional(z.string()),
  captions: z.optional(z.boolean()),
  audioOnly: z.optional(z.boolean()),
  callbackUrl: z.optional(z.string()),
  idempotencyKey: z.optional(z.string()),
});

export async function run(ctx: Context, { args, opts }: CommandInput): Promise<void> {
  const id = parseId(args[0], 'proofread', `${twinInvocation()} translate <video> --to <language> --proofread`);
  const o = parseOptions(optionsSchema, opts);
  const api = await ctx.api();
  try {
    if (o.srt !== undefined) {
      const s = parseSource(o.srt, ctx.cwd);
      let srt: TranslationSource;
      if (s.kind === 'url') srt = { type: 'url', url: s.value };
      else if (s.kind === 'asset') srt = { type: 'asset_id', asset_id: s.value };
      else {
        const file = await checkMediaFile(s.value, { where: '--srt', flag: '--srt', cwd: ctx.cwd, kinds: ['subtitle'] });
        srt = { type: 'asset_id', asset_id: (await (await createUploader(ctx, { cache: true })).upload(file)).asset_id };
      }
      await api.putProofreadSrt(id, srt);
    }
    const gen = await api.generateFromProofread(
      id,
      {
        ...(o.captions ? { captions: true } : {}),
        ...(o.audioOnly ? { translate_audio_only: true } : {}),
        ...(o.callbackUrl ? { callback_url: o.callbackUrl } : {}),
      },
      o.idempotencyKey ? { idempotencyKey: o.idempotencyKey } : {},
    );
    ctx.out.result(
      { proofread_id: id, video_translation_id: gen.video_translation_id, idempotency_key: gen.idempotencyKey },
      {
        human: (d) =>
          `Translation ${d.video_translation_id} started from proofread ${id}. Follow it: ${twinInvocation()} translations wait ${d.video_translation_id} --download`,
        quiet: (d) => [d.video_translation_id],
      },
    );
  } catch (error) {
    throw planRefusal(error, 'Proofreading');
  }
}
