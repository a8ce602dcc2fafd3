// twin video create --scenes FILE: a multi-scene video (experimental in the API, contract §9)
// from a scene file. Only the flags that apply to the whole studio video are taken; what a
// scene says (its script, audio, background, motion, speed) lives in the file.
import type { Context } from '../../ui/context-types.js';
import { assertPreflight } from '../../core/video/preflight.js';
import type { Problem } from '../../core/video/rules.js';
import { readDuration } from '../../shared/duration.js';
import { toFlag } from '../../shared/flag-names.js';
import { ASPECT_RATIOS, ENGINES, RESOLUTIONS, type AspectRatio, type Engine, type Resolution } from '../../shared/video-facts.js';
import { createScenesFlow } from '../../ui/create-scenes.js';

/** Flags of `video create` that describe one talking scene: in a scene file they are directives. */
const PER_SCENE: Record<string, string> = {
  script: '[the scene text]',
  scriptFile: '[the scene text]',
  audio: '[audio: …]',
  audioUrl: '[audio: …]',
  background: '[background: #RRGGBB]',
  motionPrompt: '[motion: …]',
  voiceSpeed: '[speed: …]',
  data: 'the JSON scene form (scenes.json)',
  referenceLook: '[look: …] per scene',
  expressiveness: 'the JSON scene form',
  removeBackground: 'the JSON scene form',
  fit: 'the JSON scene form',
  voicePitch: 'the JSON scene form',
  voiceVolume: 'the JSON scene form',
  voiceLocale: 'the JSON scene form',
  outputFormat: 'nothing (multi-scene videos are mp4)',
  callbackId: 'nothing (not part of a multi-scene request)',
};

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

export async function run(ctx: Context, opts: Record<string, unknown>): Promise<number> {
  const problems: Problem[] = [];
  for (const [key, instead] of Object.entries(PER_SCENE)) {
    if (opts[key] !== undefined)
      problems.push({ flag: toFlag(key), message: `does not apply to --scenes: a multi-scene file says it per scene with ${instead}` });
  }
  const choice = <T extends string>(key: string, list: readonly T[]): T | undefined => {
    const value = text(opts[key]);
    if (value === undefined) return undefined;
    if ((list as readonly string[]).includes(value)) return value as T;
    problems.push({ flag: toFlag(key), message: `must be one of ${list.join(', ')} (got "${value}")` });
    return undefined;
  };
  const engine = choice<Engine>('engine', ENGINES);
  const aspectRatio = choice<AspectRatio>('aspectRatio', ASPECT_RATIOS);
  const resolution = choice<Resolution>('resolution', RESOLUTIONS);
  const duration = (key: string): number | undefined => {
    const value = text(opts[key]);
    if (value === undefined) return undefined;
    const reading = readDuration(value);
    if ('ms' in reading) return reading.ms;
    problems.push({ flag: toFlag(key), message: reading.problem });
    return undefined;
  };
  const timeoutMs = duration('timeout');
  const intervalMs = duration('interval');
  let maxMinutes: number | undefined;
  if (opts.maxMinutes !== undefined) {
    maxMinutes = Number(opts.maxMinutes);
    if (!Number.isFinite(maxMinutes) || maxMinutes <= 0)
      problems.push({ flag: '--max-minutes', message: `must be a number of minutes above 0 (got "${String(opts.maxMinutes)}")` });
  }
  const download = text(opts.output) ?? (opts.download === true ? true : text(opts.download));
  if (typeof opts.download === 'string' && opts.output !== undefined && opts.download !== opts.output)
    problems.push({ flag: '--output', message: `names a second download path (--download ${opts.download}); give the path once` });
  if (problems.length) assertPreflight({ ok: false, problems });

  const wait = opts.wait === true || download !== undefined;
  return createScenesFlow(ctx, {
    file: String(opts.scenes),
    look: text(opts.look),
    voice: text(opts.voice),
    engine,
    aspectRatio,
    resolution,
    captions: opts.captions === true ? true : undefined,
    title: text(opts.title),
    callbackUrl: text(opts.callbackUrl),
    idempotencyKey: text(opts.idempotencyKey),
    maxMinutes,
    dryRun: opts.dryRun === true,
    uploadCache: opts.cache !== false,
    argv: ctx.argv,
    follow: wait
      ? {
          wait: true,
          download,
          force: opts.force === true,
          captions: opts.captions === true,
          captioned: opts.captioned === true,
          thumbnail: opts.thumbnail === true,
          timeoutMs,
          intervalMs,
        }
      : undefined,
  });
}
