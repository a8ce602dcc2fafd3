import { Option, type Command } from 'commander';
import type { Act } from '../types.js';
import { examples } from '../options.js';
import {
  ASPECT_RATIOS,
  ENGINES,
  EXPRESSIVENESS_LEVELS,
  FITS,
  OUTPUT_FORMATS,
  RESOLUTIONS,
  VOICE_PITCH,
  VOICE_SPEED,
  VOICE_VOLUME,
} from '../../shared/video-facts.js';

/** The defaults for rows without a value: the flags of `twin video create` (run, status). */
function videoDefaults(command: Command): Command {
  return command
    .option('--look <id>', 'default look for rows without one')
    .option('--voice <id>', 'default voice for rows without one')
    .addOption(new Option('--engine <engine>', 'default engine').choices(ENGINES))
    .addOption(new Option('--resolution <res>', 'default resolution').choices(RESOLUTIONS))
    .addOption(new Option('--aspect-ratio <ratio>', 'default aspect ratio').choices(ASPECT_RATIOS))
    .addOption(new Option('--fit <fit>', 'default fit').choices(FITS))
    .addOption(new Option('--output-format <format>', 'default file format').choices(OUTPUT_FORMATS))
    .addOption(new Option('--expressiveness <level>', 'default expressiveness (Avatar IV)').choices(EXPRESSIVENESS_LEVELS))
    .option('--background <bg>', "default background: '#RRGGBB', an https image URL, or asset:ID")
    .option('--remove-background', 'remove the avatar background by default')
    .option('--voice-speed <n>', `default voice speed, ${VOICE_SPEED.min} to ${VOICE_SPEED.max}`)
    .option('--voice-pitch <n>', `default voice pitch, ${VOICE_PITCH.min} to ${VOICE_PITCH.max}`)
    .option('--voice-volume <n>', `default voice volume, ${VOICE_VOLUME.min} to ${VOICE_VOLUME.max}`)
    .option('--voice-locale <locale>', 'default accent hint such as en-US')
    .option('--captions', 'also save captions (.srt) beside each video')
    .option('--callback-url <url>', 'webhook called when each render ends');
}

/** Where a batch keeps its state (run, status). */
function stateOptions(command: Command): Command {
  return command
    .option('-o, --out <dir>', 'folder for the videos (default: the output-dir setting)')
    .option('--journal <path>', "journal of every row's state (default: <out>/.twin-journal.jsonl)")
    .option('--shard <i/n>', 'render only share i of n (a CI matrix of n jobs, no overlap)')
    .option('--batch-id <id>', "name of this batch in idempotency keys (default: the manifest's absolute path)")
    .option('--lock <path>', 'lock file of rendered rows (default: <manifest>.lock, beside the manifest)')
    .option('--no-lock', 'neither read nor write a lock file');
}

