// A completed video's files on disk: which URLs go to which paths, then resumable, verified,
// atomic downloads (downloader.ts), with no terminal code. Callers show progress and ask about
// replacing files through the hooks.
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import type { HeyGenClient, Video } from '../../api/index.js';
import { ApiError, InterruptedError, RenderFailedError, UsageError, WaitTimeoutError, isTwinError } from '../../shared/errors.js';
import { errnoOf, fileSystemError } from '../../shared/safe-fs.js';
import { downloadFile } from './downloader.js';
import { defaultVideoFileName, formatFromUrl, resolveTarget, siblingPath } from './file-names.js';
import { resumeCommand as waitResumeCommand } from '../poll/poller.js';
import { shellQuote } from '../../shared/shell-quote.js';
import { statusPhase } from '../poll/video-status.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

export type FileKind = 'video' | 'captions' | 'captioned' | 'thumbnail';
export interface SavedFile {
  kind: FileKind;
  path: string;
  bytes: number;
  /** Hex SHA-256 of the file as saved (every download is hashed). */
  sha256: string;
}

/** Which files to fetch and where. */
export interface FileFlags {
  /** Download the video: true for the default name in the output folder, or a file or folder path. */
  download?: string | true;
  /** Replace existing files. */
  force?: boolean;
  /** Also save the subtitles (subtitle_url) as .srt beside the video. */
  captions?: boolean;
  /** Download the version with burned-in captions (captioned_video_url) instead. */
  captioned?: boolean;
  thumbnail?: boolean;
}

/** Whether to wait for the render (and then save these files), and how long. */
export interface FollowOptions extends FileFlags {
  wait: boolean;
  timeoutMs?: number;
  intervalMs?: number;
}

export interface DownloadProgress {
  update(received: number, total: number | undefined): void;
  done(file: SavedFile): void;
  stop(): void;
}

export interface DownloadHooks {
  /** Folder for default file names (and relative paths); default: cwd. */
  outputDir?: string;
  cwd?: string;
  signal?: AbortSignal;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** One call per file as it starts; the returned object hears its progress. */
  onFile?: (file: { kind: FileKind; target: string }) => DownloadProgress | void;
  /** Existing targets (as displayPath shows them) without `force`: true replaces them; default: refuse (UsageError). */
  confirmOverwrite?: (paths: string[]) => Promise<boolean>;
  /** The command line's: a failed download names the `twin video download` command that resumes it. */
  resumeCommand?: boolean;
}

interface Job {
  kind: FileKind;
  field: 'video_url' | 'captioned_video_url' | 'subtitle_url' | 'thumbnail_url';
  target: string;
}

/** Exit 5 with HeyGen's failure_code and failure_message. */
export function renderFailed(video: Video): RenderFailedError {
  const code = video.failure_code ?? 'unknown';
  const hint =
    code === 'download_failed'
      ? 'HeyGen could not fetch an input (background, audio): make sure URLs are public and within the size limits, then create the video again.'
      : `Fix the cause and create the video again; \`${twinInvocation()} video get ${video.id}\` shows the details.`;
  return new RenderFailedError(`Video ${video.id} failed to render (${code}): ${video.failure_message ?? 'no reason given'}`, {
    suggestion: hint,
    details: { video_id: video.id, failure_code: video.failure_code ?? null, failure_message: video.failure_message ?? null },
  });
}

/** `--download [PATH]` and the file flags, as `twin video wait` takes them. */
export function waitArgs(opts: FileFlags): string[] {
  if (opts.download === undefined) return [];
  return ['--download', ...(opts.download === true ? [] : [shellQuote(opts.download)]), ...fileFlags(opts)];
}

/** The flags that pick the same extra files again, in one order for every printed command. */
export function fileFlags(opts: FileFlags): string[] {
  const flags = (['force', 'captioned', 'captions', 'thumbnail'] as const).filter((name) => opts[name]);
  return flags.map((name) => `--${name}`);
}

/** Downloads a completed video's files: resumable, verified, atomic. */
export async function downloadVideoFiles(
  api: Pick<HeyGenClient, 'getVideo'>,
  video: Video,
  opts: FileFlags,
  hooks: DownloadHooks = {},
): Promise<SavedFile[]> {
  if (statusPhase(video.status) === 'failed') throw renderFailed(video);
  if (statusPhase(video.status) !== 'completed') {
    throw new WaitTimeoutError(`Video ${video.id} is not ready yet (status: ${video.status}).`, {
      code: 'not_ready',
      suggestion: `Wait for it and download it: ${waitResumeCommand([video.id], waitArgs({ ...opts, download: opts.download ?? true }))}`,
      details: { video_id: video.id, status: video.status },
    });
  }
  try {
    return await saveFiles(api, video, opts, hooks);
  } catch (error) {
    // The render is paid for: whatever stopped the download (a full disk, a lost folder, a file
    // in the way), the way back is a download of the same video, never a new render.
    if (hooks.resumeCommand) throw withDownloadResume(error, video.id, opts);
    // The library's caller resumes by calling again: the error only says which video it was.
    if (isTwinError(error)) error.details.video_id ??= video.id;
    throw error;
  }
}

