// twin batch review <out>: (re)builds review.html from the journal(s) and their facts alone (no
// request), prints its path, and with --open shows it in the default browser.
import { dirname, resolve } from 'node:path';
import { statSync } from 'node:fs';
import type { Context } from '../../ui/context-types.js';
import { writeReviewPage } from '../../core/batch/review-page.js';
import { openInBrowser } from '../../ui/open-browser.js';
import type { CommandInput } from '../types.js';
import { parseOptions } from '../options.js';
import { journalPaths } from '../../core/batch/journal-paths.js';
import * as z from '../../shared/zod-mini.js';

const optionsSchema = z.object({ open: z._default(z.boolean(), false) });

export async function run(ctx: Context, { args, opts }: CommandInput): Promise<void> {
  const options = parseOptions(optionsSchema, opts);
  const target = resolve(ctx.cwd, String(args[0]));
  const journals = journalPaths(target);
  const dir = statSync(target).isFile() ? dirname(target) : target;
  const { path, model } = await writeReviewPage(dir, journals, new Date(ctx.now()));
  let opened: boolean | null = null;
  if (options.open) {
    const result = await openInBrowser(path, ctx.env);
    opened = result.opened;
    if (!result.opened) ctx.out.warn(`Could not open a browser (${result.reason}); open ${path} yourself.`);
  }
  ctx.out.result(
    { path, journals, opened, totals: model.totals, video_seconds: model.video_seconds, renders_last_run: model.renders_last_run },
    { human: (v) => v.path, quiet: (v) => [v.path] },
  );
}
