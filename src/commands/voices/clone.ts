// twin voices clone <file|url|asset:ID> --name N: the twin's own voice (contract §11.3). A local
// recording is checked, then uploaded once; the clone is never sent twice blindly (no
// Idempotency-Key): the same file or a voice of the same name is found and reported instead.
// --wait follows it to `complete` with the render's spinner and exit codes.
import type { Context } from '../../ui/context-types.js';
import type { CommandInput } from '../types.js';
import { parseOptions } from '../options.js';
import { cloneVoice, type CloneOutcome } from '../../flows/voice-clone.js';
import { createUploader } from '../../ui/media-upload.js';
import { setDefaultCommand, waitForCloneWithDisplay } from './wait.js';
import * as z from '../../shared/zod-mini.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

export const optionsSchema = z.object({
  name: z.string({ error: 'is required: the new voice’s name (1–100 characters)' }),
  language: z.optional(z.string().check(z.trim(), z.minLength(2, 'needs a language code such as en'))),
  keepNoise: z.optional(z.boolean()),
  wait: z.optional(z.boolean()),
  timeout: z.optional(z.string()),
});

export async function run(ctx: Context, { args, opts }: CommandInput): Promise<number> {
  const o = parseOptions(optionsSchema, opts);
  const api = await ctx.api();
  const [{ openCloneCache }, { resolveBaseUrl }] = await Promise.all([
    import('../../core/voice/clone-cache.js'),
    import('../../api/base-url.js'),
  ]);
  const cache = openCloneCache(ctx.env, resolveBaseUrl(ctx.env));
  const uploader = await createUploader(ctx, { cache: true });
  const outcome = await cloneVoice(
    { source: String(args[0] ?? ''), name: o.name, ...(o.language ? { language: o.language } : {}), keepNoise: o.keepNoise, cwd: ctx.cwd },
    { api, cache, upload: (file, sha256) => uploader.upload(file, { sha256 }) },
  );
  // A warning, so scripts reading --json see on stderr why no new voice was made.
  if (outcome.origin !== 'new') ctx.out.warn(earlierLine(outcome));
  let voiceId = outcome.voice_id;
  let status = outcome.origin === 'new' ? 'processing' : 'unknown';
  if (o.wait) {
    const done = await waitForCloneWithDisplay(ctx, outcome.voice_clone_id, o.timeout);
    voiceId = done.voice_id;
    status = 'complete';
    cache.setVoiceId(outcome.voice_clone_id, done.voice_id);
  }
  const id = voiceId ?? outcome.voice_clone_id;
  const doc = { ...outcome, voice_id: voiceId, status, set_default: setDefaultCommand(id), body: undefined };
  ctx.out.result(doc, {
    human: (d, style) =>
      [
        `${style.green('✔')} ${d.origin === 'new' ? 'Cloning' : 'Found'} voice ${style.bold(id)} (“${d.voice_name}”)${d.status === 'complete' ? ': ready' : ''}`,
        ...(d.status === 'complete' ? [] : [`  Wait for it: ${twinInvocation()} voices wait ${d.voice_clone_id}`]),
        `  Make it your default voice: ${d.set_default}`,
        `  Hear it: ${twinInvocation()} say "Hello, this is me." --voice ${id}`,
      ].join('\n'),
    quiet: () => [id],
  });
  return 0;
}

function earlierLine(o: CloneOutcome): string {
  switch (o.origin) {
    case 'same_file':
      return `This recording was cloned before (voice ${o.voice_id ?? o.voice_clone_id}); no second voice was made.`;
    case 'same_name':
      return `You already have a voice named “${o.voice_name}” (${o.voice_id}); no second voice was made. Pass another --name for a new one.`;
    default:
      return `The clone request's answer was lost, but it went through: voice ${o.voice_clone_id}. No second voice was made.`;
  }
}
