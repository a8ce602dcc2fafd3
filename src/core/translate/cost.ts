// The cost estimate shown before a translation is paid for (contract §10.8): source duration ×
// languages × the mode's published rate per second of output. One updatable table; always an
// estimate (prices vary, dynamic duration can make the output longer or shorter).

/** USD per second of output, per language ([DOCS] pricing, contract §10.8). */
const TRANSLATION_RATES = {
  speedAudioOnly: 0.0167,
  speed: 0.0333,
  precision: 0.0667,
} as const;

export type TranslationMode = 'speed' | 'precision';

function ratePerSecond(mode: TranslationMode, audioOnly: boolean): number {
  if (mode === 'precision') return TRANSLATION_RATES.precision;
  return audioOnly ? TRANSLATION_RATES.speedAudioOnly : TRANSLATION_RATES.speed;
}

export interface TranslationEstimate {
  /** Seconds of source translated (after --start/--end), null when unknown. */
  seconds: number | null;
  languages: number;
  rate_usd_per_second: number;
  /** Minutes of output billed across every language (seconds × languages / 60). */
  minutes: number | null;
  usd: number | null;
  estimate: true;
}

export function estimateTranslation(opts: {
  sourceSeconds: number | null;
  languages: number;
  mode: TranslationMode;
  audioOnly: boolean;
  start?: number;
  end?: number;
}): TranslationEstimate {
  const rate = ratePerSecond(opts.mode, opts.audioOnly);
  let seconds = opts.sourceSeconds;
  if (seconds !== null) {
    const end = Math.min(opts.end ?? seconds, seconds);
    seconds = Math.max(0, end - Math.min(opts.start ?? 0, end));
  } else if (opts.end !== undefined) {
    seconds = Math.max(0, opts.end - (opts.start ?? 0));
  }
  const total = seconds === null ? null : seconds * opts.languages;
  return {
    seconds,
    languages: opts.languages,
    rate_usd_per_second: rate,
    minutes: total === null ? null : Math.round((total / 60) * 100) / 100,
    usd: total === null ? null : Math.round(total * rate * 100) / 100,
    estimate: true,
  };
}

/** "about $1.33 (estimate: 20 s × 2 languages × $0.0333/s, speed)". */
export function describeEstimate(e: TranslationEstimate, mode: TranslationMode): string {
  if (e.usd === null) return `cost unknown (source duration unknown; ${mode} is $${e.rate_usd_per_second}/s per language)`;
  return `about $${e.usd.toFixed(2)} (estimate: ${e.seconds} s × ${e.languages} language${e.languages === 1 ? '' : 's'} × $${e.rate_usd_per_second}/s, ${mode})`;
}
