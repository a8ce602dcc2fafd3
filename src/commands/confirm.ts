// Destructive calls (delete a video or an endpoint, rotate a secret) ask on a terminal and
// need --yes without one, so a script never deletes by accident and never hangs on a
// question nobody can answer.
import type { Context } from '../ui/context-types.js';
import { UsageError } from '../shared/errors.js';

interface Confirmation {
  /** Asked on a terminal, answered yes/no (default no). */
  question: string;
  /** Why a script must say --yes, e.g. "Deleting video X is permanent". */
  consequence: string;
  /** The same command with --yes, offered as the fix. */
  rerun: string;
}

export async function confirmDestructive(ctx: Context, yes: boolean | undefined, c: Confirmation): Promise<boolean> {
  if (yes) return true;
  if (!ctx.io.canPrompt) {
    throw new UsageError(`${c.consequence}; there is no terminal to confirm on, so pass --yes.`, {
      flag: '--yes',
      suggestion: `Run \`${c.rerun}\`.`,
    });
  }
  return ctx.prompt.confirm({ message: c.question, default: false });
}

/** After a "no": the --json document says nothing happened; people read why on stderr. */
export function reportDeclined<T extends object>(ctx: Context, doc: T, message: string): void {
  ctx.out.result(doc, { human: () => '', quiet: () => [] });
  ctx.out.info(message);
}
