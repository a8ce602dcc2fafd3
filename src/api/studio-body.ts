// Request-side types for POST /v3/videos with `type: "studio"` (multi-scene, contract §9). Only
// the form every known snapshot accepts (§9.2–§9.3): the §9.4 forms (`input.type: "image"` or
// `"animated_image"`, a voiceover on a clip) are deliberately not representable here.
import type { AspectRatio, Expressiveness, Resolution } from '../shared/video-facts.js';
import type { AssetInput, CaptionSettings, VideoEngine, VoiceSettings, Watermark } from './video-body.js';

export const STUDIO_SCENES_MAX = 50;
export const STUDIO_IMAGE_SECONDS_MAX = 300;

/** A talking look: `input.type` is always "avatar"; exactly one audio source. */
export interface StudioAvatarScene {
  type: 'avatar_video';
  input: {
    type: 'avatar';
    avatar_id: string;
    script?: string | null;
    voice_id?: string | null;
    audio_url?: string | null;
    audio_asset_id?: string | null;
    voice_settings?: VoiceSettings | null;
    engine?: VideoEngine | null;
    /** Colour only; the key is `color`, not `value` as for `type: "avatar"`. */
    background?: { type: 'color'; color: string } | null;
    expressiveness?: Expressiveness | null;
    motion_prompt?: string | null;
  };
}

/** A still: silent with `duration` (0, 300], or narrated by one audio source (`voice_id` required with `script`). */
export interface StudioImageScene {
  type: 'image';
  source: AssetInput;
  duration?: number;
  script?: string;
  voice_id?: string;
  audio_url?: string;
  audio_asset_id?: string;
  voice_settings?: VoiceSettings | null;
}

/** A clip at full length; no narration fields (a voiceover is an unconfirmed form, §9.4). */
export interface StudioVideoScene {
  type: 'video';
  source: AssetInput;
  playback?: { volume?: number; mute?: boolean } | null;
}

export type StudioScene = StudioAvatarScene | StudioImageScene | StudioVideoScene;
type StudioSceneKind = StudioScene['type'];

/** No `output_format`, `fit`, `remove_background`, `folder_id`, top-level look, script or engine (§9.2). */
export interface StudioVideoBody {
  type: 'studio';
  scenes: StudioScene[];
  aspect_ratio?: Exclude<AspectRatio, 'auto'> | null;
  resolution?: Resolution | null;
  caption?: CaptionSettings | null;
  title?: string | null;
  callback_url?: string | null;
  callback_id?: string | null;
  watermark?: Watermark | null;
}
