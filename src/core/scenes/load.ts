// Reads a scene file (text or `.json`) into the studio body, with every scene's position kept for
// messages. Nothing here touches the network.
import { dirname, resolve } from 'node:path';
import type { StudioVideoBody } from '../../api/studio-body.js';
import { UsageError } from '../../shared/errors.js';
import { decodeUtf8 } from '../../shared/utf8.js';
import { NOT_REGULAR, readRegularFile } from '../../shared/safe-fs.js';
import { parseSceneJson } from './parse-json.js';
import { parseSceneText } from './parse-text.js';
import type { SourcePos } from './scene-types.js';
import { toStudioBody, type SceneDefaults, type StudioSettings } from './to-body.js';

export interface LoadedScenes {
  /** The path as given. */
  display: string;
  /** Relative media paths start here (the scene file's folder). */
  baseDir: string;
  form: 'text' | 'json';
  /** With `local-file:PATH` placeholders where files are still to upload. */
  body: StudioVideoBody;
  /** Where each scene starts in a text file (index = scene number − 1); none for JSON. */
  positions: Array<SourcePos | undefined>;
}

export function loadScenes(path: string, cwd: string, defaults: SceneDefaults, settings: StudioSettings = {}): LoadedScenes {
  const full = resolve(cwd, path);
  let bytes: Buffer;
  try {
    // Never blocks on a FIFO or reads a device forever: anything but a regular file is refused.
    bytes = readRegularFile(full);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `${path}: ${code === 'ENOENT' ? 'no such scene file' : code === NOT_REGULAR ? 'is not a regular file (a FIFO, socket or device)' : `cannot be read (${code ?? (error as Error).message})`}.`,
      {
        details: { file: path },
        suggestion: 'Check the path of the scene file.',
      },
    );
  }
  const text = decodeUtf8(bytes, 'The scene file', path);
  const baseDir = dirname(full);
  if (/\.json$/i.test(path)) {
    const scenes = parseSceneJson(text, path, defaults);
    return { display: path, baseDir, form: 'json', body: { type: 'studio', scenes, ...settings }, positions: scenes.map(() => undefined) };
  }
  const drafts = parseSceneText(text, path);
  const body = toStudioBody({ display: path, baseDir, scenes: drafts }, defaults, settings);
  return { display: path, baseDir, form: 'text', body, positions: drafts.map((d) => d.at) };
}

/** "scenes.txt:12" for a text scene, "scenes.json scene 3" otherwise. */
export function whereScene(loaded: Pick<LoadedScenes, 'display' | 'positions'>, scene: number): string {
  const at = loaded.positions[scene - 1];
  return at ? `${loaded.display}:${at.line}: scene ${scene}` : `${loaded.display}: scene ${scene}`;
}
