// A manifest row with a `scenes` column: one studio video (contract §9) from a scene file named
// relative to the manifest. Planned like `video create --scenes` (core/scenes: load, pre-flight,
// estimate), with the row's other columns as the whole-video settings and the talking scenes'
// defaults. The row's fingerprint is its studio body (what the scene file says, after defaults)
// plus the SHA-256 of every local file the scenes name, so a changed slide or clip re-renders it.
import { relative, resolve, sep } from 'node:path';
import type { HeyGenClient } from '../../api/index.js';
import type { StudioVideoBody } from '../../api/studio-body.js';
import type { CreateVideoBody } from '../../api/video-body.js';
import { UsageError } from '../../shared/errors.js';
import { toFlag } from '../../shared/flag-names.js';
import { ASPECT_RATIOS, ENGINES, RESOLUTIONS, type AspectRatio, type Engine, type Resolution } from '../../shared/video-facts.js';
import { checkMediaFileSync, sha256FileSync } from '../media/media-file.js';
import { localPlaceholder, type ManifestMediaCache } from '../media/local-media.js';
import { estimateScenes } from '../scenes/estimate.js';
import { loadScenes, whereScene, type LoadedScenes } from '../scenes/load.js';
import { checkScenes, type CheckedSceneMedia } from '../scenes/preflight.js';
import { studioSettings } from '../scenes/settings.js';
import { sceneMediaRefs, useSceneUploads } from '../scenes/to-body.js';
import type { VideoInput } from '../video/request.js';
import type { CellProblem, RowFields } from './columns.js';
import type { RowCost } from './plan-types.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

/** The columns a scenes row takes besides the file: those of the whole video, and the talking scenes' defaults. */
const STUDIO_FIELDS = ['look', 'voice', 'engine', 'aspectRatio', 'resolution', 'captions', 'title', 'callbackUrl'] as const;
type StudioField = (typeof STUDIO_FIELDS)[number];

export interface SceneRow {
  loaded: LoadedScenes;
  /** The body to send, its local files as `local-file:PATH` relative to the manifest's folder (uploaded before the first create). */
  body: StudioVideoBody;
  /** Each placeholder → its file's SHA-256 (the lock fingerprint's `media`). */
  media: Record<string, string>;
  cost: RowCost;
}

/** Forward slashes, so a lock written on Windows matches one written elsewhere. */
const portable = (path: string) => path.split(sep).join('/');

function pick<T extends string>(column: string, value: unknown, list: readonly T[], report: (p: CellProblem) => void): T | undefined {
  if (value === undefined) return undefined;
  if ((list as readonly unknown[]).includes(value)) return value as T;
  report({ column, message: `must be one of ${list.join(', ')} (got ${JSON.stringify(value)})` });
  return undefined;
}

/**
 * Everything of a scenes row that needs no network: the columns, the scene file (a syntax error
 * names its file, line and column), each local file (exists, right type, hashed once per run),
 * the estimate. Undefined when a problem was reported.
 */
