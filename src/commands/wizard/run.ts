// `twin wizard`: the flags become preset answers (validated exactly as `video create`
// validates them), then the steps of src/wizard/ ask for the rest.
import type { Context } from '../../ui/context-types.js';
import { UsageError } from '../../shared/errors.js';
import { assertTerminal, runWizard } from '../../wizard/index.js';
import { readCreateCommandLine } from '../video/create-input.js';
import { parseOptions } from '../options.js';
import type { CommandInput } from '../types.js';
import * as z from '../../shared/zod-mini.js';

const Options = z.object({
  yes: z._default(z.boolean(), false),
  wait: z._default(z.boolean(), true),
  scriptFile: z.optional(
    z.string().check(z.refine((p) => p !== '-', 'cannot be - here: the wizard reads its answers from the terminal; give a file path')),
  ),
});

export async function run(ctx: Context, { opts }: CommandInput): Promise<number> {
  assertTerminal(ctx);
  const { yes, wait, scriptFile } = parseOptions(Options, { yes: opts.yes, wait: opts.wait, scriptFile: opts.scriptFile });
  const line = await readCreateCommandLine(ctx, { ...opts, wait });
  if (line.dryRun && yes)
    throw new UsageError('--dry-run and --yes contradict each other: one creates nothing, the other creates without asking.', {
      flag: '--yes',
    });
  // The wizard's promise is a file on disk: download unless told not to wait at all.
  const follow = line.follow && { ...line.follow, download: line.follow.download ?? true };
  return runWizard(ctx, { preset: line.input, dryRun: line.dryRun, yes, idempotencyKey: line.idempotencyKey, follow, scriptFile });
}
