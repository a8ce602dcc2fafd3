// twin batch lock merge <lock...>: one lock from the locks of a CI matrix's jobs, or from the
// two sides of a lock file with git conflict markers.
import { relative, resolve } from 'node:path';
import type { Context } from '../../ui/context-types.js';
import { formatLock } from '../../core/batch/lock-format.js';
import { mergeLocks, readMergeInputs } from '../../core/batch/lock-merge.js';
import { writeFileAtomic } from '../../shared/safe-fs.js';
import type { CommandInput } from '../types.js';
import { parseOptions } from '../options.js';
import * as z from '../../shared/zod-mini.js';

const optionsSchema = z.object({ output: z.optional(z.string().check(z.trim(), z.minLength(1, 'needs a path'))) });

export async function run(ctx: Context, { args, opts }: CommandInput): Promise<void> {
  const { output } = parseOptions(optionsSchema, opts);
  const paths = (args[0] as string[]).map((p) => resolve(ctx.cwd, p));
  const inputs = paths.flatMap(readMergeInputs);
  const { lock, resolved } = mergeLocks(inputs);
  const target = output !== undefined ? resolve(ctx.cwd, output) : paths[0]!;
  writeFileAtomic(target, formatLock(lock));
  const show = (p: string) => relative(ctx.cwd, p) || p;
  ctx.out.result(
    { lock: target, inputs: inputs.map((i) => i.path), rows: lock.rows.size, resolved },
    {
      human: () =>
        [
          `Merged ${inputs.length} lock${inputs.length === 1 ? '' : 's'} into ${show(target)}: ${lock.rows.size} rows${resolved.length ? `; ${resolved.length} differed, the newer render kept` : ''}.`,
          ...resolved.slice(0, 20).map((r) => `  ${r.row}: from ${show(r.from)}`),
        ].join('\n'),
      quiet: () => [target],
    },
  );
}
