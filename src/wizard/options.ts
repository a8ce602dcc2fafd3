// Step 6: output options. Resolution and aspect ratio (suggested from the look's
// orientation), then an advanced group that one keystroke (Enter) skips. Questions the
// engine or look would reject are never asked: motion prompt only where allowed,
// expressiveness only on Avatar IV. Answers are checked with the same zod rules as flags.
import { checkMediaFileSync } from '../core/media/media-file.js';
import type { MediaKind } from '../shared/media-type.js';
import { partialVideoInputSchema, type VideoInput } from '../core/video/request.js';
import { ASPECT_RATIOS, EXPRESSIVENESS_LEVELS, FITS, OUTPUT_FORMATS, RESOLUTIONS, type AspectRatio } from '../shared/video-facts.js';
import { ASPECT_HINTS, EXPRESSIVENESS_HINTS, FIT_HINTS, FORMAT_HINTS, RESOLUTION_HINTS } from './option-hints.js';
import type { Look } from '../api/schemas.js';
import type { Context } from '../ui/context-types.js';
import type { Choice } from '../ui/prompt.js';
import { toFlag } from '../shared/flag-names.js';
import { hinted, say } from './ui.js';
import { allowsExpressiveness, allowsMotionPrompt, shouldAsk, type StepOutcome, type WizardState } from './state.js';
import { twinInvocation } from '../shared/twin-invocation.js';

export async function chooseOptions(ctx: Context, state: WizardState): Promise<StepOutcome> {
  const { input } = state;
  const ask = (field: keyof VideoInput) => shouldAsk(state, 'options', field);
  if (ask('resolution')) {
    input.resolution = await ctx.prompt.select({
      message: 'Resolution:',
      choices: hinted(RESOLUTIONS.map((r) => [r, r, RESOLUTION_HINTS[r]])),
      default: input.resolution ?? '1080p',
    });
  }
  if (ask('aspectRatio')) {
    const suggested = suggestedAspectRatio(state.look?.preferred_orientation);
    input.aspectRatio = await ctx.prompt.select<AspectRatio>({
      message: 'Aspect ratio:',
      choices: aspectRatioChoices(state.look, suggested),
      default: input.aspectRatio ?? suggested,
    });
  }
  const advanced = await ctx.prompt.confirm({
    message: 'Advanced options (title, format, background, motion, voice tuning, captions)?',
    default: false,
  });
  if (advanced) await askAdvanced(ctx, state, ask);
}

/** portrait → 9:16, landscape → 16:9, square → 1:1, unknown → auto (the look's own frame). */
export function suggestedAspectRatio(orientation: string | null | undefined): AspectRatio {
  return ({ portrait: '9:16', landscape: '16:9', square: '1:1' } as Record<string, AspectRatio>)[orientation ?? ''] ?? 'auto';
}

export function aspectRatioChoices(
  look: Pick<Look, 'preferred_orientation'> | undefined,
  suggested: AspectRatio,
): Array<Choice<AspectRatio>> {
  const mark = `  ← suggested${look?.preferred_orientation ? ` for this ${look.preferred_orientation} look` : ''}`;
  return hinted(ASPECT_RATIOS.map((ratio) => [ratio, ratio, `${ASPECT_HINTS[ratio]}${ratio === suggested ? mark : ''}`]));
}

async function askAdvanced(ctx: Context, state: WizardState, ask: (field: keyof VideoInput) => boolean): Promise<void> {
  const { input, look } = state;
  const p = ctx.prompt;
  if (ask('title'))
    setText(
      ctx,
      state,
      'title',
      await p.input({ message: 'Title (shown in your HeyGen library; empty for none):', default: input.title, validate: check('title') }),
    );
  if (ask('outputFormat')) {
    set(
      input,
      'outputFormat',
      await p.select({
        message: 'Output format:',
        choices: hinted(OUTPUT_FORMATS.map((f) => [f, f, FORMAT_HINTS[f]])),
        default: input.outputFormat ?? 'mp4',
      }),
      'mp4',
    );
  }
  // webm is transparent: a background contradicts it and background removal is automatic.
  if (input.outputFormat !== 'webm') {
    if (ask('background')) await askBackground(ctx, state);
    if (ask('removeBackground')) {
      set(
        input,
        'removeBackground',
        await p.confirm({ message: "Remove the look's own background (needs matting)?", default: input.removeBackground ?? false }),
        false,
      );
    }
  }
  if (ask('fit')) {
    const fit = await p.select<string>({
      message: 'Fit the avatar to the frame:',
      choices: hinted<string>([['', 'let HeyGen decide'], ...FITS.map((f): [string, string, string] => [f, f, FIT_HINTS[f]])]),
      default: input.fit ?? '',
    });
    setText(ctx, state, 'fit', fit);
  }
  if (ask('motionPrompt') && allowsMotionPrompt(look, input.engine)) {
    setText(
      ctx,
      state,
      'motionPrompt',
      await p.input({
        message: 'Motion prompt (body motion and gestures; empty for none):',
        default: input.motionPrompt,
        validate: check('motionPrompt'),
      }),
    );
  }
  if (ask('expressiveness') && allowsExpressiveness(input.engine)) {
    set(
      input,
      'expressiveness',
      await p.select({
        message: 'Expressiveness (Avatar IV):',
        // Calm first: low is the API's default.
        choices: hinted([...EXPRESSIVENESS_LEVELS].reverse().map((e) => [e, e, EXPRESSIVENESS_HINTS[e]])),
        default: input.expressiveness ?? 'low',
      }),
      'low',
    );
  }
  if (input.script !== undefined) await askVoiceTuning(ctx, state, ask);
  if (ask('captions'))
    set(
      input,
      'captions',
      await p.confirm({ message: 'Also save captions (.srt) beside the video?', default: input.captions ?? false }),
      false,
    );
}

