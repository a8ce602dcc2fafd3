// The plain scene file: UTF-8, scenes split by a line holding only `---`, each scene opened by
// optional `[name: value]` directive lines, then the words the twin says. Every mistake is a
// UsageError (exit 2) naming file:line:column, so an editor can jump to it.
import { UsageError } from '../../shared/errors.js';
import { closest } from '../../shared/spelling.js';
import { parseMediaSource } from '../media/local-media.js';
import { SCENE_ENGINES, type MediaRef, type SceneDraft, type SourcePos } from './scene-types.js';
import { twinInvocation } from '../../shared/twin-invocation.js';

const DIRECTIVES = ['look', 'voice', 'engine', 'background', 'speed', 'motion', 'slide', 'clip', 'audio'] as const;
type Directive = (typeof DIRECTIVES)[number];
/** Directives each kind of scene takes (a slide has no look; a clip has no narration, §9.3). */
const ALLOWED: Record<SceneDraft['kind'], readonly Directive[]> = {
  talk: ['look', 'voice', 'engine', 'background', 'speed', 'motion', 'audio'],
  slide: ['slide', 'voice', 'speed', 'audio'],
  clip: ['clip'],
};

export function sceneError(file: string, at: SourcePos, message: string, suggestion?: string): UsageError {
  return new UsageError(`${file}:${at.line}:${at.column}: ${message}`, {
    details: { file, line: at.line, column: at.column },
    suggestion: suggestion ?? `Fix the scene file; \`${twinInvocation()} scenes check FILE\` checks it without sending anything.`,
  });
}

interface Line {
  text: string;
  number: number;
}

/** Splits into scenes at lines holding only `---` (surrounding spaces allowed). */
function splitScenes(text: string): Line[][] {
  const scenes: Line[][] = [[]];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '---') scenes.push([]);
    else scenes[scenes.length - 1]!.push({ text: raw, number: i + 1 });
  });
  return scenes;
}

interface Parsed {
  name: Directive;
  value: string;
  /** Column where the value starts. */
  valueAt: SourcePos;
  nameAt: SourcePos;
}

