// Commander hands over strings; each command's zod schema turns them into typed options.
// A failure becomes one usage error that names the flag as the user typed it.
import type { Command } from 'commander';
import type { z } from 'zod';
import { UsageError } from '../shared/errors.js';
import { toFlag } from '../shared/flag-names.js';

/** A zod schema, classic or zod/mini: both parse with `safeParse`. */
type Parsable<T> = { safeParse(data: unknown): z.core.util.SafeParseResult<T> };

export function parseOptions<S extends z.core.$ZodType>(schema: S & Parsable<z.output<S>>, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const key = issue.path[0];
  const flag = typeof key === 'string' ? toFlag(key) : undefined;
  const message = flag ? `${flag}: ${issue.message}` : issue.message;
  throw new UsageError(message, { flag, suggestion: 'See --help for the accepted values.' });
}

/** voiceSpeed → --voice-speed (its home is shared/flag-names.ts; re-exported for the commands). */
export { toFlag };

/** Help text block listing examples, shown after the options. */
export function examples(lines: Array<[string, string]>): string {
  const body = lines.map(([what, cmd]) => `  # ${what}\n  $ ${cmd}`).join('\n\n');
  return `\nExamples:\n${body}\n`;
}

/**
 * Commander refuses a value outside `.choices()` the moment it parses it, before any other check
 * runs, so one bad --aspect-ratio hid every other problem. For commands whose zod schema checks
 * the same values, the choices stay (help, completion) and the check moves to the schema, which
 * reports every flag at once.
 */
export function choicesCheckedBySchema(command: Command): Command {
  for (const option of command.options) if (option.argChoices) option.parseArg = undefined;
  return command;
}
