// Request bodies of the voice endpoints (contract §11), field for field.
import type { AssetInput } from './media-client.js';

/** The bounds the API states for `speed` (§11.1; not the 0.5–1.5 of a video's voice_settings). */
export const SPEECH_SPEED = { min: 0.5, max: 2 } as const;
export const SPEECH_MAX_CHARS = 5000;
export const CLONE_NAME_MAX_CHARS = 100;
export const DESIGN_PROMPT_MAX_CHARS = 1000;

export interface SpeechBody {
  text: string;
  voice_id: string;
  input_type?: 'text' | 'ssml';
  speed?: number;
  /** A base code: `en`. */
  language?: string;
  /** BCP-47: `en-US`; when set it decides the language. */
  locale?: string;
}

export interface CloneBody {
  audio: AssetInput;
  voice_name: string;
  /** A hint code: `en`. */
  language?: string;
  /** The API's default is true. */
  remove_background_noise?: boolean;
}

export interface DesignBody {
  prompt: string;
  gender?: 'male' | 'female';
  locale?: string;
  /** 0 = best matches, 1 = the next three… */
  seed?: number;
}
