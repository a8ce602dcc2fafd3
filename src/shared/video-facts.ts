// The enums, limits and defaults of POST /v3/videos (contract §4.1–4.3) and of waiting for a
// render, each defined once: the request body types, the settings schema, the flag choices, the
// wizard, the local checks and the sandbox all read them here. The order of each list is the
// order people see (flag help, "must be one of ..." messages, wizard choices).

export const ENGINES = ['avatar_iv', 'avatar_v', 'avatar_iii'] as const;
export type Engine = (typeof ENGINES)[number];
/** The engine the API uses when a body names none. */
export const DEFAULT_ENGINE: Engine = 'avatar_iv';

export const RESOLUTIONS = ['4k', '1080p', '720p'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export const ASPECT_RATIOS = ['auto', '16:9', '9:16', '4:5', '5:4', '1:1'] as const;
export type AspectRatio = (typeof ASPECT_RATIOS)[number];

export const FITS = ['contain', 'cover'] as const;
export type Fit = (typeof FITS)[number];

export const OUTPUT_FORMATS = ['mp4', 'webm'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Avatar IV only. */
export const EXPRESSIVENESS_LEVELS = ['high', 'medium', 'low'] as const;
export type Expressiveness = (typeof EXPRESSIVENESS_LEVELS)[number];

export const VOICE_ENGINE_TYPES = ['elevenlabs', 'fish', 'starfish'] as const;
export const ELEVENLABS_MODELS = ['eleven_multilingual_v2', 'eleven_turbo_v2_5', 'eleven_flash_v2_5', 'eleven_v3'] as const;
export const FISH_MODELS = ['s1', 's2-pro'] as const;
export const WATERMARK_POSITIONS = ['top_left', 'top_right', 'bottom_left', 'bottom_right'] as const;

/** The only caption file format; a sidecar SRT comes back whenever captions are asked for. */
export const CAPTION_FILE_FORMAT = 'srt';
/** The only caption style: asking for one is what also burns captions into a second video. */
export const CAPTION_STYLE = 'default';

/** A script is 1 to this many characters. */
export const SCRIPT_MAX_CHARS = 5000;

/** Inclusive ranges of voice_settings. */
export const VOICE_SPEED = { min: 0.5, max: 1.5 } as const;
/** In semitones. */
export const VOICE_PITCH = { min: -50, max: 50 } as const;
/** 0 silent .. 1 full. */
export const VOICE_VOLUME = { min: 0, max: 1 } as const;

/** How long a wait for a render lasts unless --timeout or the timeout setting says otherwise. */
export const DEFAULT_WAIT_TIMEOUT = '2h';
/** The first poll interval unless --interval or the interval setting says otherwise. */
export const DEFAULT_POLL_INTERVAL = '2s';
/** A fixed interval (--interval, the interval setting) backs off to this, and a batch's poll clock is never silent longer. */
export const POLL_BACKOFF_CAP = '15s';

/** How long `looks create --wait` and `looks wait` wait for training, and their first poll interval. */
export const DEFAULT_TRAINING_TIMEOUT = '60m';
export const DEFAULT_TRAINING_INTERVAL = '5s';
