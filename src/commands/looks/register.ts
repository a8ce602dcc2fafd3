import { Option, type Command } from 'commander';
import type { Act } from '../types.js';
import { examples } from '../options.js';
import { addListOptions } from '../list-options.js';

export function registerLooks(parent: Command, act: Act): void {
  const list = parent
    .command('list')
    .description('List looks; by default your private Digital Twins (avatar_type=digital_twin, ownership=private)')
    .addOption(
      new Option('--type <type>', 'avatar type (video_avatar, the older name, means digital_twin)')
        .choices(['digital_twin', 'studio_avatar', 'photo_avatar', 'all', 'video_avatar'])
        .default('digital_twin'),
    )
    .addOption(new Option('--ownership <who>', 'yours, HeyGen presets, or both').choices(['private', 'public', 'all']).default('private'))
    .addOption(new Option('--engine <engine>', 'only looks that support this engine').choices(['avatar_iv', 'avatar_v', 'avatar_iii']));
  addListOptions(list, 'looks', 20)
    .addHelpText(
      'after',
      examples([
        ['your Digital Twins', 'twin looks list'],
        ['only looks that can render with Avatar V', 'twin looks list --engine avatar_v'],
        ['every look you can use, public presets included', 'twin looks list --type all --ownership all --all'],
        ['ids only, for scripts', 'twin looks list --quiet'],
      ]),
    )
    .action(act(() => import('./list.js')));

  parent
    .command('get')
    .description('Show one look in full: engines, orientation, default voice, training status')
    .argument('<look-id>', 'the look id (the avatar_id of a video)')
    .addHelpText(
      'after',
      examples([
        ['check which engines a look supports before using avatar_v', 'twin looks get lk_123'],
        ['the same as JSON', 'twin looks get lk_123 --json'],
      ]),
    )
    .action(act(() => import('./get.js')));
}
