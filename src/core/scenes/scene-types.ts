// The scene file as twin reads it, before any default is filled in: what each scene asks for and
// where (line, column) it said so, so every later check can point back into the file.
import type { Engine } from '../../shared/video-facts.js';
import type { MediaSource } from '../media/local-media.js';

export const SCENE_ENGINES = ['avatar_iv', 'avatar_v', 'avatar_iii'] as const satisfies readonly Engine[];

/** Where a thing was written in the scene file (1-based). */
export interface SourcePos {
  line: number;
  column: number;
}

export interface MediaRef {
  source: MediaSource;
  /** As written, for messages and the dry-run table. */
  text: string;
  at: SourcePos;
}

interface SceneBase {
  /** 1-based scene number. */
  number: number;
  /** Where the scene starts. */
  at: SourcePos;
}

/** The twin (or another look) speaking: narration by `text` or by a recording. */
export interface TalkSceneDraft extends SceneBase {
  kind: 'talk';
  text: string | null;
  audio?: MediaRef;
  look?: string;
  voice?: string;
  engine?: Engine;
  background?: string;
  speed?: number;
  motion?: string;
}

/** A still: silent for `seconds`, or narrated by `text` in the scene's voice, or by a recording. */
export interface SlideSceneDraft extends SceneBase {
  kind: 'slide';
  media: MediaRef;
  seconds?: number;
  text: string | null;
  audio?: MediaRef;
  voice?: string;
  speed?: number;
}

/** A clip played at full length. */
export interface ClipSceneDraft extends SceneBase {
  kind: 'clip';
  media: MediaRef;
  mute?: boolean;
  volume?: number;
}

export type SceneDraft = TalkSceneDraft | SlideSceneDraft | ClipSceneDraft;

export interface SceneFile {
  /** As given on the command line (messages). */
  display: string;
  /** Folder that relative media paths start from. */
  baseDir: string;
  scenes: SceneDraft[];
}
