// twin video create --audition (issue 26): hear the script before paying for the render. The
// script is spoken first in the voice the render would use and saved; at a terminal the audio
// plays and "Render with this audio?" is asked, and the render then lip-syncs to exactly that
// file (uploaded once, as --audio does), so the video says what was heard. Without a terminal it
// stops after saving and prints the command that renders that file: approve, then render.
import { randomUUID } from 'node:crypto';
import { basename, dirname, extname, resolve } from 'node:path';
import type { Context } from '../../ui/context-types.js';
import { composeCreateBody, inputFromSettings, type VideoInput } from '../../core/video/request.js';
import { rerunCommand } from '../../core/video/rerun.js';
import { describeRenderCosts } from '../../core/voice/cost.js';
import { audition, type Audition } from '../../flows/audition.js';
import { createVideoFlow } from '../../ui/create-video.js';
import { playAudio } from '../../ui/audio-player.js';
import { displayPath } from '../../ui/follow-display.js';
import { UsageError } from '../../shared/errors.js';
import { readCreateCommandLine, type CreateCommandLine } from './create-input.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

/** Without a download path the audition is saved here, replaced each run (like `twin say`). */
const DEFAULT_STEM = 'audition';

interface AuditionResult {
  audio: Omit<Audition, 'retried'>;
  rendered: false;
  /** Renders exactly this audio; its idempotency key makes running it twice render once. */
  command: string;
}

export async function run(ctx: Context, opts: Record<string, unknown>): Promise<number> {
  if (opts.scenes !== undefined)
    throw new UsageError('--audition hears one script; a multi-scene file (--scenes) is not heard first yet.', {
      flag: '--audition',
      suggestion: `Hear a scene with \`${twinInvocation()} say --script-file scene.txt\`, or drop --audition.`,
    });
  if (opts.maxMinutes !== undefined)
    throw new UsageError('--max-minutes: applies to --scenes only; --audition says the exact length before any render.', {
      flag: '--max-minutes',
    });
  const line = await readCreateCommandLine(ctx, opts);
  if (line.dryRun)
    throw new UsageError('--audition cannot be combined with --dry-run: hearing the script is a (small) paid request.', {
      flag: '--audition',
      suggestion: 'Drop --dry-run to hear the script, or --audition to check the request only.',
    });
  if (line.input.audio !== undefined || line.input.audioUrl !== undefined)
    throw new UsageError('--audition hears a script; this request already has its audio (--audio / --audio-url).', {
      flag: '--audition',
    });
  const { body } = composeCreateBody(line.input, line.data, inputFromSettings(await ctx.settings()));
  if (typeof body.script !== 'string' || body.script.trim() === '')
    throw new UsageError('--audition needs a script to hear: pass --script "text" or --script-file PATH.', { flag: '--script' });

  // Beside the video when it has a path (intro.mp4 → intro.mp3), else audition.mp3 here.
  const target = typeof line.follow?.download === 'string' ? resolve(ctx.cwd, line.follow.download) : undefined;
  const settings = body.voice_settings ?? {};
  const api = await ctx.api();
  const heard = await audition(
    {
      script: body.script,
      ...(body.voice_id ? { voice: body.voice_id } : {}),
      ...(body.avatar_id ? { look: body.avatar_id } : {}),
      ...(typeof settings.speed === 'number' ? { speed: settings.speed } : {}),
      ...(typeof settings.locale === 'string' ? { locale: settings.locale } : {}),
      outDir: target ? dirname(target) : ctx.cwd,
      stem: target ? basename(target, extname(target)) : DEFAULT_STEM,
    },
    {
      api,
      signal: ctx.signal,
      sleep: ctx.sleep,
      onRetry: () => ctx.out.warn('The speech request got no answer; asking once more (it may be billed twice, a few cents).'),
    },
  );
  const render = renderFromAudio(line, displayPath(ctx, heard.path));
  const command = rerunCommand(ctx.globals, { ...render, follow: line.follow }, line.idempotencyKey ?? randomUUID());
  ctx.out.info(
    [
      `${ctx.out.style.green('✔')} ${displayPath(ctx, heard.path)}  ${heard.duration.toFixed(1)} s, voice ${heard.voice_id}`,
      `  A render of exactly this audio (up to 1080p, published rates, an estimate): ${describeRenderCosts(heard.cost)}`,
      `  This speech: about $${heard.cost.speech_usd.toFixed(4)} (Starfish)`,
    ].join('\n'),
  );

  if (!ctx.io.canPrompt) return stopAfterAudition(ctx, heard, command);
  const playing = await playAudio(heard.path, ctx.env);
  ctx.out.info(playing ? `  Playing with ${playing.name}…` : `  No audio player found: listen to ${displayPath(ctx, heard.path)}`);
  let approved: boolean;
  try {
    approved = await ctx.prompt.confirm({ message: 'Render with this audio?', default: true });
  } finally {
    playing?.stop();
  }
  if (!approved) return stopAfterAudition(ctx, heard, command);
  // The render lip-syncs to the heard file: the upload path sends it once (audio_asset_id).
  return createVideoFlow(ctx, render.input, { ...line, data: render.data, argv: undefined });
}

/** The request with the heard file as its audio: no script, and no speech settings it already has. */
function renderFromAudio(line: CreateCommandLine, audioPath: string): { input: Partial<VideoInput>; data?: Record<string, unknown> } {
  const { script: _script, voiceSpeed: _speed, voiceLocale: _locale, ...rest } = line.input;
  let data = line.data;
  if (data) {
    const { script: _s, ...others } = data;
    data = others;
    const vs = data.voice_settings;
    if (vs && typeof vs === 'object' && !Array.isArray(vs)) {
      const { speed: _sp, locale: _lo, ...kept } = vs as Record<string, unknown>;
      data = { ...data, voice_settings: kept };
    }
  }
  return { input: { ...rest, audio: audioPath }, ...(data ? { data } : {}) };
}

function stopAfterAudition(ctx: Context, heard: Audition, command: string): number {
  const { retried: _retried, ...audio } = heard;
  const result: AuditionResult = { audio, rendered: false, command };
  ctx.out.result(result, {
    human: (r) => `Not rendered. When the audio is right, render exactly it with:\n  ${r.command}`,
    quiet: (r) => [r.audio.path],
  });
  return 0;
}