const DIRECTIVE_LINE = /^\s*\[/;

function parseDirective(file: string, line: Line): Parsed {
  const open = line.text.indexOf('[');
  const close = line.text.lastIndexOf(']');
  const at = (index: number): SourcePos => ({ line: line.number, column: index + 1 });
  if (close < open || line.text.slice(close + 1).trim() !== '') {
    throw sceneError(file, at(line.text.length), 'a directive must end with `]` and nothing after it');
  }
  const inner = line.text.slice(open + 1, close);
  const colon = inner.indexOf(':');
  const rawName = (colon < 0 ? inner : inner.slice(0, colon)).trim();
  const nameAt = at(open + 1 + inner.indexOf(rawName.charAt(0) || ':'));
  const name = rawName.toLowerCase();
  if (!(DIRECTIVES as readonly string[]).includes(name)) {
    const guess = closest(name, DIRECTIVES);
    throw sceneError(
      file,
      nameAt,
      `unknown directive [${rawName}]${guess ? `; did you mean [${guess}: …]?` : ''}`,
      `Directives: ${DIRECTIVES.map((d) => `[${d}: …]`).join(', ')}.`,
    );
  }
  if (colon < 0) throw sceneError(file, at(open + 1 + inner.length), `[${name}] needs a value: [${name}: …]`);
  const after = inner.slice(colon + 1);
  const value = after.trim();
  const valueAt = at(open + 1 + colon + 1 + (after.length - after.trimStart().length));
  if (value === '') throw sceneError(file, valueAt, `[${name}: …] needs a value`);
  return { name: name as Directive, value, valueAt, nameAt };
}

function media(file: string, d: Parsed, value: string): MediaRef {
  const source = parseMediaSource(value);
  if (!source) {
    throw sceneError(file, d.valueAt, `[${d.name}: ${value}] is not a file path, an https URL or asset:ID`);
  }
  return { source, text: value, at: d.valueAt };
}

function number(file: string, d: Parsed, text: string, what: string): number {
  const n = Number(text);
  if (text === '' || !Number.isFinite(n)) throw sceneError(file, d.valueAt, `[${d.name}: ${d.value}]: ${what}`);
  return n;
}

/** The directives and text of one scene, turned into its draft. */
function buildScene(file: string, lines: Line[], number_: number): SceneDraft | null {
  const directives: Parsed[] = [];
  const textLines: Line[] = [];
  for (const line of lines) {
    if (textLines.length === 0 && line.text.trim() === '') continue;
    if (DIRECTIVE_LINE.test(line.text)) {
      const d = parseDirective(file, line);
      if (textLines.some((l) => l.text.trim() !== '')) {
        throw sceneError(file, d.nameAt, `[${d.name}: …] comes after the scene's text; directives go at the start of a scene`);
      }
      directives.push(d);
    } else {
      textLines.push(line);
    }
  }
  const text = textLines
    .map((l) => l.text)
    .join('\n')
    .trim();
  if (directives.length === 0 && text === '') return null;
  const first = directives[0]?.nameAt ?? { line: textLines[0]?.number ?? lines[0]?.number ?? 1, column: 1 };
  const kindOf = directives.find((d) => d.name === 'slide' || d.name === 'clip');
  const kind: SceneDraft['kind'] = kindOf ? (kindOf.name === 'slide' ? 'slide' : 'clip') : 'talk';
  const at = { line: first.line, column: 1 };
  const seen = new Set<string>();
  const scene: Record<string, unknown> = { kind, number: number_, at, text: text === '' ? null : text };
  for (const d of directives) {
    if (seen.has(d.name)) throw sceneError(file, d.nameAt, `[${d.name}: …] is given twice in scene ${number_}`);
    if (kindOf && d !== kindOf && (d.name === 'slide' || d.name === 'clip')) {
      throw sceneError(file, d.nameAt, `a scene is one slide or one clip; start a new scene with --- before [${d.name}: …]`);
    }
    seen.add(d.name);
    if (!ALLOWED[kind].includes(d.name)) {
      throw sceneError(
        file,
        d.nameAt,
        `[${d.name}: …] does not apply to a ${kind} scene; it takes ${ALLOWED[kind].map((n) => `[${n}]`).join(', ')}`,
      );
    }
    applyDirective(file, d, scene);
  }
  if (kind === 'clip' && text !== '') {
    throw sceneError(
      file,
      { line: textLines.find((l) => l.text.trim() !== '')!.number, column: 1 },
      'a clip scene plays its own sound: it takes no narration text (put the words in the next scene)',
    );
  }
  if (kind !== 'clip' && scene['audio'] !== undefined && text !== '') {
    throw sceneError(file, (scene['audio'] as MediaRef).at, 'a scene is narrated by its text or by [audio: …], not both');
  }
  if (kind === 'slide') {
    const narrated = text !== '' || scene['audio'] !== undefined;
    const d = kindOf!;
    if (narrated && scene['seconds'] !== undefined)
      throw sceneError(file, d.valueAt, 'a narrated slide lasts as long as its narration: drop the seconds');
    if (!narrated && scene['seconds'] === undefined) {
      throw sceneError(
        file,
        d.valueAt,
        `a silent slide needs a length: [slide: ${d.value} 5s]`,
        'Add a length, or text for the twin to say over it.',
      );
    }
  }
  if (kind === 'talk' && text === '' && scene['audio'] === undefined) {
    throw sceneError(file, at, `scene ${number_} has nothing to say: add text or [audio: …]`);
  }
  return scene as unknown as SceneDraft;
}

function applyDirective(file: string, d: Parsed, scene: Record<string, unknown>): void {
  switch (d.name) {
    case 'look':
    case 'voice':
    case 'motion':
      scene[d.name] = d.value;
      return;
    case 'engine': {
      const engine = d.value.toLowerCase();
      if (!(SCENE_ENGINES as readonly string[]).includes(engine)) {
        throw sceneError(file, d.valueAt, `[engine: ${d.value}]: the engine is one of ${SCENE_ENGINES.join(', ')}`);
      }
      scene['engine'] = engine;
      return;
    }
    case 'background':
      if (!/^#[0-9a-fA-F]{6}$/.test(d.value))
        throw sceneError(file, d.valueAt, `[background: ${d.value}]: a colour is # and 6 hex digits, like #1a2b3c`);
      scene['background'] = d.value;
      return;
    case 'speed': {
      const speed = number(file, d, d.value, 'the speed is a number from 0.5 to 1.5');
      if (speed < 0.5 || speed > 1.5) throw sceneError(file, d.valueAt, `[speed: ${d.value}]: the speed is a number from 0.5 to 1.5`);
      scene['speed'] = speed;
      return;
    }
    case 'audio':
      scene['audio'] = media(file, d, d.value);
      return;
    case 'slide': {
      const m = /^(.*\S)\s+(\d+(?:\.\d+)?)s$/.exec(d.value);
      if (m) {
        const seconds = number(file, d, m[2]!, 'the length is seconds, like 5s');
        if (seconds <= 0 || seconds > 300)
          throw sceneError(file, d.valueAt, `[slide: ${d.value}]: a slide lasts more than 0 and at most 300 seconds`);
        scene['seconds'] = seconds;
      }
      scene['media'] = media(file, d, m ? m[1]! : d.value);
      return;
    }
    case 'clip': {
      // The options come last, so a path may hold spaces: `[clip: my demo.mp4 mute]`.
      const mute = /^(.*\S)\s+mute$/.exec(d.value);
      const volume = /^(.*\S)\s+volume\s+(\S+)$/.exec(d.value);
      const path = (mute?.[1] ?? volume?.[1] ?? d.value).trim();
      if (volume) {
        const level = number(file, d, volume[2]!, 'the volume is a number from 0 to 1');
        if (level < 0 || level > 1) throw sceneError(file, d.valueAt, `[clip: ${d.value}]: the volume is a number from 0 to 1`);
        scene['volume'] = level;
      } else if (mute) scene['mute'] = true;
      // A last word that is no file name is a misspelt option (`loud`, `volum 0.3`), not part of the path.
      const last = path.split(/\s+/).pop()!;
      if (path !== last && !/[/\\]|\.[a-z][a-z0-9]{0,4}$/i.test(last)) {
        throw sceneError(file, d.valueAt, `[clip: ${d.value}]: after the clip comes nothing, \`mute\` or \`volume 0.3\``);
      }
      scene['media'] = media(file, d, path);
      return;
    }
  }
}

/** Parses the text of a scene file (already decoded); `file` names it in errors. */
export function parseSceneText(text: string, file: string): SceneDraft[] {
  const scenes: SceneDraft[] = [];
  for (const lines of splitScenes(text.replace(/^\uFEFF/, ''))) {
    const scene = buildScene(file, lines, scenes.length + 1);
    if (scene) scenes.push(scene);
  }
  if (scenes.length === 0) throw sceneError(file, { line: 1, column: 1 }, 'the scene file holds no scene');
  return scenes;
}
