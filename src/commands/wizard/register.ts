// `twin wizard`: registration only. Flags answer questions ahead of time (their steps are
// skipped); the rest is asked on the terminal.
import { Option, type Command } from 'commander';
import type { Act } from '../types.js';
import { examples } from '../options.js';
import { ENGINES } from '../../shared/video-facts.js';

export function registerWizard(command: Command, act: Act): void {
  command
    .option('--look <id>', 'use this look (skips the question)')
    .option('--voice <id>', 'use this voice (skips the question)')
    .addOption(new Option('--engine <engine>', 'use this engine (skips the question)').choices(ENGINES))
    .option('--script <text>', 'use this script (skips the question)')
    .option('--script-file <path>', 'read the script from a file (skips the question)')
    .option('--title <title>', 'title in the HeyGen dashboard')
    .option('-o, --output <path>', 'where to save the video (a file or a folder; default: the output-dir setting)')
    .option('--no-wait', 'create the video, print its id and stop (no waiting, no download)')
    .option('--timeout <duration>', 'give up waiting after this long, e.g. 30m (the render goes on)')
    .option('--force', 'overwrite an existing file at the download path')
    .option('--dry-run', 'stop after the summary: print the equivalent command on stdout, create nothing')
    .option('-y, --yes', 'create at the summary without asking')
    .addHelpText(
      'after',
      examples([
        ['answer every question, then render and download', 'twin wizard'],
        ['start from a look you know; save the video into renders/', 'twin wizard --look lk_123 -o renders/'],
        ['build a command line for a script, create nothing', 'twin wizard --dry-run > make-video.sh'],
      ]) + '\nNeeds a terminal; in scripts and CI use `twin video create` with flags.\n',
    )
    .action(act(() => import('./run.js')));
}
