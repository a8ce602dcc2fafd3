// create → wait → download with no terminal code: the one flow behind `twin video create`,
// the wizard, `twin demo` and the library export. Callers show progress through the hooks.
import type { HeyGenClient, Video } from '../api/index.js';
import type { CreateVideoBody } from '../api/video-body.js';
import { AuthError, isTwinError, UsageError } from '../shared/errors.js';
import { localMediaRefs } from '../core/media/local-media.js';
import { pollVideo, type PollTiming } from '../core/poll/poller.js';
import { assertPreflight, preflight, type PreflightCache, type PreflightVerdict } from '../core/video/preflight.js';
import { downloadVideoFiles, renderFailed, type DownloadHooks, type FollowOptions, type SavedFile } from '../core/download/video-files.js';
import { pollTiming } from '../core/poll/timing.js';
import { checkLocalRules, type Problem } from '../core/video/rules.js';
import { statusPhase } from '../core/poll/video-status.js';
export { downloadVideoFiles, displayPath, fileFlags, renderFailed } from '../core/download/video-files.js';
export type { DownloadHooks, DownloadProgress, FileFlags, FileKind, FollowOptions, SavedFile } from '../core/download/video-files.js';

/** What a created video is, as `video create --json` prints it (documented in the README). */
export interface CreateResult {
  video_id: string;
  status: string;
  output_format: string;
  idempotency_key: string;
  request: CreateVideoBody;
  notes: string[];
  video?: Video;
  files?: SavedFile[];
}

/**
 * Local rules first (no key needed, no request); the look, voice and engine after. With
 * `allowNoKey`, a missing key (AuthError from getApi) skips the remote checks with a note.
 */
export async function checkVideoRequest(
  getApi: () => Promise<Pick<HeyGenClient, 'getLook' | 'getVoice'>>,
  body: CreateVideoBody,
  /** `earlier`: problems found before the body (bad flag values), listed first. */
  options: { allowNoKey?: boolean; cache?: PreflightCache; earlier?: Problem[] } = {},
): Promise<PreflightVerdict> {
  // The look is read even when a local rule fails: one run lists every problem (a bad speed
  // and a look without Avatar V), and a request that is refused anyway needs no key to say so.
  const earlier = options.earlier ?? [];
  const local = [...earlier, ...checkLocalRules(body)];
  let api: Pick<HeyGenClient, 'getLook' | 'getVoice'>;
  try {
    api = await getApi();
  } catch (error) {
    if (!(error instanceof AuthError && (options.allowNoKey || local.length > 0))) throw error;
    const notes = ['No API key: the look, voice and engine were not checked against HeyGen.'];
    return { ok: local.length === 0, problems: local, notes, body };
  }
  const verdict = await preflight(api, body, options.cache);
  return earlier.length ? { ...verdict, ok: false, problems: [...earlier, ...verdict.problems] } : verdict;
}

/** One keyed POST of a body that passed pre-flight (UsageError, exit 2, when it did not). */
export async function submitVideo(
  api: Pick<HeyGenClient, 'createVideo'>,
  verdict: PreflightVerdict,
  idempotencyKey?: string,
): Promise<CreateResult> {
  assertPreflight(verdict);
  // A local path is never sent as an asset id: its file must have been uploaded first.
  const [local] = localMediaRefs(verdict.body);
  if (local)
    throw new UsageError(`${local.flag} ${local.path} is a local file that was not uploaded; nothing was sent.`, {
      flag: local.flag,
      details: { file: local.path },
      suggestion: "Use the library's createVideo (it uploads local files), or uploadAsset and asset:ID.",
    });
  const created = await api.createVideo(verdict.body, { idempotencyKey });
  return {
    video_id: created.video_id,
    status: created.status,
    output_format: created.output_format ?? verdict.body.output_format ?? 'mp4',
    idempotency_key: created.idempotencyKey,
    request: verdict.body,
    notes: verdict.notes,
  };
}

