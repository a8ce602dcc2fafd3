// What happens after a video exists: wait for it (spinner), then fetch its files (progress bar).
// Shared by `video create --wait/--download`, `video wait`, `video download`, the wizard and
// `twin demo`. It prints no result: callers do, so --json stays one document.
import { existsSync } from 'node:fs';
import { basename, relative } from 'node:path';
import type { HeyGenClient, Video } from '../../api/index.js';
import type { Context } from '../../context.js';
import { ApiError, RenderFailedError, UsageError, WaitTimeoutError } from '../../errors.js';
import { downloadFile, formatBytes } from '../../core/downloader.js';
import { defaultVideoFileName, formatFromUrl, resolveTarget, siblingPath } from '../../core/file-names.js';
import { shellQuote } from '../../core/shell-quote.js';
import { DEFAULT_TIMING, pollVideo, resumeCommand as waitResumeCommand, type PollTiming } from '../../core/poller.js';
import { formatElapsed, statusPhase } from '../../core/video-status.js';
import { startProgress } from '../../ui/progress.js';
import { describeVideo, startWaitDisplay } from '../../ui/spinner.js';
import type { Style } from '../../ui/style.js';
import { parseDuration } from '../options.js';

export interface FollowOptions {
  wait: boolean;
  /** Download the video: true for the default name in the output folder, or a file or folder path. */
  download?: string | true;
  force?: boolean;
  /** Also save the subtitles (subtitle_url) as .srt beside the video. */
  captions?: boolean;
  /** Download the version with burned-in captions (captioned_video_url) instead. */
  captioned?: boolean;
  thumbnail?: boolean;
  timeoutMs?: number;
  intervalMs?: number;
}

export type FileKind = 'video' | 'captions' | 'captioned' | 'thumbnail';
export interface SavedFile {
  kind: FileKind;
  path: string;
  bytes: number;
  sha256?: string;
}

export async function followVideo(ctx: Context, videoId: string, opts: FollowOptions): Promise<{ video: Video; files: SavedFile[] }> {
  const api = await ctx.api();
  const video = opts.wait ? await waitForVideo(ctx, api, videoId, await resolveTiming(ctx, opts)) : await api.getVideo(videoId);
  if (statusPhase(video.status) === 'failed') throw renderFailed(video);
  const files = opts.download === undefined ? [] : await downloadVideoFiles(ctx, api, video, opts);
  return { video, files };
}

type FileFlags = Pick<FollowOptions, 'download' | 'force' | 'captions' | 'captioned' | 'thumbnail'>;

/**
 * Poll timing from the flags, else the `interval`/`timeout` settings (defaults 2 s and 30 min).
 * The file flags go into the resume command, so a resumed wait still downloads what was asked.
 */
export async function resolveTiming(ctx: Context, opts: { timeoutMs?: number; intervalMs?: number } & FileFlags): Promise<PollTiming> {
  const { values } = await ctx.settings();
  const intervalMs = opts.intervalMs ?? parseDuration(values.interval, '--interval');
  const timeoutMs = opts.timeoutMs ?? parseDuration(values.timeout, '--timeout');
  return {
    intervalMs,
    maxIntervalMs: Math.max(DEFAULT_TIMING.maxIntervalMs, intervalMs),
    timeoutMs,
    now: ctx.now,
    sleep: ctx.sleep,
    signal: ctx.signal,
    resumeArgs: waitArgs(opts),
    // Downloads start once every video has finished, so a resumed wait must name them all.
    resumeAllIds: opts.download !== undefined,
  };
}

/** `--download [PATH]` and the file flags, as `twin video wait` takes them. */
function waitArgs(opts: FileFlags): string[] {
  if (opts.download === undefined) return [];
  return ['--download', ...(opts.download === true ? [] : [shellQuote(opts.download)]), ...fileFlags(opts)];
}

/** The flags that pick the same extra files again, in one order for every printed command. */
function fileFlags(opts: FileFlags): string[] {
  const flags = (['force', 'captioned', 'captions', 'thumbnail'] as const).filter((name) => opts[name]);
  return flags.map((name) => `--${name}`);
}

/** pollVideo with the spinner (or plain lines); resolves with a completed or failed video. */
export async function waitForVideo(ctx: Context, api: HeyGenClient, id: string, timing: PollTiming): Promise<Video> {
  const display = await startWaitDisplay(ctx, `video ${id}`);
  const started = ctx.now();
  try {
    const video = await pollVideo(api, id, timing, (v) => display.video(v));
    const ok = statusPhase(video.status) === 'completed';
    display.stop({ ok, text: `${describeVideo(video)} after ${formatElapsed(ctx.now() - started)}` });
    return video;
  } catch (error) {
    display.stop();
    throw error;
  }
}

/** Exit 5 with HeyGen's failure_code and failure_message. */
export function renderFailed(video: Video): RenderFailedError {
  const code = video.failure_code ?? 'unknown';
  const hint =
    code === 'download_failed'
      ? 'HeyGen could not fetch an input (background, audio): make sure URLs are public and within the size limits, then create the video again.'
      : `Fix the cause and create the video again; \`twin video get ${video.id}\` shows the details.`;
  return new RenderFailedError(`Video ${video.id} failed to render (${code}): ${video.failure_message ?? 'no reason given'}`, {
    suggestion: hint,
    details: { video_id: video.id, failure_code: video.failure_code ?? null, failure_message: video.failure_message ?? null },
  });
}

interface Job {
  kind: FileKind;
  field: 'video_url' | 'captioned_video_url' | 'subtitle_url' | 'thumbnail_url';
  target: string;
}

