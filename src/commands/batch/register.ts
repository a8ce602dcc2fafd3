import { Option, type Command } from 'commander';
import type { Act } from '../types.js';
import { examples } from '../options.js';

export function registerBatch(parent: Command, act: Act): void {
  parent
    .command('run')
    .description('Render every row of a CSV or JSONL manifest: crash-safe, resumable, no row rendered twice')
    .argument('<manifest>', 'CSV with a header row, or JSONL; columns are the long flags of `twin video create`')
    .option('-o, --out <dir>', 'folder for the videos (default: the output-dir setting)')
    .option('--journal <path>', 'journal of every row\'s state (default: <out>/.twin-journal.jsonl)')
    .option('--report <path>', 'JSON report, one entry per row (default: <out>/twin-batch-report.json)')
    .option('-c, --concurrency <n>', 'renders in flight (default: the concurrency setting, 10 = the API\'s limit)')
    .option('--shard <i/n>', 'render only share i of n (a CI matrix of n jobs, no overlap)')
    .option('--batch-id <id>', 'name of this batch in idempotency keys (default: the manifest\'s absolute path)')
    .option('--retry-failed', 'render the rows that failed in an earlier run again (with new keys)')
    .option('--no-download', 'only render; do not download the files')
    .option('--timeout <duration>', 'stop after this long (exit 4); the same command continues later')
    .option('--dry-run', 'check every row and print the plan; send nothing')
    .option('--sample <n>', 'render only n rows spread over the manifest, then stop with the command for the rest')
    .option('--rows <ids>', 'render only these rows (their id or name column, comma-separated)')
    .option('--max-renders <n>', 'refuse to start more than n renders (default: the max-renders setting)')
    .option('--max-minutes <m>', 'refuse a plan estimated at more than m minutes of video')
    .option('--look <id>', 'default look for rows without one')
    .option('--voice <id>', 'default voice for rows without one')
    .addOption(new Option('--engine <engine>', 'default engine').choices(['avatar_iv', 'avatar_v', 'avatar_iii']))
    .addOption(new Option('--resolution <res>', 'default resolution').choices(['4k', '1080p', '720p']))
    .addOption(new Option('--aspect-ratio <ratio>', 'default aspect ratio').choices(['auto', '16:9', '9:16', '4:5', '5:4', '1:1']))
    .addOption(new Option('--fit <fit>', 'default fit').choices(['contain', 'cover']))
    .addOption(new Option('--output-format <format>', 'default file format').choices(['mp4', 'webm']))
    .addOption(new Option('--expressiveness <level>', 'default expressiveness (Avatar IV)').choices(['high', 'medium', 'low']))
    .option('--background <bg>', "default background: '#RRGGBB', an https image URL, or asset:ID")
    .option('--remove-background', 'remove the avatar background by default')
    .option('--voice-speed <n>', 'default voice speed, 0.5 to 1.5')
    .option('--voice-pitch <n>', 'default voice pitch, -50 to 50')
    .option('--voice-volume <n>', 'default voice volume, 0 to 1')
    .option('--voice-locale <locale>', 'default accent hint such as en-US')
    .option('--captions', 'also save captions (.srt) beside each video')
    .option('--callback-url <url>', 'webhook called when each render ends')
    .addHelpText(
      'after',
      examples([
        ['check a manifest and see the plan, sending nothing', 'twin batch run videos.csv --dry-run'],
        ['render it into ./out (run it again after a crash: it continues)', 'twin batch run videos.csv --out out --look lk_123'],
        ['one job of a 3-job CI matrix', 'twin batch run videos.csv --shard 2/3 --batch-id release-42'],
        ['render the rows that failed, again', 'twin batch run videos.csv --out out --retry-failed'],
        ['render 3 rows first, look at out/review.html, then run without --sample', 'twin batch run videos.csv --out out --sample 3'],
        ['never start more than 40 renders or 30 minutes of video', 'twin batch run videos.csv --out out --max-renders 40 --max-minutes 30'],
      ]) +
        '\nManifest: one row per video. Columns are the long flags of `twin video create` (aspect-ratio,\n' +
        'aspect_ratio and aspectRatio all work), plus script_file (relative to the manifest) and an\n' +
        'optional id or name for file names and the report. Empty cells take the defaults above.\n' +
        'Keys come from each row and the batch: a re-run renders only what is missing, a changed row anew.\n' +
        'Every run writes review.html into --out (see `twin batch review`). Minutes are estimated from\n' +
        'script length at 150 words a minute.\n' +
        'Exit codes: 0 all done · 2 bad manifest or over budget (nothing sent) · 4 --timeout · 5 a render failed · 130 interrupted\n',
    )
    .action(act(() => import('./run.js')));

  parent
    .command('status')
    .description('Show where a batch run stands, from its journal')
    .argument('<journal>', 'a journal file, or the --out folder that holds it')
    .addHelpText(
      'after',
      examples([
        ['after a CI job stopped', 'twin batch status out/'],
        ['as JSON', 'twin batch status out/.twin-journal.jsonl --json'],
      ]),
    )
    .action(act(() => import('./status.js')));

  parent
    .command('review')
    .description('Build review.html from a batch\'s journal (no request) and print its path')
    .argument('<out>', 'the --out folder of the run, or its journal file')
    .option('--open', 'also open it in the default browser (never fails when there is none)')
    .addHelpText(
      'after',
      examples([
        ['rebuild the page of a run and open it', 'twin batch review out/ --open'],
        ['in CI, where the page becomes an artifact', 'twin batch review out/'],
      ]),
    )
    .action(act(() => import('./review.js')));
}
