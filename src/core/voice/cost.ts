// What hearing and rendering exactly this audio would cost: the speech itself at the Starfish rate,
// and a render of that many seconds at each engine's published rate. An estimate, never a quote.
import { RENDER_USD_PER_SECOND, STARFISH_USD_PER_SECOND } from '../video/rates.js';

export interface EngineCost {
  engine: string;
  /** USD at up to 1080p, and at 4K. */
  usd: number;
  usd_4k: number;
}

export interface AudioCost {
  seconds: number;
  speech_usd: number;
  renders: EngineCost[];
  basis: 'published_rates';
}

const cents = (n: number) => Math.round(n * 100) / 100;

export function audioCost(seconds: number): AudioCost {
  const s = Math.max(0, seconds);
  return {
    seconds: s,
    speech_usd: Math.round(s * STARFISH_USD_PER_SECOND * 10_000) / 10_000,
    renders: Object.entries(RENDER_USD_PER_SECOND).map(([engine, [hd, uhd]]) => ({ engine, usd: cents(s * hd), usd_4k: cents(s * uhd) })),
    basis: 'published_rates',
  };
}

/** "avatar_iii ≈ $0.50 · avatar_iv ≈ $2.00 · avatar_v ≈ $2.00" (up to 1080p). */
export function describeRenderCosts(cost: AudioCost): string {
  return cost.renders.map((r) => `${r.engine} ≈ $${r.usd.toFixed(2)}`).join(' · ');
}
