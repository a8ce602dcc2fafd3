// `twin demo`: registration only; the sandbox and the create flow load when it runs.
import type { Command } from 'commander';
import type { Act } from '../types.js';
import { examples } from '../options.js';

export function registerDemo(command: Command, act: Act): void {
  command
    .option('--out <dir>', 'folder for the video and its captions', 'twin-demo')
    .option('--render-time <duration>', 'how long the sandbox takes to render', '6s')
    .addHelpText(
      'after',
      examples([
        ['the whole tour, in about ten seconds', 'twin demo'],
        ['quicker, into another folder', 'twin demo --render-time 2s --out /tmp/twin-demo'],
      ]),
    )
    .action(act(() => import('./run.js')));
}
