// Manifest rows → planned videos. Every row is checked (fields, script files, the local
// rules of `video create`, duplicate ids, then pre-flight against the API) and every problem
// is kept, so one run lists all of them; nothing is sent unless the whole manifest is clean.
import { readScript } from './script-file.js';
import { dirname, resolve } from 'node:path';
import { buildCreateBody, checkLocalRules, videoInputSchema, type CreateVideoBody, type Problem } from '../video/request.js';
import { toFlag } from '../../shared/flag-names.js';
import { safeFileStem } from '../download/file-names.js';
import { fieldsFromRow, type CellProblem, type ColumnTarget, type RowFields } from './columns.js';
import { canonicalJson, idempotencyKey, inShard, rowKeyFor, sha256Hex } from './keys.js';
import { FileNames } from './out-names.js';
import { fingerprintDigest, fingerprintInput, fingerprintText } from './lock-format.js';
import { checkRowMedia, plannedHashes, type ManifestMediaCache } from '../media/local-media.js';
import type { ManifestProblem, ManifestRow } from './manifest.js';
import type { Plan, PlanInput, PlannedRow, RowCost } from './plan-types.js';
import type { RowTranslate } from './translate-column.js';
import { costOf, localAudioSeconds } from './row-facts.js';
import type { StudioVideoBody } from '../../api/studio-body.js';
import { planSceneRow, sceneReviewBody, sceneRowProblems, type SceneRow } from './scenes-row.js';
import { withFlagNames } from '../../shared/flag-names.js';
import { INPUT_NAMES } from '../video/input.js';

/**
 * A planned row as 100,000 of them are kept: one object of one shape, holding the file's stem
 * (most often the label's own string) and the fingerprint's 32-byte digest; the file name and
 * the fingerprint's text are made when asked for.
 */
class CompactRow implements PlannedRow {
  translate: RowTranslate | undefined = undefined;

  constructor(
    readonly line: number,
    readonly key: string,
    readonly label: string | undefined,
    private readonly stem: string,
    private readonly ext: 'mp4' | 'webm',
    private readonly digest: string,
    readonly baseKey: string,
    public body: string,
    readonly cost: RowCost,
  ) {}

  get file(): string | undefined {
    return this.stem ? `${this.stem}.${this.ext}` : undefined;
  }

  get fingerprint(): string {
    return fingerprintText(this.digest);
  }
}

/**
 * Free text whose own rules (length, URL syntax...) videoInputSchema checks on every row; the
 * body rules and pre-flight only ask whether it is there.
 */
const FREE_TEXT = ['script', 'title', 'callback_id', 'callback_url', 'audio_url', 'motion_prompt'];

/** Two bodies with the same signature get the same verdict from the body rules and pre-flight. */
function preflightSignature(body: CreateVideoBody): string {
  const shape: Record<string, unknown> = { ...body };
  for (const key of FREE_TEXT) if (shape[key] != null) shape[key] = true;
  if (body.background) shape.background = body.background.type;
  return canonicalJson(shape);
}

export async function planRows(source: AsyncIterable<ManifestRow[]>, input: PlanInput, problems: ManifestProblem[]): Promise<Plan> {
  const state: PlanState = {
    input,
    problems,
    baseDir: dirname(resolve(input.manifestPath)),
    scripts: new Map(),
    labels: new Map(),
    occurrences: new Map(),
    verdicts: new Map(),
    rows: [],
    index: 0,
    keys: new Set(),
    names: new FileNames(),
    media: new Map(),
    costs: new Map(),
    titles: new Map(),
    warnings: [],
  };
  const verdictOf = input.preflight ?? (async (body: CreateVideoBody) => checkLocalRules(body));
  for await (const batch of source) {
    // Rows are checked synchronously and nothing of them is held: most share the verdict of
    // an earlier row, and only bodies of a shape not seen before wait for one.
    const waiting: Array<{ line: number; label?: string; fields: RowFields; signature: string }> = [];
    const fresh = new Map<string, CreateVideoBody>();
    for (const row of batch) {
      const checked = checkRow(state, row);
      if (!checked) continue;
      if ('scenes' in checked) {
        await checkSceneRow(state, row.line, checked, checked.scenes);
        continue;
      }
      if (checked.locked) {
        addVerdict(state, row.line, checked, checkLocalRules(checked.body));
        continue;
      }
      const verdict = state.verdicts.get(checked.signature);
      if (verdict) addVerdict(state, row.line, checked, verdict);
      else {
        waiting.push({ line: row.line, label: checked.label, fields: checked.fields, signature: checked.signature });
        if (!fresh.has(checked.signature)) fresh.set(checked.signature, checked.body);
      }
    }
    await Promise.all([...fresh].map(async ([signature, body]) => state.verdicts.set(signature, await verdictOf(body))));
    for (const w of waiting) addVerdict(state, w.line, w, state.verdicts.get(w.signature)!);
  }
  if (state.index === 0 && problems.length === 0) problems.push({ line: 1, message: 'the manifest has no rows', file: true });
  return {
    rows: state.rows,
    total: state.index,
    problems,
    keys: state.keys,
    renames: state.names.renames,
    warnings: state.warnings,
    mediaSha256: plannedHashes(state.media),
  };
}