/** Downloads a completed video's files: resumable, verified, atomic, one progress bar each. */
export async function downloadVideoFiles(
  ctx: Context,
  api: HeyGenClient,
  video: Video,
  opts: FileFlags,
): Promise<SavedFile[]> {
  if (statusPhase(video.status) === 'failed') throw renderFailed(video);
  if (statusPhase(video.status) !== 'completed') {
    throw new WaitTimeoutError(`Video ${video.id} is not ready yet (status: ${video.status}).`, {
      code: 'not_ready',
      suggestion: `Wait for it and download it: ${waitResumeCommand([video.id], waitArgs({ ...opts, download: opts.download ?? true }))}`,
      details: { video_id: video.id, status: video.status },
    });
  }
  const jobs = planJobs(ctx, video, opts, (await ctx.settings()).values['output-dir'] ?? '.');
  const force = await confirmOverwrite(ctx, jobs, Boolean(opts.force));
  const files: SavedFile[] = [];
  for (const job of jobs) {
    // Once a file is in place (or the user agreed to replace one), the same command would stop
    // at it: the resume line needs --force then. The .part is resumed either way.
    const resume = resumeCommand(video.id, { ...opts, force: force || files.length > 0 });
    const bar = startProgress(ctx, basename(job.target));
    try {
      const result = await downloadFile({
        url: video[job.field] ?? missingAsset(video, job),
        target: job.target,
        force,
        refreshUrl: async () => (await api.getVideo(video.id))[job.field] ?? missingAsset(video, job),
        signal: ctx.signal,
        sleep: ctx.sleep,
        onProgress: (received, total) => bar.update(received, total),
        resumeHint: resume,
      });
      const saved = `Saved ${displayPath(ctx, result.path)} (${formatBytes(result.bytes)})`;
      // The bar ends with this line on a terminal; in a pipe or CI, where there is no bar, it is
      // the one plain line that says where the file went (people only: not --json or --quiet).
      if (ctx.io.animate) bar.done(saved);
      else ctx.out.info(saved);
      files.push({ kind: job.kind, path: result.path, bytes: result.bytes, sha256: result.sha256 });
    } catch (error) {
      bar.stop();
      throw error;
    }
  }
  return files;
}

function planJobs(ctx: Context, video: Video, opts: FileFlags, outputDir: string): Job[] {
  const field = opts.captioned ? 'captioned_video_url' : 'video_url';
  const kind: FileKind = opts.captioned ? 'captioned' : 'video';
  const url = video[field] ?? missingAsset(video, { kind, field });
  const format = formatFromUrl(url);
  let name = defaultVideoFileName(video, format);
  if (opts.captioned) name = siblingPath(name, `-captioned.${format}`);
  const output = typeof opts.download === 'string' ? opts.download : undefined;
  const target = resolveTarget(output, name, outputDir, ctx.cwd);
  const jobs: Job[] = [{ kind, field, target }];
  if (opts.captions) jobs.push({ kind: 'captions', field: 'subtitle_url', target: siblingPath(target, '.srt') });
  if (opts.thumbnail) jobs.push({ kind: 'thumbnail', field: 'thumbnail_url', target: siblingPath(target, imageExtension(video.thumbnail_url)) });
  return jobs;
}

/** Existing files are replaced only with --force, or after a yes on a terminal. */
async function confirmOverwrite(ctx: Context, jobs: Job[], force: boolean): Promise<boolean> {
  if (force) return true;
  const existing = jobs.filter((job) => existsSync(job.target)).map((job) => displayPath(ctx, job.target));
  if (existing.length === 0) return false;
  const list = existing.join(', ');
  if (ctx.io.canPrompt && (await ctx.prompt.confirm({ message: `Replace ${list}?`, default: false }))) return true;
  throw new UsageError(`${list} already ${existing.length === 1 ? 'exists' : 'exist'}; nothing was downloaded.`, {
    flag: 'force',
    suggestion: 'Pass --force to replace, or -o to save somewhere else.',
  });
}

function missingAsset(video: Video, job: Pick<Job, 'kind' | 'field'>): never {
  const what: Record<FileKind, string> = {
    video: 'video file',
    captioned: 'version with burned-in captions',
    captions: 'subtitle file',
    thumbnail: 'thumbnail',
  };
  throw new ApiError(`Video ${video.id} has no ${what[job.kind]} (${job.field} is empty).`, {
    code: 'asset_not_available',
    suggestion:
      job.kind === 'captioned'
        ? 'Only videos created with a caption style have one; download the plain video with --captions for an .srt instead.'
        : `Check the video with \`twin video get ${video.id}\`.`,
    details: { video_id: video.id },
  });
}

function imageExtension(url: string | null | undefined): string {
  const match = /\.(jpe?g|png|webp|gif)$/i.exec(url ? new URL(url, 'http://x').pathname : '');
  return `.${match?.[1]?.toLowerCase() ?? 'jpg'}`;
}

/** The command that picks this download up again (a .part is resumed, not restarted). */
function resumeCommand(id: string, opts: FileFlags): string {
  const output = typeof opts.download === 'string' ? ['-o', shellQuote(opts.download)] : [];
  return ['twin video download', id, ...output, ...fileFlags(opts)].join(' ');
}

/** "video     out/talk-vid_1.mp4  51 KiB": one saved file in a human result. */
export function savedFileLine(ctx: Pick<Context, 'cwd'>, file: SavedFile, style: Style): string {
  return `${style.dim(file.kind.padEnd(9))} ${displayPath(ctx, file.path)}  ${style.dim(formatBytes(file.bytes))}`;
}

export function displayPath(ctx: Pick<Context, 'cwd'>, path: string): string {
  const rel = relative(ctx.cwd, path);
  return rel && !rel.startsWith('..') ? rel : path;
}
