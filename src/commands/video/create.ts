// twin video create: flags (+ -d body + settings) → pre-flight → one keyed POST → the id,
// printed at once → optionally wait and download. The wizard renders through
// createVideoFlow too, so both paths send the same body and follow it the same way.
import type { HeyGenClient } from '../../api/index.js';
import type { Context } from '../../context.js';
import { AuthError, isTwinError } from '../../errors.js';
import { assertPreflight, preflight, type PreflightCache, type PreflightVerdict } from '../../core/preflight.js';
import { checkLocalRules, composeCreateBody, inputFromSettings, type CreateVideoBody, type VideoInput } from '../../core/video-request.js';
import { renderFields } from '../../ui/table.js';
import type { CommandInput } from '../types.js';
import { readCreateCommandLine } from './create-input.js';
import { withRerunCommand } from './rerun.js';
import type { FollowOptions } from './follow.js';
import { videoFields } from './view.js';

export { flowOptionsSchema as optionsSchema } from './create-input.js';

export interface CreateFlowOptions {
  /** The -d JSON body; flags (the input) override its fields. */
  data?: Record<string, unknown>;
  dryRun?: boolean;
  idempotencyKey?: string;
  /** Wait (and download) after creating; omitted = print the id and return. */
  follow?: FollowOptions;
  /** Looks and voices already fetched by an earlier pre-flight of this request (the wizard's summary). */
  preflightCache?: PreflightCache;
  /** The command line as typed, when running it again re-sends this very request (no stdin). */
  argv?: readonly string[];
}

export async function run(ctx: Context, { opts }: CommandInput): Promise<number> {
  const line = await readCreateCommandLine(ctx, opts);
  const { body } = composeCreateBody(line.input, line.data, inputFromSettings(await ctx.settings()));
  const noAudio = body.script == null && body.audio_url == null && body.audio_asset_id == null;
  if ((!body.avatar_id || noAudio) && ctx.io.canPrompt) {
    // A person at a terminal gets questions for what is missing instead of an error.
    const { runWizard } = await import('../../wizard/index.js');
    return runWizard(ctx, { preset: line.input, data: line.data, dryRun: line.dryRun, idempotencyKey: line.idempotencyKey, follow: line.follow });
  }
  // A request read from stdin cannot be re-sent by running the same line again.
  return createVideoFlow(ctx, line.input, { ...line, argv: line.readsStdin ? undefined : ctx.argv });
}

export async function createVideoFlow(ctx: Context, input: Partial<VideoInput>, opts: CreateFlowOptions = {}): Promise<number> {
  const defaults = inputFromSettings(await ctx.settings());
  const composed = composeCreateBody(input, opts.data, defaults);
  const body = composed.body;
  // `captions: true` in settings means "and save the .srt" for downloads too.
  const followOpts = opts.follow && { ...opts.follow, captions: opts.follow.captions ?? input.captions ?? defaults.captions };
  // Burned-in captions only exist when the request asks for a caption style (contract §4.2).
  if (followOpts?.captioned) body.caption = { file_format: 'srt', ...body.caption, style: 'default' };

  const verdict = await check(ctx, body, Boolean(opts.dryRun), opts.preflightCache);
  verdict.notes.unshift(...composed.notes);
  if (opts.dryRun) return printDryRun(ctx, verdict, opts.idempotencyKey);
  showNotes(ctx, verdict.notes);
  assertPreflight(verdict);

  const api = await ctx.api();
  const created = await api.createVideo(verdict.body, { idempotencyKey: opts.idempotencyKey }).catch((error: unknown) => {
    throw withRerunCommand(ctx, error, { argv: opts.argv, input, data: opts.data, follow: followOpts });
  });
  const id = created.video_id;
  // The id the moment it exists: whatever happens next, the user can find this video.
  if (ctx.out.mode === 'quiet') ctx.out.data(id);
  ctx.out.info(`${ctx.out.style.green('✔')} Created video ${ctx.out.style.bold(id)} (${created.status}; idempotency key ${created.idempotencyKey})`);
  // --json prints its one document only after the wait; the id must not wait with it (a killed CI job).
  if (ctx.out.mode === 'json' && followOpts) ctx.io.stderr.write(`Created video ${id}; the JSON document follows when it is done.\n`);

  const result: CreateResult = {
    video_id: id,
    status: created.status,
    output_format: created.output_format ?? verdict.body.output_format ?? 'mp4',
    idempotency_key: created.idempotencyKey,
    request: verdict.body,
    notes: verdict.notes,
  };
  if (followOpts) {
    const followed = await follow(ctx, id, followOpts);
    result.status = followed.video.status;
    result.video = followed.video;
    result.files = followed.files;
  } else {
    ctx.out.info(ctx.out.style.dim(`  Follow it with: twin video wait ${id} --download`));
  }
  ctx.out.result(result, { human: (r, style) => humanResult(ctx, r, style.bold) });
  return 0;
}

