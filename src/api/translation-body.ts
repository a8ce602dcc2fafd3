// Request bodies of the video translation endpoints (contract §10.2, §10.5, §10.6), as sent.

/** AssetInput for translation sources (§10.1): no base64 variant, no video id. */
export type TranslationSource = { type: 'url'; url: string } | { type: 'asset_id'; asset_id: string };

/** POST /v3/video-translations (§10.2). Languages are names from GET …/languages, spelled exactly. */
export interface CreateTranslationBody {
  video: TranslationSource;
  output_languages: string[];
  mode?: 'speed' | 'precision';
  translate_audio_only?: boolean;
  enable_dynamic_duration?: boolean;
  enable_caption?: boolean;
  speaker_num?: number;
  input_language?: string;
  keep_the_same_format?: boolean;
  disable_music_track?: boolean;
  enable_speech_enhancement?: boolean;
  enable_watermark?: boolean;
  start_time?: number;
  end_time?: number;
  audio?: TranslationSource;
  fps_mode?: 'vfr' | 'cfr' | 'passthrough';
  srt?: TranslationSource;
  srt_role?: 'input' | 'output';
  brand_glossary_id?: string;
  title?: string;
  folder_id?: string;
  callback_url?: string;
  callback_id?: string;
}

/** POST /v3/video-translations/batches (§10.5): at most 100 items after expansion by language. */
export interface CreateTranslationBatchBody {
  video_translations: CreateTranslationBody[];
  title?: string;
  callback_url?: string;
}

/** POST /v3/video-translations/proofreads (§10.6): `title` is required here. */
export interface CreateProofreadBody {
  video: TranslationSource;
  output_languages: string[];
  title: string;
  mode?: 'speed' | 'precision';
  srt?: TranslationSource;
  speaker_num?: number;
  keep_the_same_format?: boolean;
  enable_video_stretching?: boolean;
  disable_music_track?: boolean;
  enable_speech_enhancement?: boolean;
  folder_id?: string;
  brand_glossary_id?: string;
}

/** POST /v3/video-translations/proofreads/{id}/generate (§10.6). */
export interface GenerateProofreadBody {
  captions?: boolean;
  translate_audio_only?: boolean;
  callback_url?: string;
  callback_id?: string;
}