function addVerdict(state: PlanState, line: number, row: { label?: string; fields: RowFields }, verdict: Problem[]): void {
  for (const p of verdict) {
    state.problems.push({
      line,
      ...(row.label ? { row: row.label } : {}),
      column: columnName(row.fields, flagTarget(p.flag)),
      // Columns are the flags' names: the rule's `engine` reads --engine here, as on the command line.
      message: withFlagNames(p.message, INPUT_NAMES),
    });
  }
}

interface PlanState {
  input: PlanInput;
  problems: ManifestProblem[];
  baseDir: string;
  scripts: Map<string, string | Error>;
  labels: Map<string, number>;
  occurrences: Map<string, number>;
  verdicts: Map<string, Problem[]>;
  rows: PlannedRow[];
  index: number;
  keys: Set<string>;
  names: FileNames;
  media: ManifestMediaCache;
  costs: Map<string, RowCost>;
  /** Each title's first line: two videos of one title cannot be told apart in the dashboard. */
  titles: Map<string, number>;
  warnings: string[];
}

/** One object per distinct cost: 100,000 rows of a few lengths share a handful. */
function sharedCost(state: PlanState, cost: RowCost): RowCost {
  const kind = `${cost.estimate.seconds}|${cost.estimate.basis}|${cost.engine}|${cost.resolution ?? ''}`;
  const known = state.costs.get(kind);
  if (known) return known;
  state.costs.set(kind, cost);
  return cost;
}

function checkRow(state: PlanState, { line, values }: ManifestRow) {
  state.index += 1;
  const cells: CellProblem[] = [];
  const fields = fieldsFromRow(values, cells);
  const label = fields.id ?? fields.name;
  const report = (p: CellProblem) => state.problems.push({ line, ...(label ? { row: label } : {}), column: p.column, message: p.message });
  cells.forEach(report);

  if (label !== undefined) {
    const first = state.labels.get(label);
    if (first !== undefined)
      report({
        column: fields.columnOf.id ?? fields.columnOf.name ?? 'id',
        message: `"${label}" is also used on line ${first}; ids must be unique`,
      });
    else state.labels.set(label, line);
  }
  if (fields.scenes !== undefined) {
    const scenes = planSceneRow(fields, state.input.defaults, state.baseDir, state.media, report);
    if (!scenes || cells.length > 0) return undefined;
    return { ...keyRow(state, line, label, fields, scenes.body, scenes.media, () => scenes.cost), scenes } as const;
  }
  const script = readScript(fields, state.baseDir, state.scripts, report);
  const merged = { ...state.input.defaults, ...fields.input, ...(script !== undefined ? { script } : {}) };
  // Said in the manifest's terms: the rule's own message names flags this command does not have.
  if (merged.script === undefined && merged.audioUrl === undefined && merged.audio === undefined && fields.scriptFile === undefined) {
    report({ column: 'script', message: 'is empty: give each row a script, a script_file, an audio or an audio_url' });
    return undefined;
  }
  const parsed = videoInputSchema.safeParse(merged);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      report({ column: columnName(fields, String(issue.path[0] ?? '') as ColumnTarget), message: issue.message });
    return undefined;
  }
  if (cells.length > 0) return undefined;
  const body = buildCreateBody(parsed.data);
  // Local audio and background files: checked now (relative to the manifest), uploaded before the first create.
  const local = checkRowMedia(body, state.baseDir, state.media);
  for (const p of local.problems)
    report({ column: columnName(fields, p.ref.flag === '--audio' ? 'audio' : 'background'), message: p.message });
  if (local.problems.length > 0) return undefined;
  return keyRow(state, line, label, fields, body, local.media, () => costOf(body, localAudioSeconds(body, state.baseDir)));
}

