// The terminal side of core/video-flow.ts: a spinner (or plain lines) while a render runs, a
// progress bar per download, a question before replacing files, and the settings that time a
// wait. Used by `video create --wait`, `video wait`, `video download`, the wizard and the demo.
import { basename } from 'node:path';
import type { HeyGenClient, Video } from '../api/index.js';
import type { Context } from './context-types.js';
import { formatBytes } from '../core/download/downloader.js';
import type { PollTiming } from '../core/poll/poller.js';
import {
  displayPath as relativeDisplayPath,
  downloadVideoFiles,
  waitForVideo,
  type FileFlags,
  type FollowHooks,
  type SavedFile,
} from '../flows/video.js';
import { formatElapsed, statusPhase } from '../core/poll/video-status.js';
import { startProgress } from './progress.js';
import { describeVideo, startWaitDisplay } from './spinner.js';
import type { Style } from './style.js';

/** The hooks that show a wait and downloads on this context's terminal. */
export async function followHooks(ctx: Context, id: string): Promise<FollowHooks> {
  return {
    ...(await downloadHooks(ctx)),
    wait: async (run) => {
      const display = await startWaitDisplay(ctx, `video ${id}`);
      const started = ctx.now();
      try {
        const video = await run((v) => display.video(v));
        const ok = statusPhase(video.status) === 'completed';
        display.stop({ ok, text: `${describeVideo(video)} after ${formatElapsed(ctx.now() - started)}` });
        return video;
      } catch (error) {
        display.stop();
        throw error;
      }
    },
  };
}

async function downloadHooks(ctx: Context): Promise<FollowHooks> {
  return {
    cwd: ctx.cwd,
    outputDir: await outputDir(ctx),
    signal: ctx.signal,
    sleep: ctx.sleep,
    resumeCommand: true,
    confirmOverwrite: async (paths) =>
      ctx.io.canPrompt && (await ctx.prompt.confirm({ message: `Replace ${paths.join(', ')}?`, default: false })),
    onFile: ({ target }) => {
      const bar = startProgress(ctx, basename(target));
      return {
        update: (received, total) => bar.update(received, total),
        stop: () => bar.stop(),
        done: (file) => {
          const saved = `Saved ${displayPath(ctx, file.path)} (${formatBytes(file.bytes)})`;
          // The bar ends with this line on a terminal; in a pipe or CI, where there is no bar, it
          // is the one plain line that says where the file went (people only: not --json or --quiet).
          if (ctx.io.animate) bar.done(saved);
          else ctx.out.info(saved);
        },
      };
    },
  };
}

/** pollVideo with the spinner (or plain lines); resolves with a completed or failed video. */
export async function waitWithDisplay(ctx: Context, api: HeyGenClient, id: string, timing: PollTiming): Promise<Video> {
  const { wait } = await followHooks(ctx, id);
  return wait!((onProgress) => waitForVideo(api, id, { timing, onProgress }));
}

/** A completed video's files, with a progress bar each. */
export async function downloadWithDisplay(ctx: Context, api: HeyGenClient, video: Video, opts: FileFlags): Promise<SavedFile[]> {
  return downloadVideoFiles(api, video, opts, await downloadHooks(ctx));
}

/** "video     out/talk-vid_1.mp4  51 KiB": one saved file in a human result. */
export function savedFileLine(ctx: Pick<Context, 'cwd'>, file: SavedFile, style: Style): string {
  return `${style.dim(file.kind.padEnd(9))} ${displayPath(ctx, file.path)}  ${style.dim(formatBytes(file.bytes))}`;
}

export function displayPath(ctx: Pick<Context, 'cwd'>, path: string): string {
  return relativeDisplayPath(ctx.cwd, path);
}

/** The folder default file names go into: the output-dir setting, else the current folder. */
export async function outputDir(ctx: Context): Promise<string> {
  return (await ctx.settings()).values['output-dir'] ?? '.';
}
