// `twin video create --scenes FILE` on a terminal (wired by the lead in phase B): pre-flight,
// --dry-run (the scene table and the exact body, nothing uploaded), else upload each local file
// once, one keyed create, then wait/download through flows/video.ts's followVideo. Multi-scene
// videos are experimental in the API: the first use says so once (remembered in the config folder).
import { safeJson } from '../shared/plain-text.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AspectRatio, Engine, Resolution } from '../shared/video-facts.js';
import { studioSettings } from '../core/scenes/settings.js';
import { configDir } from '../config/paths.js';
import { followVideo, prepareScenes, submitScenes, type PreparedScenes, type ScenesCreateResult } from '../flows/scenes.js';
import type { FollowOptions, SavedFile } from '../flows/video.js';
import type { HeyGenClient, Video } from '../api/index.js';
import { AuthError } from '../shared/errors.js';
import { ensureDir, writeFileAtomic } from '../shared/safe-fs.js';
import type { Context } from './context-types.js';
import { followHooks } from './follow-display.js';
import { noteCreated, rememberRender, resolveTiming } from '../core/poll/timing.js';
import type { RenderBasis } from '../core/poll/render-history.js';
import { DEFAULT_ENGINE } from '../shared/video-facts.js';
import { withRerunCommand } from '../core/video/rerun.js';
import { createUploader } from './media-upload.js';
import { estimateLine, scenesTable, showWarnings } from './scenes-view.js';
import { twinInvocation } from '../shared/twin-invocation.js';

export const EXPERIMENTAL_NOTICE =
  'Multi-scene videos are experimental in the HeyGen API: its shape may still change, and twin sends only the form every version accepts.';
const NOTICE_FILE = 'scenes-experimental-shown';

export interface CreateScenesOptions {
  file: string;
  look?: string;
  voice?: string;
  engine?: Engine;
  aspectRatio?: AspectRatio;
  resolution?: Resolution;
  /** Ask for captions (caption.file_format srt; default from settings); `follow.captioned` also burns them in. */
  captions?: boolean;
  title?: string;
  callbackUrl?: string;
  idempotencyKey?: string;
  maxMinutes?: number;
  dryRun?: boolean;
  /** false (--no-cache): upload even when the upload cache knows a file. */
  uploadCache?: boolean;
  follow?: FollowOptions;
  /** The command line as typed: an unclear outcome names it again, with the same key (rerun.ts). */
  argv?: readonly string[];
}

interface CreateScenesResult extends ScenesCreateResult {
  estimate: PreparedScenes['estimate'];
  warnings: string[];
  video?: Video;
  files?: SavedFile[];
}

/** One line, the first time only (a marker file in the config folder remembers it). */
function showExperimentalOnce(ctx: Pick<Context, 'env' | 'out'>): void {
  const dir = configDir(ctx.env);
  const marker = join(dir, NOTICE_FILE);
  if (existsSync(marker)) return;
  ctx.out.warn(EXPERIMENTAL_NOTICE);
  try {
    ensureDir(dir);
    writeFileAtomic(marker, `${new Date().toISOString()}\n`);
  } catch {
    // Not remembering only means the line shows again next time.
  }
}

/** The command line's and settings' values as scene defaults and whole-video settings. */
async function resolve(ctx: Context, opts: CreateScenesOptions) {
  const s = (await ctx.settings()).values;
  // As for `video create`: --captions asks for the SRT sidecar, --captioned also burns them in (§4.2).
  return studioSettings({
    look: opts.look ?? s.look,
    voice: opts.voice ?? s.voice,
    engine: opts.engine ?? s.engine,
    aspectRatio: opts.aspectRatio ?? s['aspect-ratio'],
    resolution: opts.resolution ?? s.resolution,
    captions: opts.captions ?? s.captions,
    burnCaptions: opts.follow?.captioned === true,
    title: opts.title,
    callbackUrl: opts.callbackUrl,
  });
}

/**
 * The client, or undefined when there is no key and `allowNoKey` (a dry run or `scenes check`
 * offline): the looks then go unchecked, which is said in a note.
 */
