import { Option, type Command } from 'commander';
import type { Act } from '../types.js';
import { examples } from '../options.js';
import { addListOptions } from '../list-options.js';

export function registerGroups(parent: Command, act: Act): void {
  const list = parent
    .command('list')
    .description('List avatar groups (one per person), by default your private ones, with looks count, status and consent')
    .addOption(new Option('--ownership <who>', 'yours, HeyGen presets, or both').choices(['private', 'public', 'all']).default('private'));
  addListOptions(list, 'groups', 20)
    .addHelpText(
      'after',
      examples([
        ['your Digital Twin groups', 'twin groups list'],
        ['every group, presets included', 'twin groups list --ownership all --all'],
      ]),
    )
    .action(act(() => import('./list.js')));

  parent
    .command('get')
    .description('Show one avatar group: looks count, training status, consent status')
    .argument('<group-id>', 'the group id (printed by `twin looks create`)')
    .addHelpText(
      'after',
      examples([
        ['status and consent of your twin', 'twin groups get grp_123'],
        ['its looks', 'twin looks list --group grp_123'],
      ]),
    )
    .action(act(() => import('./get.js')));
}
