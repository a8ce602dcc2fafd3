// Fault selection. Scripted faults are consumed in the order they were injected; rate-based faults
// draw from the seeded PRNG only when their rate is above zero, so a test that sets one rate gets
// the same sequence whatever the other rates are.
import type { QueuedFault } from './records.js';
import type { ScriptedFault } from './types.js';
import type { State } from './state.js';

export type ApiFault =
  | { kind: '429'; retryAfter: string }
  | { kind: '500' | '502' | '503'; retryAfter?: string }
  | { kind: 'drop-before' | 'drop-after' | 'html-502' | 'malformed' | 'garbled' | 'hang' | 'not-json' | 'lag-404' }
  | { kind: 'huge'; bytes: number }
  | { kind: 'redirect-api'; location: string };

const DEFAULT_FAILURE = { code: 'render_failed', message: 'Sandbox: the render failed (injected fault).' };
const DEFAULT_STALL_MS = 5000;

export function injectFault(state: State, fault: ScriptedFault): void {
  if (fault.kind === 'expire-urls') {
    state.revokedUpTo = state.urlSeq;
    return;
  }
  if (fault.kind === 'fail-render' && fault.videoId !== undefined) {
    const video = state.videos.get(fault.videoId);
    if (video && !video.notified) {
      video.failure = { code: fault.failureCode ?? DEFAULT_FAILURE.code, message: fault.failureMessage ?? DEFAULT_FAILURE.message };
    }
    return;
  }
  const times = 'times' in fault && fault.times !== undefined ? fault.times : 1;
  if (times > 0) state.scripted.push({ ...fault, remaining: times });
}

function consume(state: State, fault: QueuedFault): void {
  fault.remaining -= 1;
  if (fault.remaining <= 0) state.scripted.splice(state.scripted.indexOf(fault), 1);
}

function routeMatches(route: string | undefined, routeKey: string, method: string, path: string): boolean {
  if (route === undefined) return routeKey.includes(' /v3/');
  return route === routeKey || route === `${method} ${path}`;
}

const API_KINDS = new Set([
  '429',
  '500',
  '502',
  '503',
  'drop-before',
  'drop-after',
  'html-502',
  'malformed',
  'garbled',
  'hang',
  'huge',
  'not-json',
  'lag-404',
  'redirect-api',
]);

/** The fault (if any) this API request suffers: the first matching scripted one, else a rate draw. */
export function takeApiFault(state: State, routeKey: string, method: string, path: string): ApiFault | null {
  for (const f of state.scripted) {
    if (!API_KINDS.has(f.kind) || !routeMatches((f as { route?: string }).route, routeKey, method, path)) continue;
    consume(state, f);
    if (f.kind === '429') return { kind: '429', retryAfter: f.retryAfter ?? '1' };
    if (f.kind === '500' || f.kind === '502' || f.kind === '503') {
      return f.retryAfter === undefined ? { kind: f.kind } : { kind: f.kind, retryAfter: f.retryAfter };
    }
    if (f.kind === 'huge') return { kind: 'huge', bytes: f.bytes };
    if (f.kind === 'redirect-api') return { kind: 'redirect-api', location: f.location };
    return { kind: f.kind as 'drop-before' | 'drop-after' | 'html-502' | 'malformed' | 'garbled' | 'hang' | 'not-json' | 'lag-404' };
  }
  if (!routeKey.includes(' /v3/')) return null;
  const r = state.faults;
  if (r.dropBefore > 0 && state.rand() < r.dropBefore) return { kind: 'drop-before' };
  if (r.rate429 > 0 && state.rand() < r.rate429) return { kind: '429', retryAfter: r.retryAfter };
  if (r.rate5xx > 0 && state.rand() < r.rate5xx) return { kind: state.rand() < 0.5 ? '500' : '503' };
  if (r.dropAfter > 0 && state.rand() < r.dropAfter) return { kind: 'drop-after' };
  return null;
}

/** Milliseconds to hold this request before its handler runs (the `slow` scripted fault). */
export function takeSlow(state: State, routeKey: string, method: string, path: string): number {
  const f = state.scripted.find((s) => s.kind === 'slow' && routeMatches(s.route, routeKey, method, path));
  if (!f || f.kind !== 'slow') return 0;
  consume(state, f);
  return f.ms;
}

/** Uses up one scripted fault of this kind, if one is queued. */
export function takeScripted<K extends ScriptedFault['kind']>(state: State, kind: K): Extract<ScriptedFault, { kind: K }> | undefined {
  const f = state.scripted.find((s) => s.kind === kind);
  if (!f) return undefined;
  consume(state, f);
  return f as unknown as Extract<ScriptedFault, { kind: K }>;
}

export function takeRenderFailure(state: State): { code: string; message: string } | null {
  const f = state.scripted.find((s) => s.kind === 'fail-render');
  if (f && f.kind === 'fail-render') {
    consume(state, f);
    return { code: f.failureCode ?? DEFAULT_FAILURE.code, message: f.failureMessage ?? DEFAULT_FAILURE.message };
  }
  if (state.faults.failRender > 0 && state.rand() < state.faults.failRender) return { ...DEFAULT_FAILURE };
  return null;
}

export interface BodyFault {
  kind: 'truncate' | 'stall';
  at: number;
  ms: number;
}

/**
 * Download faults whose byte offset falls inside [start, end] of the file. Offsets are file
 * offsets, so a resumed request that starts past `at` is not hit again. Faults beyond the first
 * truncate stay queued: the response ends there, and the resumed request should meet them.
 */
export function takeBodyFaults(state: State, start: number, end: number): BodyFault[] {
  const hits = state.scripted
    .filter((s): s is QueuedFault & { kind: 'truncate' | 'stall'; at: number } => s.kind === 'truncate' || s.kind === 'stall')
    .filter((s) => s.at >= start && s.at <= end)
    .sort((a, b) => a.at - b.at);
  const out: BodyFault[] = [];
  for (const f of hits) {
    out.push({ kind: f.kind, at: f.at, ms: f.ms ?? DEFAULT_STALL_MS });
    consume(state, f);
    if (f.kind === 'truncate') break;
  }
  return out;
}

const DEFAULT_TRANSLATION_FAILURE = 'Sandbox: the translation failed (injected fault).';

/** A new translation's fate for `language`: its failure message (or null) and extra render time. */
export function takeTranslationFaults(state: State, language: string): { failure: string | null; extraMs: number } {
  const matches = (s: QueuedFault): boolean =>
    (s.kind === 'fail-translation' || s.kind === 'slow-translation') && (s.language === undefined || s.language === language);
  let failure: string | null = null;
  let extraMs = 0;
  const fail = state.scripted.find((s) => s.kind === 'fail-translation' && matches(s));
  if (fail && fail.kind === 'fail-translation') {
    consume(state, fail);
    failure = fail.failureMessage ?? DEFAULT_TRANSLATION_FAILURE;
  } else if (state.faults.failRender > 0 && state.rand() < state.faults.failRender) {
    failure = DEFAULT_TRANSLATION_FAILURE;
  }
  const slow = state.scripted.find((s) => s.kind === 'slow-translation' && matches(s));
  if (slow && slow.kind === 'slow-translation') {
    consume(state, slow);
    extraMs = slow.ms;
  }
  return { failure, extraMs };
}