/** The row's key, file name and fingerprint (its body and local media), kept when it is in the shard. */
function keyRow<B extends CreateVideoBody | StudioVideoBody>(
  state: PlanState,
  line: number,
  label: string | undefined,
  fields: RowFields,
  body: B,
  media: Record<string, string>,
  /** Made only for a row of the shard (a local audio file's length is read from disk). */
  rowCost: () => RowCost,
) {
  // A local file's content is part of the row: a changed file is a new render (new key), like a changed script.
  // The body's canonical JSON, made once: the content hash is contentHash(body), or with local
  // media contentHash({ body, media }), which is the fingerprint's own input.
  const canonical = canonicalJson(body);
  const whole = fingerprintInput(canonical, media);
  const hash = sha256Hex(Object.keys(media).length > 0 ? whole : canonical);
  // Identical rows without an id are told apart by their order among themselves.
  const seen = label === undefined ? (state.occurrences.get(hash) ?? 0) + 1 : 1;
  if (label === undefined) state.occurrences.set(hash, seen);
  const key = rowKeyFor(label, hash, seen);
  if (state.input.tracked?.(key) !== false) state.keys.add(key);
  // Names are claimed by every row, in every shard, so all jobs of a CI matrix agree on them.
  const named = fields.name ?? fields.id;
  const safe = safeFileStem(named);
  // A name that is already safe stays the row's own string: 100,000 rows keep one copy, not two.
  const stem = state.names.claim(safe === named ? named : safe, line, label ?? key);
  const digest = fingerprintDigest(whole);
  if (inShard(key, state.input.shard)) {
    const ext = 'output_format' in body && body.output_format === 'webm' ? 'webm' : 'mp4';
    const text = state.input.keepBodies === false ? '' : JSON.stringify(body);
    const cost = sharedCost(state, rowCost());
    const planned = new CompactRow(line, key, label, stem, ext, digest, idempotencyKey(state.input.identity, key, hash), text, cost);
    if (fields.translate) planned.translate = fields.translate;
    state.rows.push(planned);
    state.input.onRow?.(planned, body.type === 'studio' ? sceneReviewBody(body) : (body as CreateVideoBody));
  }
  warnDuplicateTitle(state, line, label, body.title);
  const locked = state.input.locked?.(key, fingerprintText(digest)) === true;
  return { body, label, fields, signature: body.type === 'studio' ? '' : preflightSignature(body as CreateVideoBody), locked };
}

/** A scenes row's pre-flight (looks only when the lock does not already have this content). */
async function checkSceneRow(
  state: PlanState,
  line: number,
  row: { label?: string; fields: RowFields; locked: boolean },
  scenes: SceneRow,
) {
  const problems = await sceneRowProblems(scenes, row.locked ? undefined : state.input.api);
  const column = row.fields.columnOf.scenes ?? 'scenes';
  for (const message of problems) state.problems.push({ line, ...(row.label ? { row: row.label } : {}), column, message });
}

function warnDuplicateTitle(state: PlanState, line: number, label: string | undefined, title: string | null | undefined): void {
  if (title == null) return;
  const first = state.titles.get(title);
  if (first === undefined) state.titles.set(title, line);
  else state.warnings.push(`line ${line}${label ? ` (${label})` : ''}: title "${title}" is also used on line ${first}`);
}

/** The column a user would edit: theirs when the value came from the row, else the flag. */
function columnName(fields: RowFields, key: ColumnTarget): string {
  const own = fields.columnOf[key] ?? (key === 'script' ? fields.columnOf.scriptFile : undefined);
  if (own !== undefined) return own;
  return toFlag(key).slice(2) || 'row';
}

function flagTarget(flag: string): ColumnTarget {
  return flag.replace(/^--/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()) as ColumnTarget;
}
