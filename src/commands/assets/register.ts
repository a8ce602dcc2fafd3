import type { Command } from 'commander';
import type { Act } from '../types.js';
import { examples } from '../options.js';
import { addListOptions } from '../list-options.js';

export function registerAssets(parent: Command, act: Act): void {
  parent
    .command('upload')
    .description('Upload local files as HeyGen assets (png, jpeg, mp3, wav, mp4, webm, pdf, srt); each file only once')
    .argument('<file...>', 'files to upload; all are checked before any is sent')
    .option('--no-cache', 'upload even if this file was uploaded before (skips the upload cache)')
    .addHelpText(
      'after',
      examples([
        ['upload a background image and a narration', 'twin assets upload office.png narration.mp3'],
        ['ids only, for scripts', 'id=$(twin assets upload narration.mp3 --quiet)'],
        ['asset ids, URLs and SHA-256 as JSON', 'twin assets upload intro.mp4 --json'],
      ]) + '\nFiles up to 32 MB go in one request; larger ones through a presigned direct upload with a progress bar.\n',
    )
    .action(act(() => import('./upload.js')));

  parent
    .command('get')
    .description('Show one asset: name, type, upload time, URL')
    .argument('<asset-id>', 'the asset id printed by `twin assets upload`')
    .addHelpText(
      'after',
      examples([
        ['details of an asset', 'twin assets get asset_123'],
        ['as JSON', 'twin assets get asset_123 --json'],
      ]),
    )
    .action(act(() => import('./get.js')));

  addListOptions(parent.command('list').description('List your uploaded assets, newest first'), 'assets', 20)
    .addHelpText(
      'after',
      examples([
        ['the 20 newest assets', 'twin assets list'],
        ['every asset id', 'twin assets list --all --quiet'],
      ]),
    )
    .action(act(() => import('./list.js')));

  parent
    .command('delete')
    .description('Delete an asset permanently (asks first; --yes when there is no terminal)')
    .argument('<asset-id>', 'the asset id')
    .option('-y, --yes', 'do not ask; needed in scripts and CI')
    .addHelpText(
      'after',
      examples([
        ['delete after confirming', 'twin assets delete asset_123'],
        ['in a script', 'twin assets delete asset_123 --yes'],
      ]),
    )
    .action(act(() => import('./delete.js')));
}
