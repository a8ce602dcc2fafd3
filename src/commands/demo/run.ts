// twin demo: the whole flow for a newcomer with no key and no network. Starts the built-in
// sandbox in this process, picks a Digital Twin look and its voice, creates a video through
// the same code as `twin video create --captions --wait --download`, and ends with what
// happened and the commands that do the same on a real HeyGen account.
import type { HeyGenClient, Look } from '../../api/index.js';
import type { Context } from '../../ui/context-types.js';
import { ApiError, ExitCode, InterruptedError, isTwinError, TwinError } from '../../shared/errors.js';
import { DEFAULTS, type ResolvedSettings } from '../../config/load.js';
import type { Style } from '../../ui/style.js';
import { parseOptions } from '../options.js';
import { parseDuration } from '../../shared/duration.js';
import type { CommandInput } from '../types.js';
import { createVideoFlow, type CreateResult } from '../../ui/create-video.js';
import { shellQuote } from '../../shared/shell-quote.js';
import type { SavedFile } from '../../flows/video.js';
import { savedFileLine } from '../../ui/follow-display.js';
import { twinInvocation } from '../../shared/twin-invocation.js';
import * as z from '../../shared/zod-mini.js';

const optionsSchema = z.object({
  out: z._default(z.string().check(z.minLength(1, 'needs a folder path')), 'twin-demo'),
  renderTime: z._default(z.string(), '6s'),
});

export const DEMO_SCRIPT = 'Hello! I am your Digital Twin, rendered and downloaded with one command.';
const DEMO_TITLE = 'My first twin video';

export interface DemoResult {
  sandbox_url: string;
  look: { id: string; name: string };
  voice: { id: string; name: string | null };
  video_id: string;
  status: string;
  files: SavedFile[];
  equivalent_commands: string[];
}

export async function run(ctx: Context, { opts }: CommandInput): Promise<number> {
  const o = parseOptions(optionsSchema, opts);
  const renderMs = parseDuration(o.renderTime, '--render-time');
  const { style } = ctx.out;
  const step = (text: string) => ctx.out.info(`${style.cyan('›')} ${text}`);
  // The closing commands are written the way they run here: `twin`, `npx twin` or a path.
  const twin = twinInvocation();

  const [{ startSandbox }, { createClient }] = await Promise.all([import('../../sandbox/index.js'), import('../../api/index.js')]);
  const sandbox = await startSandbox({ renderMs });
  const client = createClient({ baseUrl: sandbox.url, apiKey: sandbox.apiKey, signal: ctx.signal, sleep: ctx.sleep });
  try {
    step(`Started the built-in HeyGen v3 sandbox on ${sandbox.url}: no account, no network, no credits.`);
    const look = await pickLook(client);
    const voiceId = look.default_voice_id!;
    const voice = await client.getVoice(voiceId);
    step(`Picked the Digital Twin look "${look.name}" (${look.id}) and its voice "${voice.name ?? voiceId}" (${voiceId}).`);
    step(`Creating a video from a sample script; the sandbox renders it in ${o.renderTime}.`);

    // The real `video create` code path, with the sandbox as the API and only built-in
    // settings (a .heygenrc in this folder is for your account, not for the demo).
    let created: CreateResult | undefined;
    const demoCtx: Context = {
      ...ctx,
      out: { ...ctx.out, result: (value) => void (created = value as CreateResult), data: () => {} },
      api: async () => client,
      settings: async () => builtInSettings(o.out),
    };
    const input = { look: look.id, voice: voiceId, script: DEMO_SCRIPT, title: DEMO_TITLE, captions: true };
    await createVideoFlow(demoCtx, input, {
      // A local render costs nothing to poll: a short first interval keeps the demo snappy.
      follow: { wait: true, download: `${o.out.replace(/[\\/]+$/, '')}/`, captions: true, intervalMs: 500 },
    });
    if (!created) throw new Error('video create returned no result');

    const result: DemoResult = {
      sandbox_url: sandbox.url,
      look: { id: look.id, name: look.name },
      voice: { id: voiceId, name: voice.name ?? null },
      video_id: created.video_id,
      status: created.status,
      files: (created.files ?? []) as SavedFile[],
      equivalent_commands: equivalentCommands(o.out, twin).map((groups) => groups.join(' ')),
    };
    ctx.out.result(result, {
      human: (r, s) => renderDemo(ctx, r, s, equivalentCommands(o.out, twin), twin),
      quiet: (r) => r.files.filter((f) => f.kind === 'video').map((f) => f.path),
    });
    return 0;
  } catch (error) {
    throw demoError(error, twin);
  } finally {
    await client.close();
    await sandbox.close();
  }
}

