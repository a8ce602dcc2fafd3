// Saving one finished render into the output folder: its file (resumable, verified, atomic,
// through the shared downloader) and, when the row asked for captions, the .srt beside it.
import { dirname, join, resolve } from 'node:path';
import type { CreateVideoBody, HeyGenClient } from '../../api/index.js';
import { ApiError, UsageError } from '../../shared/errors.js';
import type { DownloadRequest, DownloadResult } from '../download/downloader.js';
import { defaultVideoFileName, formatFromUrl, siblingPath } from '../download/file-names.js';
import type { Task } from './tasks.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

export type DownloadFn = (req: DownloadRequest) => Promise<DownloadResult>;

interface FetchDeps {
  api: Pick<HeyGenClient, 'getVideo'>;
  download: DownloadFn;
  outDir: string;
  /** --force: replace files in the output folder that this batch did not write. */
  force?: boolean;
  signal: AbortSignal;
  sleep?: DownloadRequest['sleep'];
}

export async function fetchVideo(task: Task, deps: FetchDeps): Promise<DownloadResult> {
  const id = task.videoId!;
  const video = await deps.api.getVideo(id);
  const url = video.video_url;
  if (!url) {
    throw new ApiError(`Video ${id} is ${video.status} but has no download URL yet.`, {
      code: 'no_video_url',
      suggestion: 'Run the same command again in a moment.',
    });
  }
  const body = JSON.parse(task.row.body) as CreateVideoBody;
  const format = body.output_format === 'webm' ? 'webm' : formatFromUrl(url);
  // The row's id/name when it has one (made unique when the plan was made); the title and id
  // otherwise. Both stay the same on a re-run, so a download cut short resumes from its .part.
  const target = join(resolve(deps.outDir), task.row.file ?? defaultVideoFileName(video, format));
  if (dirname(target) !== resolve(deps.outDir)) {
    throw new UsageError(`Refusing to save video ${id} outside the output folder (${target}).`, { code: 'unsafe_path' });
  }
  const fresh = (pick: (v: typeof video) => string | null | undefined) => async () => {
    const again = pick(await deps.api.getVideo(id));
    if (!again) throw new ApiError(`Video ${id} no longer has a download URL.`, { code: 'no_video_url' });
    return again;
  };
  // A file already there is replaced only when this batch wrote it (or it was checked before the
  // run: see out-files.ts), or with --force; otherwise the download stops and says so.
  const force = deps.force === true || task.overwrite === true || task.file === target;
  const common = {
    force,
    signal: deps.signal,
    resumeHint: `the same \`${twinInvocation()} batch run\` command`,
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
  };
  const result = await deps.download({ url, target, refreshUrl: fresh((v) => v.video_url), ...common });
  if (task.expectedSha256 !== undefined && result.sha256 !== task.expectedSha256) {
    throw new ApiError(
      `The file of video ${id} (${result.path}) does not match the lock file's SHA-256 (${task.expectedSha256.slice(0, 12)}…, got ${result.sha256.slice(0, 12)}…).`,
      {
        code: 'lock_checksum_mismatch',
        suggestion: 'The video at HeyGen is not the one the lock recorded: to render the row again, remove its line from the lock file.',
      },
    );
  }
  if (body.caption && video.subtitle_url) {
    await deps.download({
      url: video.subtitle_url,
      target: siblingPath(target, '.srt'),
      refreshUrl: fresh((v) => v.subtitle_url),
      ...common,
    });
  }
  return result;
}
