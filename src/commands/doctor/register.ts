import type { Command } from 'commander';
import { examples } from '../options.js';
import type { Act } from '../types.js';

export function registerDoctor(program: Command, act: Act): void {
  program
    .command('doctor')
    .description('Check Node.js, settings files, the API key and the connection to HeyGen')
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