/** Pre-flight, then one POST /v3/videos with an Idempotency-Key (a new one unless given). */
async function createVideo(
  api: Pick<HeyGenClient, 'getLook' | 'getVoice' | 'createVideo'>,
  body: CreateVideoBody,
  options: { idempotencyKey?: string; preflightCache?: PreflightCache } = {},
): Promise<CreateResult> {
  const verdict = await checkVideoRequest(async () => api, body, { cache: options.preflightCache });
  return submitVideo(api, verdict, options.idempotencyKey);
}

export interface WaitOptions {
  /** Give up (WaitTimeoutError, exit 4) after this long; default DEFAULT_WAIT_TIMEOUT (2 h, shared/video-facts.ts). */
  timeoutMs?: number;
  /** First poll interval; it backs off to 15 s. Default DEFAULT_POLL_INTERVAL (2 s). */
  intervalMs?: number;
  /** Stops the wait (InterruptedError, exit 130); the render goes on at HeyGen. */
  signal?: AbortSignal;
  /** Each poll result; elapsedMs since the wait began. */
  onProgress?: (video: Video, elapsedMs: number) => void;
  /** Full timing (the CLI's, with its resume command); overrides the three above. */
  timing?: PollTiming;
}

/**
 * Polls GET /v3/videos/{id} until the video is completed or failed and resolves with it either
 * way (followVideo turns a failure into RenderFailedError). Throws WaitTimeoutError on timeout
 * and InterruptedError on abort, both with the resume command.
 */
export async function waitForVideo(
  api: Pick<HeyGenClient, 'getVideo' | 'getVideoStatuses'>,
  id: string,
  options: WaitOptions = {},
): Promise<Video> {
  return pollVideo(api, id, options.timing ?? libraryTiming(options, `waitForVideo(client, ${JSON.stringify(id)})`), options.onProgress);
}

/** Timing for a library caller: a timeout or Ctrl-C names the call that resumes, not a command line. */
function libraryTiming(opts: Parameters<typeof pollTiming>[0], call: string): PollTiming {
  return { ...pollTiming(opts), resumeWith: () => `${call} again (the render goes on at HeyGen)` };
}

export interface FollowHooks extends DownloadHooks {
  /** Each poll result while waiting. */
  onProgress?: WaitOptions['onProgress'];
  /** Wraps the wait (a spinner, say): gets the poll loop to run, returns its video. */
  wait?: (run: (onProgress: WaitOptions['onProgress']) => Promise<Video>) => Promise<Video>;
}

/**
 * After a video exists: wait for it (when asked), then fetch its files (when asked). A failed
 * render is RenderFailedError (exit 5); errors carry the video id in details.video_id.
 */
export async function followVideo(
  api: Pick<HeyGenClient, 'getVideo' | 'getVideoStatuses'>,
  id: string,
  opts: Omit<FollowOptions, 'wait'> & { wait?: boolean; timing?: PollTiming },
  hooks: FollowHooks = {},
): Promise<{ video: Video; files: SavedFile[] }> {
  try {
    let video: Video;
    // A download needs a finished render: asking for one means waiting unless told otherwise.
    if (opts.wait ?? opts.download !== undefined) {
      const timing =
        opts.timing ??
        libraryTiming({ ...opts, signal: hooks.signal, sleep: hooks.sleep }, `followVideo(client, ${JSON.stringify(id)}, …)`);
      const poll = (onProgress: WaitOptions['onProgress']) => waitForVideo(api, id, { timing, onProgress });
      video = hooks.wait ? await hooks.wait(poll) : await poll(hooks.onProgress);
    } else {
      video = await api.getVideo(id);
    }
    if (statusPhase(video.status) === 'failed') throw renderFailed(video);
    const files = opts.download === undefined ? [] : await downloadVideoFiles(api, video, opts, hooks);
    return { video, files };
  } catch (error) {
    // A timeout or failure after the create must still say which video it was about.
    if (isTwinError(error) && error.details.video_id === undefined) error.details.video_id = id;
    throw error;
  }
}
