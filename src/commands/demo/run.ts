// twin demo: the whole flow for a newcomer with no key and no network. Starts the built-in
// sandbox in this process, picks a Digital Twin look and its voice, creates a video through
// the same code as `twin video create --captions --wait --download`, and ends with what
// happened and the commands that do the same on a real HeyGen account.
import { z } from 'zod';
import type { HeyGenClient, Look } from '../../api/index.js';
import type { Context } from '../../context.js';
import { ApiError } from '../../errors.js';
import { DEFAULTS, type ResolvedSettings } from '../../config/load.js';
import { formatBytes } from '../../core/downloader.js';
import type { Style } from '../../ui/style.js';
import { parseDuration, parseOptions } from '../options.js';
import type { CommandInput } from '../types.js';
import { createVideoFlow, type CreateResult } from '../video/create.js';
import { displayPath, shellQuote, type SavedFile } from '../video/follow.js';

const optionsSchema = z.object({
  out: z.string().min(1, 'needs a folder path').default('twin-demo'),
  renderTime: z.string().default('6s'),
});

export const DEMO_SCRIPT =
  'Hello! I am your Digital Twin. This whole video was made from one command: twin picked a look and a voice, rendered it, and downloaded it with captions.';
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
      equivalent_commands: equivalentCommands(o.out),
    };
    ctx.out.result(result, {
      human: (r, s) => renderDemo(ctx, r, s, o.renderTime),
      quiet: (r) => r.files.filter((f) => f.kind === 'video').map((f) => f.path),
    });
    return 0;
  } finally {
    await client.close();
    await sandbox.close();
  }
}

/** A ready Digital Twin look that renders on the default engine and has a voice of its own. */
async function pickLook(client: HeyGenClient): Promise<Look> {
  const { data } = await client.listLooks({ avatar_type: 'digital_twin', ownership: 'private', limit: 50 });
  const look = data.find(
    (l) => (l.status ?? 'completed') === 'completed' && (l.supported_api_engines ?? ['avatar_iv']).includes('avatar_iv') && l.default_voice_id,
  );
  if (!look) throw new ApiError('The sandbox offered no ready Digital Twin look.', { code: 'demo_failed', suggestion: 'This is a bug in twin; please report it.' });
  return look;
}

function builtInSettings(outputDir: string): ResolvedSettings {
  return { values: { ...DEFAULTS, 'output-dir': outputDir }, sources: {}, userFile: '' };
}

function equivalentCommands(out: string): string[] {
  return [
    'twin auth login',
    'twin looks list',
    'twin voices list --language English',
    `twin video create --look <look-id> --voice <voice-id> --script ${shellQuote(DEMO_SCRIPT)} --title ${shellQuote(DEMO_TITLE)} --captions --wait --download ${shellQuote(`${out.replace(/[\\/]+$/, '')}/`)}`,
  ];
}

function renderDemo(ctx: Context, r: DemoResult, style: Style, renderTime: string): string {
  const files = r.files.map((f: SavedFile) => `       ${displayPath(ctx, f.path)}  ${style.dim(formatBytes(f.bytes))}`);
  return [
    style.bold('What just happened'),
    `  1. twin started its built-in HeyGen v3 sandbox (${r.sandbox_url}); it is gone now.`,
    `  2. It picked the Digital Twin look "${r.look.name}" (${r.look.id}) and its voice "${r.voice.name ?? r.voice.id}".`,
    `  3. It created video ${r.video_id} from a sample script, waited ${renderTime} for the render and downloaded it with captions:`,
    ...files,
    '',
    style.bold('The same on your HeyGen account'),
    ...r.equivalent_commands.map((c) => `  $ ${c}`),
    '',
    `Or all in one guided go: ${style.cyan('twin wizard')}. Keep a sandbox running for your own scripts: ${style.cyan('twin sandbox')}.`,
  ].join('\n');
}
