// The whole-video settings of a studio body (§9.2) from the values a command or a manifest row
// gives: one home for the mapping `video create --scenes` and a batch `scenes` row share.
import type { CaptionSettings } from '../../api/video-body.js';
import type { AspectRatio, Engine, Resolution } from '../../shared/video-facts.js';
import type { SceneDefaults, StudioSettings } from './to-body.js';

interface StudioChoices {
  look?: string;
  voice?: string;
  engine?: Engine;
  aspectRatio?: AspectRatio;
  resolution?: Resolution;
  /** The SRT sidecar. */
  captions?: boolean;
  /** Captions burnt into the picture too (--captioned). */
  burnCaptions?: boolean;
  title?: string;
  callbackUrl?: string;
}

export function studioSettings(c: StudioChoices): { settings: StudioSettings; defaults: SceneDefaults } {
  const burn = c.burnCaptions === true;
  const caption: CaptionSettings | undefined =
    c.captions || burn ? { file_format: 'srt', ...(burn ? { style: 'default' as const } : {}) } : undefined;
  const settings: StudioSettings = {
    // §9.2: what `auto` means over several sources is unconfirmed, so twin sends an explicit ratio.
    aspect_ratio: c.aspectRatio === 'auto' ? '16:9' : c.aspectRatio,
    resolution: c.resolution,
    ...(caption ? { caption } : {}),
    ...(c.title ? { title: c.title } : {}),
    ...(c.callbackUrl ? { callback_url: c.callbackUrl } : {}),
  };
  return { settings, defaults: { look: c.look, voice: c.voice, engine: c.engine } };
}
