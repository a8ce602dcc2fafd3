// twin translations rename <id> <title>
import { assertPlainText } from '../../shared/plain-text.js';
import { UsageError } from '../../shared/errors.js';
import type { Context } from '../../ui/context-types.js';
import { parseId } from '../listing.js';
import type { CommandInput } from '../types.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

export async function run(ctx: Context, { args }: CommandInput): Promise<void> {
  const id = parseId(args[0], 'translation', `${twinInvocation()} translations list`);
  const title = String(args[1] ?? '').trim();
  if (title === '') throw new UsageError(`Give the new title, e.g. ${twinInvocation()} translations rename vt_123 "Launch (ES)".`);
  assertPlainText(title, 'title', 'title');
  const t = await (await ctx.api()).renameTranslation(id, title);
  ctx.out.result({ id: t.id, title: t.title ?? title }, { human: (d) => `Renamed ${d.id} to "${d.title}"`, quiet: (d) => [d.id] });
}
