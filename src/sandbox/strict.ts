// The sandbox is as strict as a real validator, so a misspelled or stale field fails a test instead
// of being ignored: every body object and every query is checked against the fields the official
// schema lists (contract §2–§8). Routes declare their query names (`Route.query`); body validators
// call `onlyFields` with each object's allowed names. Both answer 400 invalid_parameter naming `param`.
import { invalidParameter } from './errors.js';

/** Throws for the first key of `obj` not in `allowed`; `path` prefixes the param (`engine.`, `videos[2].`). */
export function onlyFields(obj: Record<string, unknown>, allowed: readonly string[], path = ''): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) {
      const where = path === '' ? 'the request body' : path.replace(/\.$/, '');
      throw invalidParameter(`${path}${key}`, `unknown field ${JSON.stringify(key)} in ${where}; allowed: ${allowed.join(', ') || 'none'}`);
    }
  }
}

/** Throws for the first query parameter not in `allowed` (a route without a list takes none). */
export function onlyQuery(query: Record<string, string>, allowed: readonly string[] = []): void {
  for (const key of Object.keys(query)) {
    if (!allowed.includes(key)) {
      throw invalidParameter(key, `unknown query parameter ${JSON.stringify(key)}; allowed: ${allowed.join(', ') || 'none'}`);
    }
  }
}

/** Keys the official schemas mark required even though their value may be null (§7 user). */
const REQUIRED_NULLABLE = new Set(['email', 'first_name', 'last_name']);

/**
 * The `omitOptional` knob: a success body as a terser server would send it. Optional fields whose
 * value is null are left out, and so are the list envelope's `has_more: false` and
 * `next_token: null` (both optional in the official envelopes, §1.3). The batch detail keeps its
 * `has_more` inside `data`, which its schema requires (§5.6).
 */
export function omitOptional(body: unknown): unknown {
  if (!isPlainObject(body)) return body;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === 'has_more' && value === false) continue;
    if (key === 'next_token' && value === null) continue;
    out[key] = key === 'data' ? stripNulls(value) : value;
  }
  return out;
}

function stripNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripNulls);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === null && !REQUIRED_NULLABLE.has(key)) continue;
    // event_data is the event's own payload, not a schema object: leave it as sent.
    out[key] = key === 'event_data' ? v : stripNulls(v);
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
