import type { Command } from 'commander';
import { examples } from '../options.js';
import type { Act } from '../types.js';

export function registerDoctor(command: Command, act: Act): void {
  command
    .addHelpText(
      'after',
      examples([
        ['check everything before a long batch', 'twin doctor'],
        ['in CI: fail the job early, with the reason as JSON', 'twin doctor --json > doctor.json'],
      ]) +
        '\nExit code 0 when every check passes; otherwise that of the first failure: 3 (key), 1 (network or API), 2 (settings or Node.js).\n',
    )
    .action(act(() => import('./doctor.js')));
}