/**
 * The demo's video lives in a sandbox that ends with the command, so resume lines that name it
 * would lead nowhere: the way on is to run the demo again.
 */
function demoError(error: unknown, twin: string): unknown {
  if (!isTwinError(error)) return error;
  const again = `Run \`${twin} demo\` again; it takes about ten seconds.`;
  if (error.exitCode === ExitCode.interrupted)
    return new InterruptedError('Stopped the demo; its sandbox and video are gone with it.', { suggestion: again });
  const { code, exitCode, message } = error;
  // A file-system failure (safe-fs: disk full, read-only, no permission) keeps its own advice.
  if (typeof error.details.errno === 'string')
    return new TwinError(message, {
      code,
      exitCode,
      details: error.details,
      suggestion: `${error.suggestion ?? ''} Or pick another folder with --out.`.trim(),
    });
  return new TwinError(message, { code, exitCode, suggestion: again });
}

/** A ready Digital Twin look that renders on the default engine and has a voice of its own. */
async function pickLook(client: HeyGenClient): Promise<Look> {
  const { data } = await client.listLooks({ avatar_type: 'digital_twin', ownership: 'private', limit: 50 });
  const look = data.find(
    (l) =>
      (l.status ?? 'completed') === 'completed' && (l.supported_api_engines ?? ['avatar_iv']).includes('avatar_iv') && l.default_voice_id,
  );
  if (!look)
    throw new ApiError('The sandbox offered no ready Digital Twin look.', {
      code: 'demo_failed',
      suggestion: 'This is a bug in twin; please report it.',
    });
  return look;
}

function builtInSettings(outputDir: string): ResolvedSettings {
  return { values: { ...DEFAULTS, 'output-dir': outputDir }, sources: {}, userFile: '' };
}

/**
 * Each command as groups of arguments: one line in --json, continued lines for people. They
 * paste as they are: no `<look-id>` (the shell reads `<` as a redirection); the look is the
 * account's own first Digital Twin, asked of twin itself, and its default voice speaks, as here.
 */
function equivalentCommands(out: string, twin: string): string[][] {
  return [
    [`${twin} auth login`],
    [`${twin} looks list`],
    [`${twin} voices list --language English`],
    [
      `${twin} video create --look "$(${twin} looks list --quiet | head -n 1)"`,
      `--script ${shellQuote(DEMO_SCRIPT)}`,
      `--title ${shellQuote(DEMO_TITLE)} --captions --wait --download ${shellQuote(`${out.replace(/[\\/]+$/, '')}/`)}`,
    ],
  ];
}

function renderDemo(ctx: Context, r: DemoResult, style: Style, commands: string[][], twin: string): string {
  return [
    style.bold('What just happened'),
    `  1. twin started its built-in HeyGen v3 sandbox on ${r.sandbox_url} (stopped again now).`,
    `  2. It picked the Digital Twin look "${r.look.name}" (${r.look.id}) and its voice "${r.voice.name ?? r.voice.id}".`,
    `  3. It created video ${r.video_id} from a sample script, waited for it and saved:`,
    ...r.files.map((f) => `       ${savedFileLine(ctx, f, style)}`),
    '',
    style.bold('The same on your HeyGen account'),
    ...commands.map((groups) => `  $ ${groups.join(' \\\n      ')}`),
    '',
    `Or all in one guided go: ${style.cyan(`${twin} wizard`)}. Keep a sandbox running for your own scripts: ${style.cyan(`${twin} sandbox`)}.`,
  ].join('\n');
}
