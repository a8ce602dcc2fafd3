import { Option, type Command } from 'commander';
import type { Act } from '../types.js';
import { examples } from '../options.js';
import { addListOptions } from '../list-options.js';

export function registerVoices(parent: Command, act: Act): void {
  const list = parent
    .command('list')
    .description('List voices, with a preview URL to listen to')
    .option('--language <language>', 'a language name (English) or code (en, pt-BR)')
    .addOption(new Option('--gender <gender>', 'only male or female voices').choices(['male', 'female']))
    .addOption(new Option('--type <type>', 'public (HeyGen) or private (your clones); default public').choices(['public', 'private']))
    .option('--search <text>', 'only voices whose name contains this text')
    .option('--engine <engine>', 'only voices that work with this engine; starfish = those twin say can use');
  addListOptions(list, 'voices', 20)
    .addHelpText(
      'after',
      examples([
        ['English voices', 'twin voices list --language en'],
        ['female Spanish voices', 'twin voices list --language Spanish --gender female'],
        ['your cloned voices', 'twin voices list --type private'],
        ['find a voice by name', 'twin voices list --search ava --all'],
        ['voices twin say can speak with', 'twin voices list --engine starfish'],
      ]),
    )
    .action(act(() => import('./list.js')));

  parent
    .command('get')
    .description('Show one voice in full')
    .argument('<voice-id>', 'the voice id (voice_id)')
    .addHelpText('after', examples([['details of a voice', 'twin voices get v_en_f_01']]))
    .action(act(() => import('./get.js')));

  registerVoiceLifecycle(parent, act);
}

/** Cloning, waiting, deleting and searching voices (issue 26). */
function registerVoiceLifecycle(parent: Command, act: Act): void {
  parent
    .command('clone')
    .description('Clone a voice from a recording (the speaker’s consent is your responsibility)')
    .argument('<source>', 'a local mp3/wav file (uploaded once), an https URL, or asset:ID')
    .requiredOption('--name <name>', 'the new voice’s name (1–100 characters)')
    .option('--language <code>', 'the recording’s language as a hint, e.g. en (default: detected)')
    .option('--keep-noise', 'do not remove background noise (removed by default)')
    .option('--wait', 'wait until the voice is ready (exit 5 if cloning fails)')
    .option('--timeout <duration>', 'with --wait, give up after this long (default 30m)')
    .addHelpText(
      'after',
      `\nConsent: clone only a voice you have the speaker's permission to clone. HeyGen asks no consent
for voice clones through the API; it is your responsibility.
A clone request cannot be safely repeated by the API: running this again with the same file or
name finds the earlier voice instead of making a second one.
${examples([
  ['clone your own voice and wait', 'twin voices clone me.mp3 --name "Alex (my voice)" --wait'],
  ['from an uploaded asset', 'twin voices clone asset:asset_123 --name Alex --language en'],
  ['then make it the default', 'twin config set voice <voice-id>'],
])}`,
    )
    .action(act(() => import('./clone.js')));

  parent
    .command('wait')
    .description('Wait until a cloned voice is ready (exit 5 if cloning failed, 4 on timeout)')
    .argument('<voice-id>', 'the id voices clone printed')
    .option('--timeout <duration>', 'give up after this long (default 30m)')
    .addHelpText('after', examples([['wait for a clone', 'twin voices wait vc_123']]))
    .action(act(() => import('./wait.js')));

  parent
    .command('delete')
    .description('Delete one of your cloned voices (frees a clone slot)')
    .argument('<voice-id>', 'the voice id (voice_id)')
    .option('-y, --yes', 'do not ask (needed without a terminal)')
    .addHelpText('after', examples([['delete a clone', 'twin voices delete vc_123 --yes']]))
    .action(act(() => import('./delete.js')));

  parent
    .command('search')
    .description('Find up to three voices matching a description (creates nothing)')
    .argument('<prompt>', 'what the voice should sound like')
    .addOption(new Option('--gender <gender>', 'only male or female voices').choices(['male', 'female']))
    .option('--locale <locale>', 'e.g. en-US')
    .option('--seed <n>', '0 for the best matches, 1 for the next three, …')
    .addHelpText(
      'after',
      examples([
        ['a narrator', 'twin voices search "warm, calm male narrator"'],
        ['the next three', 'twin voices search "warm, calm male narrator" --seed 1'],
      ]),
    )
    .action(act(() => import('./search.js')));
}
