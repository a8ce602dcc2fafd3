// Durations as every flag and setting takes them: 90 (seconds), 90s, 500ms, 30m, 1h. One parser
// and one rule for every duration flag (--timeout, --interval, --render-time, --tolerance...):
// more than zero and at most a week, so `--timeout 0` is refused instead of timing out at once.
import { UsageError } from './errors.js';

/**
 * The longest duration any flag takes: a week. Past it no wait makes sense, and far past it
 * (`9999999h`) timers would overflow (setTimeout holds at most ~24.8 days).
 */
const MAX_DURATION_MS = 7 * 24 * 3_600_000;

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;

type DurationReading = { ms: number } | { kind: 'format' | 'range'; problem: string; suggestion?: string };

/** `text` in milliseconds, or why it is not a duration a flag accepts (the message after "FLAG: "). */
export function readDuration(text: string): DurationReading {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match) return { kind: 'format', problem: `"${text}" is not a duration; use e.g. 90s, 30m or 1h.` };
  const ms = Number(match[1]) * UNIT_MS[(match[2] ?? 's') as keyof typeof UNIT_MS];
  if (ms > MAX_DURATION_MS)
    return { kind: 'range', problem: `"${text}" is too long; at most 168h (a week).`, suggestion: 'Use e.g. 30m, 2h or 24h.' };
  if (ms <= 0) return { kind: 'range', problem: `must be more than 0 (got "${text}").` };
  if (ms < 1) return { kind: 'range', problem: `"${text}" is shorter than a millisecond; use e.g. 500ms or 2s.` };
  return { ms };
}

/** Milliseconds from a duration flag's text; a usage error (exit 2) naming `flag` otherwise. */
export function parseDuration(text: string, flag: string): number {
  const reading = readDuration(text);
  if ('ms' in reading) return reading.ms;
  throw new UsageError(`${flag}: ${reading.problem}`, {
    flag,
    ...(reading.suggestion !== undefined && { suggestion: reading.suggestion }),
  });
}
