import type { Command } from 'commander';
import { examples } from '../options.js';
import type { Act } from '../types.js';

const PRECEDENCE =
  '\nPrecedence: flags > TWIN_* environment variables (e.g. TWIN_ASPECT_RATIO) > .heygenrc (nearest, from the\n' +
  'working folder upward) > user settings (`twin config set`) > built-in defaults. API keys never go in settings.\n';

export function registerConfig(config: Command, act: Act): void {
  config.addHelpText(
    'after',
    examples([
      ['make every video 9:16 by default', 'twin config set aspect-ratio 9:16'],
      ['see every setting and where it comes from', 'twin config list'],
    ]) + PRECEDENCE,
  );

  config
    .command('get')
    .description('Print the value of one setting in effect here')
    .argument('<key>', 'setting name, e.g. look, engine, aspect-ratio (see `twin config list`)')
    .addHelpText(
      'after',
      examples([
        ['the default look', 'twin config get look'],
        ['value and its source as JSON', 'twin config get resolution --json'],
      ]),
    )
    .action(act(() => import('./get.js')));

  config
    .command('set')
    .description('Save a default in your user settings')
    .argument('<key>', 'setting name (see `twin config list`)')
    .argument('<value>', 'new value, checked like the matching flag')
    .addHelpText(
      'after',
      examples([
        ['your own Digital Twin by default', 'twin config set look lk_123'],
        ['Avatar V unless a command says otherwise', 'twin config set engine avatar_v'],
        ['slightly faster speech', 'twin config set voice-speed 1.1'],
        ['a lower voice', 'twin config set voice-pitch -10'],
      ]),
    )
    .action(act(() => import('./set.js')));

  config
    .command('unset')
    .description('Remove a default from your user settings')
    .argument('<key>', 'setting name')
    .addHelpText('after', examples([['go back to the built-in engine choice', 'twin config unset engine']]))
    .action(act(() => import('./unset.js')));

  config
    .command('list')
    .description('Show every setting, its value and where it comes from')
    .addHelpText(
      'after',
      examples([
        ['all settings with their source (default, user, .heygenrc, env)', 'twin config list'],
        ['only the ones that are set, as key=value lines', 'twin config list --quiet'],
      ]) + PRECEDENCE,
    )
    .action(act(() => import('./list.js')));

  config
    .command('path')
    .description('Show the files twin reads: user settings, saved key, .heygenrc')
    .addHelpText(
      'after',
      examples([
        ['where everything lives', 'twin config path'],
        ['open the user settings file', '$EDITOR "$(twin config path --quiet)"'],
      ]) + '\nTWIN_CONFIG_DIR moves the user settings and the saved key (default: $XDG_CONFIG_HOME/heygen-twin).\n',
    )
    .action(act(() => import('./path.js')));
}
