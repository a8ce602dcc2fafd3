// How long this user's renders take, kept locally (render-times.json in the config folder) so
// the next wait knows when to look: the ratio of render time to the script's spoken length,
// per engine and resolution. Nothing here is sent anywhere; a missing, unreadable or corrupt
// file just means "nothing known yet" (the wait falls back to the plain backoff).
import type { RenderPrior } from './schedule.js';
import { hasBasis, readRenders, writeRenders } from './render-list.js';
import { DEFAULT_ENGINE } from '../../shared/video-facts.js';

export const HISTORY_FILE = 'render-times.json';
/** Renders kept in the file, newest last. */
const KEEP = 100;
/** Renders of the same engine and resolution needed before they predict anything. */
export const MIN_RENDERS = 5;
/** The most recent matching renders used for a prediction (the service changes over time). */
const RECENT = 20;
/** The spread never counts as tighter than this: renders vary, and a too-sure plan waits long when wrong. */
const MIN_SIGMA = 0.1;
/** Words a voice speaks per second at speed 1 (150 a minute). */
const WORDS_PER_SECOND = 2.5;

/** What is known about a render before it starts. */
export interface RenderBasis {
  engine: string;
  resolution: string;
  /** How long the script takes to speak, estimated from its words. */
  speechMs: number;
}

export interface RenderRecord extends RenderBasis {
  renderMs: number;
  /** Unix ms when recorded. */
  at: number;
}

/** Spoken length of a script: words (or, for scripts without spaces such as Chinese, characters / 2) at 150 a minute. */
export function speechMs(script: string, speed = 1): number {
  const text = script.trim();
  if (!text) return 0;
  const words = Math.max(text.split(/\s+/u).length, Math.ceil([...text.replace(/\s+/gu, '')].length / 6));
  return Math.round((words / WORDS_PER_SECOND / (speed > 0 ? speed : 1)) * 1000);
}

/**
 * The basis of a create body: its script's spoken length, or the length of its audio when the
 * caller knows it (a local file read before upload); undefined when neither is known.
 */
export function renderBasis(
  body: {
    script?: string | null;
    engine?: { type?: string } | null;
    resolution?: string | null;
    voice_settings?: { speed?: number } | null;
  },
  audioMs?: number | null,
): RenderBasis | undefined {
  const ms = body.script ? speechMs(body.script, body.voice_settings?.speed ?? 1) : (audioMs ?? 0);
  if (!(ms > 0)) return undefined;
  return { engine: body.engine?.type ?? DEFAULT_ENGINE, resolution: body.resolution ?? 'default', speechMs: ms };
}

export function readHistory(dir: string): RenderRecord[] {
  return readRenders(dir, HISTORY_FILE, (r): r is RenderRecord => hasBasis(r, ['speechMs', 'renderMs', 'at']));
}

/** Adds one finished render (best effort: a folder that cannot be written only loses the record). */
export function recordRender(dir: string, basis: RenderBasis, renderMs: number, now = Date.now()): void {
  if (!(renderMs > 0) || !(basis.speechMs > 0)) return;
  writeRenders(dir, HISTORY_FILE, [...readHistory(dir), { ...basis, renderMs: Math.round(renderMs), at: now }].slice(-KEEP));
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * The prior for a render from the user's recent renders of the same engine and resolution:
 * median and robust spread (MAD) of ln(render time ÷ spoken length), widened for few samples.
 * Undefined with fewer than MIN_RENDERS of them.
 */
export function priorFrom(history: readonly RenderRecord[], basis: RenderBasis): RenderPrior | undefined {
  const same = sameKind(history, basis);
  if (same.length < MIN_RENDERS) return undefined;
  const { mu, mad, fastest } = ratioStats(same);
  const sigma = Math.max(MIN_SIGMA, mad * widening(same.length));
  const medianMs = basis.speechMs * Math.exp(mu);
  // A render cannot end before the script is spoken, unless this user's renders have (a fast sandbox).
  return { medianMs, sigma, earliestMs: Math.min(basis.speechMs, fastest * basis.speechMs * 0.8) };
}

/** The recent renders of the same engine and resolution. */
function sameKind(history: readonly RenderRecord[], basis: RenderBasis): RenderRecord[] {
  return history.filter((r) => r.engine === basis.engine && r.resolution === basis.resolution).slice(-RECENT);
}

/** Median and robust spread (MAD, as a σ) of ln(render time ÷ spoken length), and the fastest ratio. */
function ratioStats(renders: readonly RenderRecord[]): { mu: number; mad: number; fastest: number } {
  const logs = renders.map((r) => Math.log(r.renderMs / r.speechMs));
  const mu = median(logs);
  const mad = median(logs.map((l) => Math.abs(l - mu))) * 1.4826;
  return { mu, mad, fastest: Math.min(...renders.map((r) => r.renderMs / r.speechMs)) };
}

/** How much a spread from n renders is widened for their fewness. */
function widening(n: number): number {
  return Math.sqrt(1 + 1.6 / n);
}

/** With nothing known: render time ÷ spoken length, median and log-spread (wide: ×/÷ 2.7 for one σ). */
export const DEFAULT_RATIO = { median: 4, sigma: 1 } as const;
/** The least log-spread of a prior from too few renders of the kind (1–4). */
const FEW_SIGMA = 0.3;
/** The spread added for renders of other kinds: another engine or resolution may well render 2× faster or slower. */
const OTHER_KIND_SIGMA = 0.7;

/**
 * A broad prior for a render that priorFrom cannot predict: from the 1–4 renders of the same
 * engine and resolution when there are some, else from this user's renders of other kinds
 * (their ratio, with a wider spread: another engine or resolution renders at another speed),
 * else the wide default. It only places the polls the official CLI would spend anyway
 * (poll-budget.ts), so a wrong guess costs delay, never requests.
 */
export function broadPrior(history: readonly RenderRecord[], basis: RenderBasis): RenderPrior {
  const same = sameKind(history, basis);
  const pool = same.length > 0 ? same : history.slice(-RECENT);
  let mu: number = Math.log(DEFAULT_RATIO.median);
  let sigma: number = DEFAULT_RATIO.sigma;
  let fastest = Number.POSITIVE_INFINITY;
  if (pool.length > 0) {
    const stats = ratioStats(pool);
    mu = stats.mu;
    fastest = stats.fastest * basis.speechMs;
    const spread = Math.max(FEW_SIGMA, stats.mad) * widening(pool.length);
    sigma = same.length > 0 ? spread : Math.hypot(spread, OTHER_KIND_SIGMA);
  }
  // The spoken length is estimated (150 words a minute): a fast voice may take a fifth less.
  return { medianMs: basis.speechMs * Math.exp(mu), sigma, earliestMs: Math.min(0.8 * basis.speechMs, 0.8 * fastest) };
}

/** Render time of a finished video: the server's timestamps when it gives both, else what the wait saw. */
export function renderTimeOf(video: { created_at?: number | null; completed_at?: number | null }, observedMs?: number): number | undefined {
  const { created_at: created, completed_at: completed } = video;
  if (typeof created === 'number' && typeof completed === 'number' && completed > created) return (completed - created) * 1000;
  return observedMs;
}