/** `--json` shape of `video create` (documented in the README). */
export interface CreateResult {
  video_id: string;
  status: string;
  output_format: string;
  idempotency_key: string;
  request: CreateVideoBody;
  notes: string[];
  video?: Awaited<ReturnType<HeyGenClient['getVideo']>>;
  files?: Array<{ kind: string; path: string; bytes: number; sha256?: string }>;
}

/** Local rules first (no key needed, no request); the look, voice and engine after. */
async function check(ctx: Context, body: CreateVideoBody, dryRun: boolean, cache?: PreflightCache): Promise<PreflightVerdict> {
  const local = checkLocalRules(body);
  if (local.length > 0) return { ok: false, problems: local, notes: [], body };
  let api: HeyGenClient;
  try {
    api = await ctx.api();
  } catch (error) {
    if (!(dryRun && error instanceof AuthError)) throw error;
    return { ok: true, problems: [], notes: ['No API key: the look, voice and engine were not checked against HeyGen.'], body };
  }
  return preflight(api, body, cache);
}

function printDryRun(ctx: Context, verdict: PreflightVerdict, idempotencyKey: string | undefined): number {
  const doc = {
    dry_run: true,
    ok: verdict.ok,
    request: verdict.body,
    problems: verdict.problems,
    notes: verdict.notes,
    idempotency_key: idempotencyKey ?? null,
  };
  // People and pipes get the exact body on stdout (`> body.json`, then `-d @body.json`).
  ctx.out.result(doc, { human: (d) => JSON.stringify(d.request, null, 2) });
  showNotes(ctx, verdict.notes);
  assertPreflight(verdict);
  ctx.out.info(`${ctx.out.style.green('✔')} Pre-flight passed. Nothing was sent (--dry-run): this is the body POST /v3/videos would get.`);
  return 0;
}

function showNotes(ctx: Context, notes: string[]): void {
  for (const note of notes) ctx.out.info(`${ctx.out.style.yellow('!')} ${note}`);
}

async function follow(ctx: Context, id: string, options: FollowOptions) {
  const { followVideo } = await import('./follow.js');
  try {
    return await followVideo(ctx, id, options);
  } catch (error) {
    // A timeout or failure after the create must still say which video it was about.
    if (isTwinError(error) && error.details.video_id === undefined) error.details.video_id = id;
    throw error;
  }
}

function humanResult(ctx: Context, r: CreateResult, label: (s: string) => string): string {
  if (!ctx.io.stdoutIsTTY) return r.video_id; // `id=$(twin video create ...)`
  if (!r.video) return ''; // already announced on stderr
  const saved = (r.files ?? []).map((f) => [`saved ${f.kind}`, `${f.path} (${f.bytes} bytes)`] as [string, unknown]);
  // Short: the presigned URLs matter only when nothing was downloaded (`video get` has all).
  const keep = new Set(['id', 'title', 'status', 'failure', 'duration', 'page', ...(saved.length ? [] : ['video url'])]);
  return renderFields([...videoFields(r.video).filter(([k]) => keep.has(k)), ...saved], label);
}
