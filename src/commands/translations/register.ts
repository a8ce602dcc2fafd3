// `twin translations list|get|wait|download|delete|rename|languages|generate`: the noun's verbs;
// registered in program.ts.
import type { Command } from 'commander';
import type { Act } from '../types.js';
import { examples } from '../options.js';
import { addListOptions } from '../list-options.js';

function fileOptions(command: Command): Command {
  return command
    .option('-o, --output <path>', 'a folder, or a pattern with {source} {language} {id} {ext}')
    .option('--source-name <name>', 'the <source-name> part of the file names (default "translation")')
    .option('--captions', 'also save the .srt and .vtt captions')
    .option('--audio-only', 'save the translated audio track instead of the video')
    .option('--force', 'replace files that exist');
}

export function registerTranslations(parent: Command, act: Act): void {
  addListOptions(parent.command('list').description('List translations, newest first'), 'translations', 10)
    .addHelpText('after', examples([['the last ten', 'twin translations list']]))
    .action(act(() => import('./list.js')));

  parent
    .command('get')
    .description('Show one translation')
    .argument('<id>', 'the translation id')
    .addHelpText('after', examples([['status, language and file URLs of one', 'twin translations get vt_123']]))
    .action(act(() => import('./get.js')));

  fileOptions(
    parent
      .command('wait')
      .description('Wait for translations (one line per language), then optionally download them')
      .argument('<id...>', 'translation ids')
      .option('--download [path]', 'download each completed one (a folder or a pattern)')
      .option('--timeout <duration>', 'how long to wait (e.g. 30m); then exit 4')
      .option('--interval <duration>', 'poll interval (e.g. 5s)'),
  )
    .addHelpText('after', examples([['wait and save', 'twin translations wait vt_1 vt_2 --download out/']]))
    .action(act(() => import('./wait.js')));

  fileOptions(parent.command('download').description('Download completed translations').argument('<id...>', 'translation ids'))
    .addHelpText('after', examples([['captions too', 'twin translations download vt_1 --captions -o out/']]))
    .action(act(() => import('./download.js')));

  parent
    .command('delete')
    .description('Delete a translation and its files (permanent)')
    .argument('<id>', 'the translation id')
    .option('-y, --yes', 'do not ask')
    .addHelpText('after', examples([['without the question (scripts)', 'twin translations delete vt_123 --yes']]))
    .action(act(() => import('./delete.js')));

  parent
    .command('rename')
    .description('Give a translation a new title')
    .argument('<id>', 'the translation id')
    .argument('<title>', 'the new title')
    .addHelpText('after', examples([['a clearer title', 'twin translations rename vt_123 "Q3 update (Spanish)"']]))
    .action(act(() => import('./rename.js')));

  parent
    .command('languages')
    .description('The language names --to accepts (cached a day)')
    .option('--refresh', 'ask the API again now')
    .addHelpText('after', examples([['the Spanish ones', 'twin translations languages | grep -i spanish']]))
    .action(act(() => import('./languages.js')));

  parent
    .command('generate')
    .description('Start the paid translation of a proofread, with your edited subtitles')
    .argument('<proofread-id>', 'the proofread id (from `twin translate … --proofread`)')
    .option('--srt <file>', 'the edited subtitles: a file, an https:// URL or asset:ID')
    .option('--captions', 'make captions too')
    .option('--audio-only', 'translate the audio only')
    .option('--callback-url <url>', 'HeyGen calls this URL when it finishes')
    .option('--idempotency-key <key>', 'reuse a key so a re-run does not pay twice')
    .addHelpText('after', examples([['after editing', 'twin translations generate pr_123 --srt talk.spanish-spain.srt']]))
    .action(act(() => import('./generate.js')));
}