export function planSceneRow(
  fields: RowFields,
  defaults: Partial<VideoInput>,
  manifestDir: string,
  cache: ManifestMediaCache,
  report: (p: CellProblem) => void,
): SceneRow | undefined {
  const column = fields.columnOf.scenes ?? 'scenes';
  let bad = false;
  const refuse = (p: CellProblem) => ((bad = true), report(p));
  const own = fields.input as Record<string, unknown>;
  for (const key of Object.keys(own)) {
    if (!(STUDIO_FIELDS as readonly string[]).includes(key))
      refuse({
        column: fields.columnOf[key as keyof VideoInput] ?? toFlag(key).slice(2),
        message: `does not apply to a scenes row: the scene file says it per scene (see \`${twinInvocation()} scenes check\`)`,
      });
  }
  if (fields.scriptFile !== undefined)
    refuse({
      column: fields.columnOf.scriptFile ?? 'script_file',
      message: 'does not apply to a scenes row: the scene file holds the script',
    });
  // The command's defaults fill what the row leaves empty; defaults of single-scene flags do not apply.
  const value = (key: StudioField): unknown => own[key] ?? (defaults as Record<string, unknown>)[key];
  const columnOf = (key: StudioField) => fields.columnOf[key] ?? toFlag(key).slice(2);
  const engine = pick<Engine>(columnOf('engine'), value('engine'), ENGINES, refuse);
  const aspectRatio = pick<AspectRatio>(columnOf('aspectRatio'), value('aspectRatio'), ASPECT_RATIOS, refuse);
  const resolution = pick<Resolution>(columnOf('resolution'), value('resolution'), RESOLUTIONS, refuse);
  const text = (key: StudioField) => (typeof value(key) === 'string' ? (value(key) as string) : undefined);
  const { settings, defaults: sceneDefaults } = studioSettings({
    look: text('look'),
    voice: text('voice'),
    engine,
    aspectRatio,
    resolution,
    captions: value('captions') === true,
    title: text('title'),
    callbackUrl: text('callbackUrl'),
  });
  if (bad) return undefined;

  let loaded: LoadedScenes;
  try {
    loaded = loadScenes(fields.scenes!, manifestDir, sceneDefaults, settings);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    report({ column, message: error.message.replace(/\.$/, '') });
    return undefined;
  }

  const checked: CheckedSceneMedia[] = [];
  const media: Record<string, string> = {};
  const placeholders = new Map<string, string>();
  for (const ref of sceneMediaRefs(loaded.body)) {
    const full = resolve(loaded.baseDir, ref.path);
    const key = `${ref.kinds.join(',')}\n${full}`;
    let known = cache.get(key);
    if (!known) {
      try {
        const file = checkMediaFileSync(ref.path, {
          where: whereScene(loaded, ref.scene),
          flag: column,
          kinds: ref.kinds,
          cwd: loaded.baseDir,
        });
        known = { file, sha256: sha256FileSync(file.path) };
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        known = error;
      }
      cache.set(key, known);
    }
    if (known instanceof Error) {
      report({ column, message: known.message.replace(/\.$/, '') });
      bad = true;
      continue;
    }
    checked.push({ ...ref, file: known.file });
    const placeholder = localPlaceholder(portable(relative(manifestDir, full)));
    placeholders.set(ref.path, placeholder);
    media[placeholder] = known.sha256;
  }
  if (bad) return undefined;

  const estimate = estimateScenes(loaded.body, checked);
  const firstTalk = loaded.body.scenes.find((s) => s.type === 'avatar_video');
  return {
    loaded,
    body: useSceneUploads(loaded.body, placeholders),
    media,
    cost: {
      engine: (firstTalk?.type === 'avatar_video' ? firstTalk.input.engine?.type : undefined) ?? 'avatar_iv',
      ...(loaded.body.resolution ? { resolution: loaded.body.resolution } : {}),
      // A scene whose length cannot be told (a URL, an asset) leaves the row's length unknown.
      estimate: estimate.unknown === 0 ? { seconds: estimate.seconds, basis: 'script' } : { seconds: null, basis: 'unknown' },
    },
  };
}

/**
 * The checks that may ask the API (every look: exists, completed, takes the scene's engine) and
 * the scene rules (count, narration, slide lengths): the problems of `scenes check`. Without
 * `api` (a locked row, a dry run without a key) the looks are not asked about.
 */
export async function sceneRowProblems(row: SceneRow, api: Pick<HeyGenClient, 'getLook'> | undefined): Promise<string[]> {
  return (await checkScenes(row.loaded, api)).problems;
}

/** What the review page shows of a scenes row: the first look, the title, the narration. */
export function sceneReviewBody(body: StudioVideoBody): CreateVideoBody {
  const talk = body.scenes.find((s) => s.type === 'avatar_video');
  const scripts = body.scenes
    .map((s) => (s.type === 'avatar_video' ? s.input.script : s.type === 'image' ? s.script : undefined))
    .filter((s): s is string => typeof s === 'string' && s !== '');
  return {
    avatar_id: talk?.type === 'avatar_video' ? (talk.input.avatar_id ?? '') : '',
    ...(body.title ? { title: body.title } : {}),
    ...(body.resolution ? { resolution: body.resolution } : {}),
    ...(scripts.length ? { script: scripts.join('\n\n') } : {}),
  } as CreateVideoBody;
}
