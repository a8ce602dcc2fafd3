// Published API rates in USD per second of output (developers.heygen.com pricing page; contract
// §10.8, §11.1). Estimates only: prices vary by plan and have changed between page versions.
// The one home for these rates: core/batch/budget.ts and core/voice/cost.ts read them here.

/** Digital Twin renders, [up to 1080p, 4K]. Avatar V is not listed and is taken at Avatar IV's rate. */
export const RENDER_USD_PER_SECOND: Readonly<Record<string, readonly [number, number]>> = {
  avatar_iii: [0.0167, 0.02],
  avatar_iv: [0.0667, 0.0833],
  avatar_v: [0.0667, 0.0833],
};

/** Text-to-speech with the Starfish engine: $0.04 a minute (an older page: $0.000333/s). */
export const STARFISH_USD_PER_SECOND = 0.000667;
