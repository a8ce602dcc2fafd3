// What the terminal shows of a scene file: the table of scenes (number, kind, look/engine, words
// or seconds, media) and the lines of the pre-flight. Shared by `scenes check` and `video create --scenes`.
import { DEFAULT_ENGINE } from '../shared/video-facts.js';
import type { StudioScene } from '../api/studio-body.js';
import type { PreparedScenes } from '../flows/scenes.js';
import { LOCAL_FILE_PREFIX } from '../core/media/local-media.js';
import type { Context } from './context-types.js';
import { renderTable, type Column } from './table.js';

interface Row {
  scene: number;
  kind: string;
  look: string;
  length: string;
  media: string;
}

const COLUMNS: Column<Row>[] = [
  { header: '#', value: (r) => r.scene, priority: 1 },
  { header: 'kind', value: (r) => r.kind, priority: 1 },
  { header: 'look/engine', value: (r) => r.look, priority: 2 },
  { header: 'words/seconds', value: (r) => r.length, priority: 1 },
  { header: 'media', value: (r) => r.media, shrink: true },
];

function mediaText(v: string | null | undefined): string {
  if (!v) return '';
  return v.startsWith(LOCAL_FILE_PREFIX) ? v.slice(LOCAL_FILE_PREFIX.length) : v;
}

function rowOf(scene: StudioScene, i: number, prepared: PreparedScenes): Row {
  const est = prepared.estimate.scenes[i]!;
  const secs = est.seconds === null ? '?' : `${est.seconds}s`;
  const length = est.words > 0 ? `${est.words} words (~${secs})` : secs;
  if (scene.type === 'avatar_video') {
    const engine = scene.input.engine?.type ?? DEFAULT_ENGINE;
    return {
      scene: i + 1,
      kind: 'twin',
      look: `${scene.input.avatar_id}/${engine}`,
      length,
      media: mediaText(scene.input.audio_asset_id ?? scene.input.audio_url),
    };
  }
  const source =
    scene.source.type === 'url' ? scene.source.url : scene.source.type === 'asset_id' ? mediaText(scene.source.asset_id) : 'base64';
  if (scene.type === 'image') {
    const audio = mediaText(scene.audio_asset_id ?? scene.audio_url);
    return {
      scene: i + 1,
      kind: scene.duration !== undefined ? 'slide' : 'slide (narrated)',
      look: scene.voice_id ?? '',
      length,
      media: audio ? `${source} + ${audio}` : source,
    };
  }
  const sound = scene.playback?.mute ? ' (muted)' : scene.playback?.volume !== undefined ? ` (volume ${scene.playback.volume})` : '';
  return { scene: i + 1, kind: 'clip', look: '', length, media: `${source}${sound}` };
}

export function scenesTable(ctx: Pick<Context, 'io' | 'out'>, prepared: PreparedScenes): string {
  const rows = prepared.loaded.body.scenes.map((s, i) => rowOf(s, i, prepared));
  return renderTable(rows, COLUMNS, { tty: ctx.io.stdoutIsTTY, width: ctx.io.columns, header: ctx.out.style.bold });
}

export function estimateLine(prepared: PreparedScenes): string {
  const e = prepared.estimate;
  const unknown = e.unknown > 0 ? `, plus ${e.unknown} scene(s) of unknown length` : '';
  const minutes = e.seconds >= 60 ? ` (${e.minutes} min)` : '';
  const n = prepared.loaded.body.scenes.length;
  return `${n} scene${n === 1 ? '' : 's'}, about ${e.seconds}s${minutes} of video${unknown} (an estimate).`;
}

export function showWarnings(ctx: Pick<Context, 'out'>, prepared: PreparedScenes): void {
  for (const w of prepared.verdict.warnings) ctx.out.warn(w);
}