async function saveFiles(api: Pick<HeyGenClient, 'getVideo'>, video: Video, opts: FileFlags, hooks: DownloadHooks): Promise<SavedFile[]> {
  const cwd = hooks.cwd ?? process.cwd();
  const jobs = planJobs(video, opts, hooks.outputDir ?? '.', cwd);
  const force = await confirmOverwrite(jobs, Boolean(opts.force), cwd, hooks.confirmOverwrite);
  const files: SavedFile[] = [];
  for (const job of jobs) {
    // Once a file is in place (or the user agreed to replace one), the same command would stop
    // at it: the resume line needs --force then. The .part is resumed either way.
    const resume = resumeCommand(video.id, { ...opts, force: force || files.length > 0 });
    const progress = hooks.onFile?.({ kind: job.kind, target: job.target }) ?? undefined;
    try {
      const result = await downloadFile({
        url: video[job.field] ?? missingAsset(video, job),
        target: job.target,
        force,
        refreshUrl: async () => (await api.getVideo(video.id))[job.field] ?? missingAsset(video, job),
        signal: hooks.signal,
        sleep: hooks.sleep,
        onProgress: progress && ((received, total) => progress.update(received, total)),
        resumeHint: resume,
      });
      const file: SavedFile = { kind: job.kind, path: result.path, bytes: result.bytes, sha256: result.sha256 };
      progress?.done(file);
      files.push(file);
    } catch (error) {
      progress?.stop();
      throw error;
    }
  }
  return files;
}

function planJobs(video: Video, opts: FileFlags, outputDir: string, cwd: string): Job[] {
  const field = opts.captioned ? 'captioned_video_url' : 'video_url';
  const kind: FileKind = opts.captioned ? 'captioned' : 'video';
  const url = video[field] ?? missingAsset(video, { kind, field });
  const format = formatFromUrl(url);
  let name = defaultVideoFileName(video, format);
  if (opts.captioned) name = siblingPath(name, `-captioned.${format}`);
  const output = typeof opts.download === 'string' ? opts.download : undefined;
  const target = resolveTarget(output, name, outputDir, cwd);
  const jobs: Job[] = [{ kind, field, target }];
  if (opts.captions) jobs.push({ kind: 'captions', field: 'subtitle_url', target: siblingPath(target, '.srt') });
  if (opts.thumbnail)
    jobs.push({ kind: 'thumbnail', field: 'thumbnail_url', target: siblingPath(target, imageExtension(video.thumbnail_url)) });
  return jobs;
}

/** Existing files are replaced only with force, or when the caller's confirm says yes. */
async function confirmOverwrite(jobs: Job[], force: boolean, cwd: string, confirm: DownloadHooks['confirmOverwrite']): Promise<boolean> {
  if (force) return true;
  const existing = jobs.filter((job) => existsSync(job.target)).map((job) => displayPath(cwd, job.target));
  if (existing.length === 0) return false;
  if (confirm && (await confirm(existing))) return true;
  const list = existing.join(', ');
  throw new UsageError(`${list} already ${existing.length === 1 ? 'exists' : 'exist'}; nothing was downloaded.`, {
    flag: 'force',
    suggestion: 'Use `force` to replace it, or save it somewhere else.',
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
        ? 'Only videos created with a caption style have one; download the plain video with `captions` for an .srt instead.'
        : `Check the video with \`${twinInvocation()} video get ${video.id}\`.`,
    details: { video_id: video.id },
  });
}

function imageExtension(url: string | null | undefined): string {
  const match = /\.(jpe?g|png|webp|gif)$/i.exec(url ? new URL(url, 'http://x').pathname : '');
  return `.${match?.[1]?.toLowerCase() ?? 'jpg'}`;
}

/** The error, saying how to download this video again unless it already does. */
function withDownloadResume(error: unknown, id: string, opts: FileFlags): unknown {
  const twin = isTwinError(error)
    ? error
    : errnoOf(error)
      ? fileSystemError(error, String((error as { path?: unknown }).path ?? ''))
      : undefined;
  if (!twin || twin instanceof InterruptedError || twin.code === 'asset_not_available') return error;
  const prefix = `${twinInvocation()} video download ${id}`;
  if (twin.suggestion?.includes(prefix) || typeof twin.details.resume === 'string') return twin;
  // A file in the way is replaced by the same command with --force; anything else, as it was.
  const resume = resumeCommand(id, twin.details.flag === 'force' ? { ...opts, force: true } : opts);
  twin.details.resume = resume;
  (twin as { suggestion?: string }).suggestion =
    `${twin.suggestion ? `${twin.suggestion} ` : ''}The video is rendered; download it with: ${resume}`;
  return twin;
}

/** The command that picks this download up again (a .part is resumed, not restarted). */
function resumeCommand(id: string, opts: FileFlags): string {
  const output = typeof opts.download === 'string' ? ['-o', shellQuote(opts.download)] : [];
  return [`${twinInvocation()} video download`, id, ...output, ...fileFlags(opts)].join(' ');
}

/** A path relative to cwd when it lies inside it, else as is. */
export function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') ? rel : path;
}