async function askBackground(ctx: Context, state: WizardState): Promise<void> {
  const { input } = state;
  const current = input.background;
  const kind = await ctx.prompt.select<string>({
    message: 'Background:',
    choices: hinted([
      ['', "the look's own", 'keep the background the look was recorded with'],
      ['color', 'colour', 'a solid colour (#RRGGBB)'],
      ['image', 'image', 'an https URL, or asset:ID of an upload'],
      ['file', 'a local file…', 'a png or jpeg on this computer (uploaded once, before the video is created)'],
    ]),
    default: current === undefined ? '' : current.startsWith('#') ? 'color' : /^(https?:|asset:)/.test(current) ? 'image' : 'file',
  });
  if (kind === '') {
    clear(ctx, state, 'background');
    return;
  }
  if (kind === 'file') {
    input.background = await askLocalFile(ctx, 'Background image file (png or jpeg):', '--background', ['image'], current);
    return;
  }
  const message = kind === 'color' ? 'Background colour (#RRGGBB):' : 'Background image (https URL or asset:ID):';
  input.background = (await ctx.prompt.input({ message, default: current, validate: check('background') })).trim();
}

/** A path to a local media file, checked as the command line would check it (relative to the current folder). */
export async function askLocalFile(
  ctx: Context,
  message: string,
  flag: string,
  kinds: readonly MediaKind[],
  current?: string,
): Promise<string> {
  const validate = (value: string) => {
    const path = value.trim();
    if (path === '') return 'Type a file path.';
    try {
      checkMediaFileSync(path, { where: flag, flag, kinds, cwd: ctx.cwd });
      return true;
    } catch (error) {
      return (error as Error).message;
    }
  };
  const keep = current !== undefined && !/^(https?:|asset:|#)/.test(current) ? current : undefined;
  return (await ctx.prompt.input({ message, default: keep, validate })).trim();
}

async function askVoiceTuning(ctx: Context, state: WizardState, ask: (field: keyof VideoInput) => boolean): Promise<void> {
  const { input } = state;
  const p = ctx.prompt;
  if (ask('voiceSpeed')) {
    const speed = await p.input({
      message: 'Voice speed (0.5 to 1.5):',
      default: String(input.voiceSpeed ?? 1),
      validate: check('voiceSpeed'),
    });
    set(input, 'voiceSpeed', Number(speed), 1);
  }
  if (ask('voicePitch')) {
    const pitch = await p.input({
      message: 'Voice pitch in semitones (-50 to 50):',
      default: String(input.voicePitch ?? 0),
      validate: check('voicePitch'),
    });
    set(input, 'voicePitch', Number(pitch), 0);
  }
  if (ask('voiceVolume')) {
    const volume = await p.input({
      message: 'Voice volume (0 silent to 1 full):',
      default: String(input.voiceVolume ?? 1),
      validate: check('voiceVolume'),
    });
    set(input, 'voiceVolume', Number(volume), 1);
  }
  // Only multilingual voices take an accent hint; unknown (a voice given as a flag) is asked.
  if (ask('voiceLocale') && state.voice?.supportLocale !== false) {
    setText(
      ctx,
      state,
      'voiceLocale',
      await p.input({
        message: "Voice accent (locale such as en-US; empty for the voice's own):",
        default: input.voiceLocale,
        validate: check('voiceLocale'),
      }),
    );
  }
}

/** Validates one answer with the rules `video create` applies to the same flag. */
function check(field: keyof VideoInput): (value: string) => true | string {
  return (value) => {
    if (value.trim() === '' && field !== 'voiceSpeed' && field !== 'voicePitch' && field !== 'voiceVolume') return true; // empty = none
    const parsed = partialVideoInputSchema.safeParse({ [field]: value });
    return parsed.success ? true : (parsed.error.issues[0]?.message ?? 'not a valid value');
  };
}

/**
 * Sets an answer. The API's own default is left out of the request (and the command line)
 * unless it overrides a saved default, which then has to be sent explicitly.
 */
function set<K extends keyof VideoInput>(input: Partial<VideoInput>, field: K, value: VideoInput[K], apiDefault: VideoInput[K]): void {
  if (value === apiDefault && input[field] === undefined) return;
  input[field] = value;
}

/** Empty text means "none". */
function setText(ctx: Context, state: WizardState, field: 'title' | 'motionPrompt' | 'voiceLocale' | 'fit', value: string): void {
  const text = value.trim();
  if (text === '') clear(ctx, state, field);
  else (state.input as Record<string, unknown>)[field] = text;
}

/**
 * "None" for a field. A saved default cannot be switched off from the command line (there is
 * no --no-background), so it stays, and the summary and the command line still tell the truth.
 */
function clear(ctx: Context, state: WizardState, field: 'title' | 'motionPrompt' | 'voiceLocale' | 'fit' | 'background'): void {
  const saved = state.defaults[field];
  if (saved === undefined) {
    delete state.input[field];
    return;
  }
  (state.input as Record<string, unknown>)[field] = saved;
  say(
    ctx,
    ctx.out.style.yellow(
      `! Kept your saved default ${toFlag(field)} ${String(saved)}; remove it from .heygenrc or \`${twinInvocation()} config\` to go without.`,
    ),
  );
}
