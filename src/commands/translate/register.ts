// `twin translate <source> --to <language>...`: a leaf command; the lead attaches it in program.ts.
import { Option, type Command } from 'commander';
import type { Act } from '../types.js';
import { examples } from '../options.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerTranslate(parent: Command, act: Act): void {
  parent
    .argument('<source>', 'a twin video id, a local video file, an https:// URL, or asset:ID')
    .option('--to <language>', 'an output language, as `twin translations languages` names it (repeat, or comma-separate)', collect)
    .addOption(new Option('--mode <mode>', 'speed, or precision (costs more)').choices(['speed', 'precision']).default('speed'))
    .option('--audio-only', 'translate the audio only and keep the original picture')
    .option('--captions', 'also make .srt and .vtt captions')
    .option('--speakers <n>', 'how many people speak (better voice separation)')
    .option('--from <language>', 'the input language (detected by default)')
    .option('--start <seconds>', 'translate from this second')
    .option('--end <seconds>', 'translate up to this second')
    .option('--keep-format', 'keep the source resolution and bitrate')
    .option('--no-dynamic-duration', 'keep the output as long as the source')
    .option('--no-music', 'drop the background music track')
    .option('--enhance-speech', 'clean up the speech')
    .option('--audio <source>', 'your own dubbed track: a file, an https:// URL or asset:ID')
    .option('--title <title>', 'a title for the translations')
    .option('--callback-url <url>', 'HeyGen calls this URL when each language finishes')
    .option('--idempotency-key <key>', 'reuse a key to make a re-run replay the first create instead of paying again')
    .option('--max-minutes <n>', 'refuse when the estimate bills more minutes of output than this')
    .option('--max-renders <n>', 'refuse when more than this many translations (one per language) would be created')
    .option('--proofread', 'make subtitle proofreads first (Enterprise): waits, then downloads each language’s .srt')
    .option('--dry-run', 'check everything and show the body and the estimate; send nothing paid')
    .option('--wait', 'wait for every language (one line each)')
    .option('--download [path]', 'wait, then download each language (a folder or a pattern with {source} {language} {id} {ext})')
    .option('-o, --output <path>', 'where downloads go (implies --download)')
    .option('--force', 'replace files that exist')
    .option('--timeout <duration>', 'how long to wait (e.g. 30m); then exit 4 with the resume command')
    .option('--interval <duration>', 'poll interval (e.g. 5s)')
    .addHelpText(
      'after',
      examples([
        [
          'three languages of a finished video, saved here',
          'twin translate vid_123 --to "Spanish (Spain)" --to German --to Japanese --download',
        ],
        ['a local file, captions too', 'twin translate talk.mp4 --to "French (France),Italian" --captions -o out/'],
        ['see the body and estimate, pay nothing', 'twin translate vid_123 --to es --dry-run'],
      ]) +
        '\nExit codes: 0 all completed · 2 usage (unknown language) · 4 timed out · 5 a language failed (the others are saved) · 130 interrupted\n',
    )
    .action(act(() => import('./run.js')));
}