export async function apiOrNone(ctx: Context, allowNoKey: boolean): Promise<HeyGenClient | undefined> {
  try {
    return await ctx.api();
  } catch (error) {
    if (!(allowNoKey && error instanceof AuthError)) throw error;
    ctx.out.warn('No API key: the looks were not checked against HeyGen.');
    return undefined;
  }
}

export async function createScenesFlow(ctx: Context, opts: CreateScenesOptions): Promise<number> {
  showExperimentalOnce(ctx);
  const { settings, defaults } = await resolve(ctx, opts);
  const api = await apiOrNone(ctx, Boolean(opts.dryRun));
  const prepared = await prepareScenes(api, { file: opts.file, cwd: ctx.cwd, defaults, settings, maxMinutes: opts.maxMinutes });
  showWarnings(ctx, prepared);
  if (opts.dryRun) {
    const doc = {
      dry_run: true,
      scenes: prepared.estimate.scenes,
      estimate: prepared.estimate,
      warnings: prepared.verdict.warnings,
      request: prepared.loaded.body,
    };
    ctx.out.result(doc, { human: (d) => `${scenesTable(ctx, prepared)}\n\n${safeJson(d.request, 2)}` });
    ctx.out.info(estimateLine(prepared));
    ctx.out.info(
      `${ctx.out.style.green('✔')} Pre-flight passed. Nothing was uploaded or sent (--dry-run): this is the body POST /v3/videos would get.`,
    );
    return 0;
  }
  ctx.out.info(estimateLine(prepared));
  if (!api) throw new Error('unreachable: an API client is required past --dry-run');
  const uploader = prepared.verdict.media.length > 0 ? await createUploader(ctx, { cache: opts.uploadCache !== false }) : undefined;
  // An unknown outcome (Ctrl-C mid-request, a lost answer) comes back with the command that
  // re-sends it under the same key: the file is read again, the API replays the first result.
  const created = await submitScenes(api, prepared, {
    upload: (file) => (uploader as NonNullable<typeof uploader>).upload(file),
    idempotencyKey: opts.idempotencyKey,
  }).catch((error: unknown) => {
    throw opts.argv ? withRerunCommand(ctx.globals, error, { argv: opts.argv, input: {} }) : error;
  });
  const id = created.video_id;
  if (ctx.out.mode === 'quiet') ctx.out.data(id);
  ctx.out.info(
    `${ctx.out.style.green('✔')} Created video ${ctx.out.style.bold(id)} (${created.status}; idempotency key ${created.idempotency_key})`,
  );
  const result: CreateScenesResult = { ...created, estimate: prepared.estimate, warnings: prepared.verdict.warnings };
  const basis = scenesBasis(prepared);
  noteCreated(ctx, id, basis);
  if (opts.follow) {
    const timing = opts.follow.wait ? await resolveTiming(ctx, opts.follow, basis) : undefined;
    const waitStarted = ctx.now();
    const followed = await followVideo(api, id, { ...opts.follow, timing }, await followHooks(ctx, id));
    // As for `video create`: the time seen stands in for the server's timestamps only without a download.
    if (opts.follow.wait)
      rememberRender(ctx, basis, followed.video, opts.follow.download === undefined ? ctx.now() - waitStarted : undefined);
    result.status = followed.video.status;
    result.video = followed.video;
    result.files = followed.files;
  } else {
    ctx.out.info(ctx.out.style.dim(`  Follow it with: ${twinInvocation()} video wait ${id} --download`));
  }
  ctx.out.result(result, { human: (r) => `${r.video_id}\t${r.status}`, quiet: () => [] });
  return 0;
}

/** The render history's key for a studio video: its first talking scene's engine and the estimated length. */
function scenesBasis(prepared: PreparedScenes): RenderBasis | undefined {
  const body = prepared.loaded.body;
  const talk = body.scenes.find((scene) => scene.type === 'avatar_video');
  const speechMs = prepared.estimate.seconds * 1000;
  if (!(speechMs > 0)) return undefined;
  const engine = (talk?.type === 'avatar_video' ? talk.input.engine?.type : undefined) ?? DEFAULT_ENGINE;
  return { engine, resolution: body.resolution ?? 'default', speechMs };
}
