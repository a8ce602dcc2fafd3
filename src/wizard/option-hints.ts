// The wizard's one-line hint for each allowed value of an option. Keyed by the fact lists'
// types (shared/video-facts.ts), so a value added there cannot reach the wizard without words.
import type { AspectRatio, Expressiveness, Fit, OutputFormat, Resolution } from '../shared/video-facts.js';

export const RESOLUTION_HINTS: Record<Resolution, string> = {
  '4k': '2160p, the sharpest (slower to render)',
  '1080p': 'recommended',
  '720p': 'smaller files',
};

export const FORMAT_HINTS: Record<OutputFormat, string> = {
  mp4: 'the usual video file',
  webm: 'transparent background (the look must be trained with matting)',
};

export const FIT_HINTS: Record<Fit, string> = {
  contain: 'the whole avatar, with borders if needed',
  cover: 'fill the frame, cropping if needed',
};

export const EXPRESSIVENESS_HINTS: Record<Expressiveness, string | undefined> = {
  low: 'calm (the default)',
  medium: undefined,
  high: 'lively face and head',
};

export const ASPECT_HINTS: Record<AspectRatio, string> = {
  auto: "the look's own frame (16:9 when it cannot be read)",
  '16:9': 'landscape',
  '9:16': 'portrait: phones, Reels, Shorts',
  '4:5': 'tall feed post',
  '5:4': 'wide feed post',
  '1:1': 'square',
};
