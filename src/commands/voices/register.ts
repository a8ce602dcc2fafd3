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
    .option('--search <text>', 'only voices whose name contains this text');
  addListOptions(list, 'voices', 20)
    .addHelpText(
      'after',
      examples([
        ['English voices', 'twin voices list --language en'],
        ['female Spanish voices', 'twin voices list --language Spanish --gender female'],
        ['your cloned voices', 'twin voices list --type private'],
        ['find a voice by name', 'twin voices list --search ava --all'],
      ]),
    )
    .action(act(() => import('./list.js')));

  parent
    .command('get')
    .description('Show one voice in full')
    .argument('<voice-id>', 'the voice id (voice_id)')
    .addHelpText('after', examples([['details of a voice', 'twin voices get v_en_f_01']]))
    .action(act(() => import('./get.js')));
}