export function registerBatch(parent: Command, act: Act): void {
  const batchRun = parent
    .command('run')
    .description('Render every row of a CSV or JSONL manifest: crash-safe, resumable, no row rendered twice')
    .argument('<manifest>', 'CSV with a header row, or JSONL; columns are the long flags of `twin video create`');
  stateOptions(batchRun)
    .option('--report <path>', 'JSON report, one entry per row (default: <out>/twin-batch-report.json)')
    .option('-c, --concurrency <n>', "renders in flight (default: the concurrency setting, 10 = the API's limit)")
    .option('--retry-failed', 'render the rows that failed in an earlier run again (with new keys)')
    .option('--no-download', 'only render; do not download the files')
    .option('--timeout <duration>', 'stop after this long (exit 4); the same command continues later')
    .option('--dry-run', 'check every row and print the plan (and what the lock says); send nothing')
    .option('--sample <n>', 'render only n rows spread over the manifest, then stop with the command for the rest')
    .option('--rows <ids>', 'render only these rows (their id or name column, comma-separated)')
    .option('--skip-invalid', 'render the valid rows and list the invalid ones in the report (then exit 2), instead of refusing them all')
    .option('--audition', 'speak every row that would render into --out (cents) and stop with the command that renders exactly that audio')
    .option('--max-renders <n>', 'refuse to start more than n renders (default: the max-renders setting)')
    .option('--max-minutes <m>', 'refuse a plan estimated at more than m minutes of video')
    .option('--assume-minutes <m>', 'with --max-minutes: count each row of unknown length (audio by URL) as m minutes')
    .option('--frozen-lock', 'fail (exit 2) if any row would render: the lock must be up to date (CI checks)')
    .option('--prune', 'delete the videos of lock rows no longer in the manifest on HeyGen, and drop them')
    .option('-y, --yes', 'do not ask before --prune deletes')
    .option('--force', 'replace files in --out that this batch did not write')
    .option('--no-cache', 'upload local audio/background files even if they were uploaded before');
  videoDefaults(batchRun)
    .addHelpText(
      'after',
      examples([
        ['check a manifest and see the plan, sending nothing', 'twin batch run videos.csv --dry-run'],
        ['render it into ./out (run it again after a crash: it continues)', 'twin batch run videos.csv --out out --look lk_123'],
        ['one job of a 3-job CI matrix', 'twin batch run videos.csv --shard 2/3 --batch-id release-42'],
        ['render the rows that failed, again', 'twin batch run videos.csv --out out --retry-failed'],
        ['in a pull request: fail if any row would render', 'twin batch run videos.csv --frozen-lock --no-download'],
        ['delete the videos of rows removed from the manifest', 'twin batch run videos.csv --prune --yes'],
        ['render 3 rows first, look at out/review.html, then run without --sample', 'twin batch run videos.csv --out out --sample 3'],
        [
          'never start more than 40 renders or 30 minutes of video',
          'twin batch run videos.csv --out out --max-renders 40 --max-minutes 30',
        ],
      ]) +
        '\nManifest: one row per video. Columns are the long flags of `twin video create` (aspect-ratio,\n' +
        'aspect_ratio and aspectRatio all work), plus script_file (relative to the manifest) and an\n' +
        'optional id or name for file names and the report. Empty cells take the defaults above.\n' +
        'Keys come from each row and the batch: a re-run renders only what is missing, a changed row anew.\n' +
        'The lock file (videos.csv.lock, meant to be committed) records each rendered row: a later run on\n' +
        'any machine renders only new and changed rows, and fetches the others from HeyGen.\n' +
        'Every run writes review.html into --out (see `twin batch review`). Minutes are estimated from\n' +
        'script length at 150 words a minute.\n' +
        'Exit codes: 0 all done · 2 bad manifest, over budget or --frozen-lock (nothing sent) · 4 --timeout · 5 a render failed · 130 interrupted\n',
    )
    .action(act(() => import('./run.js')));

  const batchStatus = parent
    .command('status')
    .description('Show where a batch stands: a run from its journal, or a manifest against its lock file')
    .argument('<manifest|journal>', 'a manifest (each row against the lock), a journal file, or the --out folder that holds it');
  videoDefaults(stateOptions(batchStatus))
    .addHelpText(
      'after',
      examples([
        ['after a CI job stopped', 'twin batch status out/'],
        ['as JSON', 'twin batch status out/.twin-journal.jsonl --json'],
        ['which rows are up to date, changed, new, stale or gone from HeyGen', 'twin batch status videos.csv'],
      ]) + '\nFor a manifest, the other options mean what they mean for `twin batch run` (it is its --dry-run).\n',
    )
    .action(act(() => import('./status.js')));

  const lock = parent.command('lock').description('Work with lock files (<manifest>.lock)');
  lock
    .command('merge')
    .description("Merge lock files into one: a CI matrix's shard locks, or the two sides of a git conflict")
    .argument('<lock...>', 'lock files; one file with git conflict markers is merged with itself')
    .option('-o, --output <path>', 'where to write the merged lock (default: the first lock given)')
    .addHelpText(
      'after',
      examples([
        [
          "after a 3-job matrix, each job's lock downloaded into shard-N/",
          'twin batch lock merge shard-*/videos.csv.lock -o videos.csv.lock',
        ],
        ['resolve a lock file that git left with conflict markers', 'twin batch lock merge videos.csv.lock'],
      ]) + '\nFor each row the newer render wins; the result is what one run over every row writes.\n',
    )
    .action(act(() => import('./lock-merge.js')));

  parent
    .command('review')
    .description("Build review.html from a batch's journal (no request) and print its path")
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
