// `twin video wait` and `twin video download`: registration only; the code loads when run.
import type { Command } from 'commander';
import type { Act } from '../types.js';
import { examples } from '../options.js';
import { DEFAULT_WAIT_TIMEOUT, POLL_BACKOFF_CAP } from '../../shared/video-facts.js';

function fileOptions(command: Command): Command {
  return command
    .option('-o, --output <path>', 'file or folder to save into (default: the output-dir setting, else here)')
    .option('--force', 'replace existing files (asks on a terminal otherwise)')
    .option('--captions', 'also save the subtitles (subtitle_url) as .srt beside the video')
    .option('--captioned', 'download the version with burned-in captions (captioned_video_url)')
    .option('--thumbnail', 'also save the thumbnail beside the video');
}

export function registerVideoTransfer(parent: Command, act: Act): void {
  const wait = parent
    .command('wait')
    .description('Wait for one or more renders to finish (exit 0 done, 4 timed out, 5 failed), then optionally download')
    .argument('<video-id...>', 'ids printed by `twin video create`; many ids share one status request per 100')
    .option(
      '--interval <duration>',
      `poll from this interval, backing off to ${POLL_BACKOFF_CAP} (default: planned, never more requests than the 10-second loop HeyGen documents)`,
    )
    .option(
      '--timeout <duration>',
      `stop waiting after this long, exit 4; the render goes on (default: timeout setting, ${DEFAULT_WAIT_TIMEOUT})`,
    )
    .option('--download [path]', 'download each completed video (optionally into this file or folder)');
  fileOptions(wait)
    .addHelpText(
      'after',
      examples([
        ['wait for a render with a live spinner', 'twin video wait 3f2a9c'],
        ['wait, then save the MP4 and its subtitles', 'twin video wait 3f2a9c --captions -o talks/'],
        ['many videos in CI, at most 20 minutes', 'twin video wait 3f2a9c 7bd01e 9c44aa --timeout 20m --download out/'],
      ]) + '\nCtrl-C stops waiting (exit 130) and prints the command that resumes; the render itself goes on.\n',
    )
    .action(act(() => import('./wait.js')));

  const download = parent
    .command('download')
    .description('Download a finished video: resumable, verified (length and SHA-256), never a partial file at the target')
    .argument('<video-id>', 'the video id');
  fileOptions(download)
    .addHelpText(
      'after',
      examples([
        ['save as <title>-<id>.mp4 here', 'twin video download 3f2a9c'],
        ['into a folder, with subtitles and thumbnail', 'twin video download 3f2a9c -o videos/ --captions --thumbnail'],
        ['the burned-in-captions version, to a file name of your own', 'twin video download 3f2a9c --captioned -o promo.mp4'],
        ['the saved path only, for scripts', 'twin video download 3f2a9c --quiet'],
      ]) + '\nAn interrupted download leaves <file>.part; running the same command again resumes it.\n',
    )
    .action(act(() => import('./download.js')));
}
