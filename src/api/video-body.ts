// Request-side types for POST /v3/videos (type "avatar", contract §4.1–4.2) and
// POST /v3/videos/batches (§5.5). Commands and the wizard build bodies with these; the allowed
// values and ranges live in shared/video-facts.ts.

import type {
  AspectRatio,
  CAPTION_FILE_FORMAT,
  CAPTION_STYLE,
  ELEVENLABS_MODELS,
  Expressiveness,
  FISH_MODELS,
  Fit,
  OutputFormat,
  Resolution,
  WATERMARK_POSITIONS,
} from '../shared/video-facts.js';

/** Omitted engine means Avatar IV. */
export type VideoEngine = { type: 'avatar_iv' } | { type: 'avatar_v'; reference_look_id?: string | null } | { type: 'avatar_iii' };

/** Colour (hex) or an image given by exactly one of url / asset_id. */
export type VideoBackground =
  | { type: 'color'; value: string }
  | { type: 'image'; url: string; asset_id?: never }
  | { type: 'image'; asset_id: string; url?: never };

export type AssetInput =
  | { type: 'url'; url: string }
  | { type: 'asset_id'; asset_id: string }
  | { type: 'base64'; media_type: string; data: string };

export type VoiceEngineSettings =
  | {
      engine_type: 'elevenlabs';
      model?: (typeof ELEVENLABS_MODELS)[number];
      stability?: number;
      similarity_boost?: number;
      style?: number;
      use_speaker_boost?: boolean;
    }
  | { engine_type: 'fish'; model?: (typeof FISH_MODELS)[number]; stability?: number; similarity?: number }
  | { engine_type: 'starfish' };

export interface VoiceSettings {
  /** VOICE_SPEED (0.5–1.5), default 1 */
  speed?: number;
  /** VOICE_PITCH, semitones (−50..+50), default 0 */
  pitch?: number;
  /** 0.0 silent .. 1.0 full, default 1 */
  volume?: number;
  /** accent hint for multilingual voices, e.g. en-US */
  locale?: string | null;
  engine_settings?: VoiceEngineSettings | null;
}

/** A sidecar SRT always comes back; `style` also burns captions into a second file. */
export interface CaptionSettings {
  file_format?: typeof CAPTION_FILE_FORMAT;
  style?: typeof CAPTION_STYLE | null;
}

export interface Watermark {
  image: AssetInput;
  opacity?: number;
  scale?: number;
  placement?: {
    position?: (typeof WATERMARK_POSITIONS)[number];
    offset_x?: number;
    offset_y?: number;
  } | null;
}

export interface CreateVideoBody {
  type: 'avatar';
  /** A look id. */
  avatar_id: string;
  /** 1–SCRIPT_MAX_CHARS characters; exclusive with audio_url / audio_asset_id. */
  script?: string | null;
  /** Falls back to the look's default_voice_id when omitted with a script. */
  voice_id?: string | null;
  audio_url?: string | null;
  audio_asset_id?: string | null;
  title?: string | null;
  resolution?: Resolution | null;
  aspect_ratio?: AspectRatio | null;
  fit?: Fit | null;
  /** Rejected with output_format webm. */
  background?: VideoBackground | null;
  remove_background?: boolean | null;
  output_format?: OutputFormat;
  engine?: VideoEngine | null;
  /** Avatar IV only; rejected on avatar_v. */
  expressiveness?: Expressiveness | null;
  /** Digital twins: avatar_v only. */
  motion_prompt?: string | null;
  voice_settings?: VoiceSettings | null;
  caption?: CaptionSettings | null;
  callback_url?: string | null;
  callback_id?: string | null;
  watermark?: Watermark | null;
}

export interface CreateVideoBatchBody {
  /** 1–100 bodies, each identical to a POST /v3/videos body. */
  videos: CreateVideoBody[];
  title?: string;
  /** Fires once, when every item is terminal. */
  callback_url?: string;
}

export interface WebhookEndpointBody {
  url: string;
  /** Omit or null = all events. */
  events?: string[] | null;
  entity_id?: string;
}

export interface WebhookEndpointUpdate {
  url?: string;
  /** Replaces the whole list. */
  events?: string[] | null;
}
