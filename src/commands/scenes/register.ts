import type { Command } from 'commander';
import { Option } from 'commander';
import { ASPECT_RATIOS, ENGINES } from '../../shared/video-facts.js';
import { examples } from '../options.js';
import type { Act } from '../types.js';

/** `twin scenes …`: multi-scene video files (experimental in the API, contract §9). */
export function registerScenes(parent: Command, act: Act): void {
  parent
    .command('check')
    .description('Check a multi-scene file (looks, engines, files, lengths) without uploading or spending credits')
    .argument('<file>', 'the scene file (text with --- between scenes, or .json)')
    .option('--look <look-id>', 'look for talking scenes that name none')
    .option('--voice <voice-id>', 'voice for scenes that name none')
    .addOption(new Option('--engine <engine>', 'engine for talking scenes that name none').choices([...ENGINES]))
    .addOption(new Option('--aspect-ratio <ratio>', 'the canvas every scene is cropped to').choices([...ASPECT_RATIOS]))
    .option('--max-minutes <n>', 'fail when the estimate is longer')
    .addHelpText(
      'after',
      examples([
        ['check a scene file', 'twin scenes check launch.txt'],
        ['in CI, for a vertical video', 'twin scenes check launch.txt --aspect-ratio 9:16 --json'],
      ]),
    )
    .action(act(() => import('./check.js')));
}
