import { Option, type Command } from 'commander';
import type { Act } from '../types.js';
import { examples } from '../options.js';
import { addListOptions } from '../list-options.js';
import { DEFAULT_TRAINING_INTERVAL, DEFAULT_TRAINING_TIMEOUT, ENGINES } from '../../shared/video-facts.js';

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
    .addOption(new Option('--engine <engine>', 'only looks that support this engine').choices(ENGINES))
    .option('--group <group-id>', 'only the looks of this avatar group (any type and ownership)');
  addListOptions(list, 'looks', 20)
    .addHelpText(
      'after',
      examples([
        ['your Digital Twins', 'twin looks list'],
        ['only looks that can render with Avatar V', 'twin looks list --engine avatar_v'],
        ['every look you can use, public presets included', 'twin looks list --type all --ownership all --all'],
        ['ids only, for scripts', 'twin looks list --quiet'],
        ['the looks of one group', 'twin looks list --group grp_123'],
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

  registerTwinLife(parent, act);
}

function registerTwinLife(parent: Command, act: Act): void {
  parent
    .command('create')
    .description('Create your Digital Twin from footage: upload, consent, training (prints the look and group ids at once)')
    .requiredOption('--name <name>', 'what to call the twin (the look)')
    .requiredOption('--footage <source>', 'the training video: a local mp4/webm file (uploaded once), an https URL, or asset:ID')
    .option('--group <group-id>', 'add the look to an existing group (that person) instead of a new one')
    .option('--wait', 'wait for training with a spinner (exit 0 trained, 5 failed, 4 timed out)')
    .option('--timeout <duration>', `with --wait: give up waiting after this long (default ${DEFAULT_TRAINING_TIMEOUT}; training goes on)`)
    .option('--interval <duration>', `with --wait: first poll interval (default ${DEFAULT_TRAINING_INTERVAL})`)
    .option('--idempotency-key <key>', 're-running with the same key never creates a second twin (default: a new UUID)')
    .option('--no-cache', 'upload the footage even if this file was uploaded before')
    .addHelpText(
      'after',
      examples([
        ['a new twin from your recording', 'twin looks create --name "Me – office" --footage recording.mp4'],
        [
          'another look of the same person, and wait for it',
          'twin looks create --name "Me – studio" --footage studio.mp4 --group grp_123 --wait',
        ],
        ['the look id only, for scripts', 'look=$(twin looks create --name Me --footage https://example.com/me.mp4 --quiet)'],
      ]) + '\nA new group needs consent: the command prints the consent page; training starts once the person agrees.\n',
    )
    .action(act(() => import('./create.js')));

  parent
    .command('consent')
    .description('Print the consent page of a group (the person in the footage approves their twin there)')
    .argument('<group-id>', 'the group id printed by `twin looks create`')
    .addHelpText('after', examples([['get the consent link again', 'twin looks consent grp_123']]))
    .action(act(() => import('./consent.js')));

  parent
    .command('wait')
    .description('Wait for a look, or every look of a group, to finish training (exit 0 trained, 5 failed, 4 timed out)')
    .argument('<look-or-group-id>', 'a look id or a group id')
    .option('--timeout <duration>', `give up after this long (default ${DEFAULT_TRAINING_TIMEOUT}; training goes on)`)
    .option('--interval <duration>', `first poll interval (default ${DEFAULT_TRAINING_INTERVAL})`)
    .addHelpText(
      'after',
      examples([
        ['wait for a new twin', 'twin looks wait lk_123'],
        ['in CI, at most 20 minutes', 'twin looks wait grp_123 --timeout 20m'],
      ]),
    )
    .action(act(() => import('./wait.js')));

  parent
    .command('rename')
    .description('Rename one of your looks')
    .argument('<look-id>', 'the look id')
    .argument('<name>', 'the new name')
    .addHelpText('after', examples([['rename a look', 'twin looks rename lk_123 "Me – office, 2026"']]))
    .action(act(() => import('./rename.js')));

  parent
    .command('delete')
    .description('Delete one of your looks (asks first; deleting the last look of a group deletes the group)')
    .argument('<look-id>', 'the look id')
    .option('-y, --yes', 'do not ask; needed in scripts and CI')
    .addHelpText(
      'after',
      examples([
        ['delete after confirming', 'twin looks delete lk_123'],
        ['in a script', 'twin looks delete lk_123 --yes'],
      ]),
    )
    .action(act(() => import('./delete.js')));
}
