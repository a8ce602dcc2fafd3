// twin video create: flags (+ -d body + settings) → the create flow (ui/video-flow.ts over
// core/video-flow.ts). With no look or no script at a terminal, the wizard asks for them.
import type { Context } from '../../ui/context-types.js';
import { composeCreateBody, inputFromSettings } from '../../core/video/request.js';
import { createVideoFlow } from '../../ui/create-video.js';
import type { CommandInput } from '../types.js';
import { UsageError } from '../../shared/errors.js';
import { readCreateCommandLine } from './create-input.js';

export { flowOptionsSchema as optionsSchema } from './create-input.js';

export async function run(ctx: Context, { opts }: CommandInput): Promise<number> {
  // Hear the script first, then render exactly that audio (issue 26).
  if (opts.audition === true) return (await import('./create-audition.js')).run(ctx, opts);
  // A multi-scene file is its own request (type "studio"): loaded only when asked for.
  if (opts.scenes !== undefined) return (await import('./create-scenes.js')).run(ctx, opts);
  if (opts.maxMinutes !== undefined)
    throw new UsageError('--max-minutes: applies to --scenes only (a single scene is checked against the script limit).', {
      flag: '--max-minutes',
    });
  const line = await readCreateCommandLine(ctx, opts, { deferProblems: true });
  // Bad flags: the pre-flight adds what the look says, then reports it all (exit 2, nothing sent).
  if (line.problems.length) return createVideoFlow(ctx, line.input, { ...line, follow: undefined });
  const { body } = composeCreateBody(line.input, line.data, inputFromSettings(await ctx.settings()));
  const noAudio = body.script == null && body.audio_url == null && body.audio_asset_id == null;
  if ((!body.avatar_id || noAudio) && ctx.io.canPrompt) {
    // A person at a terminal gets questions for what is missing instead of an error.
    const { runWizard } = await import('../../wizard/index.js');
    return runWizard(ctx, {
      preset: line.input,
      data: line.data,
      dryRun: line.dryRun,
      idempotencyKey: line.idempotencyKey,
      follow: line.follow,
    });
  }
  // A request read from stdin cannot be re-sent by running the same line again.
  return createVideoFlow(ctx, line.input, { ...line, argv: line.readsStdin ? undefined : ctx.argv });
}
