// Commander hands over strings; each command's zod schema turns them into typed options.
// A failure becomes one usage error that names the flag as the user typed it.
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
 * The longest duration any flag takes: a week. Past it no wait makes sense, and far past it
 * (`9999999h`) timers would overflow (setTimeout holds at most ~24.8 days).
 */
export const MAX_DURATION_MS = 7 * 24 * 3_600_000;

/** Parses durations such as 90, 90s, 500ms, 30m, 1h (plain numbers are seconds), at most a week. */
export function parseDuration(text: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match) throw new UsageError(`${flag}: "${text}" is not a duration; use e.g. 90s, 30m or 1h.`, { flag });
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(match[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  const ms = Number(match[1]) * unit;
  if (ms > MAX_DURATION_MS) {
    throw new UsageError(`${flag}: "${text}" is too long; at most 168h (a week).`, { flag, suggestion: 'Use e.g. 30m, 2h or 24h.' });
  }
  return ms;
}

/** A duration that must be at least 1 ms (--timeout, --interval of a wait). */
export function parsePositiveDuration(text: string, flag: string): number {
  const ms = parseDuration(text, flag);
  if (ms <= 0) throw new UsageError(`${flag}: must be more than 0 (got "${text}").`, { flag });
  if (ms < 1) throw new UsageError(`${flag}: "${text}" is shorter than a millisecond; use e.g. 500ms or 2s.`, { flag });
  return ms;
}
