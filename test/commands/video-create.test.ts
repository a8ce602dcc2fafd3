// twin video create against the sandbox: argv → request body, terminal vs pipe output,
// --json shape, --dry-run sends nothing, the id before any waiting, idempotency, exit codes.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { PassThrough } from 'node:stream';
import { runCli } from '../../src/cli.js';
import { cannedPrompt, runTwin, tempDir, testEnv } from '../helpers/harness.js';

const sandbox = useSandbox({ renderMs: 30 }, { resetEach: true });

const creates = () => sandbox.counters.requests['POST /v3/videos'] ?? 0;
const base = ['video', 'create', '--look', 'lk_alex_office', '--voice', 'v_en_m_01', '--script', 'Hello there'];
const dryRun = async (argv: string[], opts: Parameters<typeof runTwin>[1] = {}) => {
  const result = await runTwin([...argv, '--dry-run', '--json'], { sandbox, ...opts });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as { request: Record<string, unknown>; ok: boolean; notes: string[] };
};

describe('argv → request body', () => {
  it.each<[string[], Record<string, unknown>]>([
    [
      [],
      {
        type: 'avatar',
        avatar_id: 'lk_alex_office',
        script: 'Hello there',
        voice_id: 'v_en_m_01',
        resolution: '1080p',
        aspect_ratio: 'auto',
      },
    ],
    [['--resolution', '4k', '--aspect-ratio', '9:16'], { resolution: '4k', aspect_ratio: '9:16' }],
    [
      ['--engine', 'avatar_v', '--reference-look', 'lk_alex_instant', '--motion-prompt', 'wave'],
      { engine: { type: 'avatar_v', reference_look_id: 'lk_alex_instant' }, motion_prompt: 'wave' },
    ],
    [['--expressiveness', 'medium', '--fit', 'cover', '--title', 'Demo'], { expressiveness: 'medium', fit: 'cover', title: 'Demo' }],
    [['--remove-background', '--output-format', 'webm'], { remove_background: true, output_format: 'webm' }],
    [['--background', '#00ff00'], { background: { type: 'color', value: '#00ff00' } }],
    [['--background', 'asset:bg_1'], { background: { type: 'image', asset_id: 'bg_1' } }],
    [
      ['--voice-speed', '1.2', '--voice-pitch', '-7', '--voice-locale', 'en-GB'],
      { voice_settings: { speed: 1.2, pitch: -7, locale: 'en-GB' } },
    ],
    [
      ['--captions', '--callback-url', 'https://hook.test/x', '--callback-id', 'job-7'],
      { caption: { file_format: 'srt' }, callback_url: 'https://hook.test/x', callback_id: 'job-7' },
    ],
    [['--captioned'], { caption: { file_format: 'srt', style: 'default' } }],
    [['-d', '{"title":"from data","resolution":"720p"}', '--title', 'from flag'], { title: 'from flag', resolution: '720p' }],
  ])('%j', async (extra, expected) => {
    const { request } = await dryRun([...base, ...extra]);
    expect(request).toMatchObject(expected);
  });

  it('reads the script from a file (trailing newline dropped) and from stdin', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'intro.txt'), 'Line one.\nLine two.\n');
    const fromFile = await dryRun(['video', 'create', '--look', 'lk_alex_office', '--script-file', 'intro.txt'], { cwd: dir });
    expect(fromFile.request.script).toBe('Line one.\nLine two.');
    const fromStdin = await dryRun(['video', 'create', '--look', 'lk_alex_office', '--script-file', '-'], { stdin: 'Piped in.\n' });
    expect(fromStdin.request.script).toBe('Piped in.');
  });

  it('reads -d from @file and from stdin', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'body.json'),
      JSON.stringify({ avatar_id: 'lk_maya_portrait', script: 'From a file', voice_settings: { volume: 0.5 } }),
    );
    expect((await dryRun(['video', 'create', '-d', '@body.json', '--voice-speed', '0.9'], { cwd: dir })).request).toMatchObject({
      avatar_id: 'lk_maya_portrait',
      voice_settings: { volume: 0.5, speed: 0.9 },
    });
    expect(
      (await dryRun(['video', 'create', '-d', '-'], { stdin: '{"avatar_id":"lk_alex_office","script":"stdin"}' })).request.script,
    ).toBe('stdin');
  });

  it('takes defaults from .heygenrc, below -d and flags', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, '.heygenrc'),
      JSON.stringify({ look: 'lk_maya_portrait', resolution: '720p', 'voice-speed': 1.1, title: undefined }),
    );
    const { request } = await dryRun(['video', 'create', '--script', 'Hi', '-d', '{"resolution":"4k"}'], { cwd: dir });
    expect(request).toMatchObject({ avatar_id: 'lk_maya_portrait', resolution: '4k', voice_settings: { speed: 1.1 } });
  });
});

describe('audio and user settings', () => {
  it('--audio-url instead of a script: no script, no voice needed', async () => {
    const { request, ok } = await dryRun(['video', 'create', '--look', 'lk_sam_desk', '--audio-url', 'https://cdn.test/voice.mp3']);
    expect(ok).toBe(true);
    expect(request).toEqual({
      type: 'avatar',
      avatar_id: 'lk_sam_desk',
      audio_url: 'https://cdn.test/voice.mp3',
      resolution: '1080p',
      aspect_ratio: 'auto',
    });
  });

  it('takes defaults from user settings (`twin config set`), below .heygenrc', async () => {
    const env = { TWIN_CONFIG_DIR: join(tempDir(), 'config') };
    for (const [key, value] of [
      ['engine', 'avatar_v'],
      ['voice-speed', '1.2'],
      ['resolution', '4k'],
    ]) {
      expect((await runTwin(['config', 'set', key!, value!], { env })).code).toBe(0);
    }
    const dir = tempDir();
    writeFileSync(join(dir, '.heygenrc'), JSON.stringify({ resolution: '720p' }));
    const { request } = await dryRun(base, { env, cwd: dir });
    expect(request).toMatchObject({ engine: { type: 'avatar_v' }, voice_settings: { speed: 1.2 }, resolution: '720p' });
  });
});

describe('--dry-run', () => {
  it('prints the body on stdout and the verdict on stderr, and creates nothing', async () => {
    const { code, stdout, stderr } = await runTwin([...base, '--dry-run'], { sandbox });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ type: 'avatar', avatar_id: 'lk_alex_office' });
    expect(stderr).toMatch(/Pre-flight passed. Nothing was sent/);
    expect(creates()).toBe(0);
    expect(sandbox.counters.requests['GET /v3/avatars/looks/:id']).toBe(1);
  });

  it('--json: one document with the body, verdict and key', async () => {
    const { stdout } = await runTwin([...base, '--dry-run', '--json', '--idempotency-key', 'job-1'], { sandbox });
    expect(Object.keys(JSON.parse(stdout))).toEqual(['dry_run', 'ok', 'request', 'problems', 'notes', 'idempotency_key']);
    expect(JSON.parse(stdout)).toMatchObject({ dry_run: true, ok: true, problems: [], idempotency_key: 'job-1' });
    expect(creates()).toBe(0);
  });

  it('prints the verdict and exits 2 when pre-flight fails', async () => {
    const { code, stdout, stderr } = await runTwin(
      ['video', 'create', '--look', 'lk_alex_studio', '--script', 'Hi', '--engine', 'avatar_v', '--dry-run', '--json'],
      { sandbox },
    );
    expect(code).toBe(2);
    expect(JSON.parse(stdout)).toMatchObject({ ok: false, problems: [{ flag: '--engine' }] });
    expect(JSON.parse(stderr).error).toMatchObject({ code: 'usage_error', flag: '--engine', exit_code: 2 });
    expect(creates()).toBe(0);
  });

  it('checks the local rules without a key, and says the look was not checked', async () => {
    const { code, stdout, stderr } = await runTwin([...base, '--dry-run'], { env: {} });
    expect(code).toBe(0);
    expect(JSON.parse(stdout).avatar_id).toBe('lk_alex_office');
    expect(stderr).toMatch(/No API key: the look, voice and engine were not checked/);
  });
});

describe('creating', () => {
  it('on a terminal: the id on stderr at once, nothing on stdout', async () => {
    const { code, stdout, stderr } = await runTwin(base, { sandbox, tty: true, env: { NO_COLOR: '1' } });
    expect(code).toBe(0);
    expect(stdout).toBe('');
    const id = /Created video (\S+)/.exec(stderr)?.[1];
    expect(id).toMatch(/^vid_/);
    expect(stderr).toContain(`twin video wait ${id}`);
    expect(creates()).toBe(1);
  });

  it('in a pipe: the bare id on stdout', async () => {
    const { code, stdout } = await runTwin(base, { sandbox });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^vid_\w+\n$/);
  });

  it('--quiet: only the id, on stdout', async () => {
    const { stdout, stderr } = await runTwin([...base, '--quiet'], { sandbox, tty: true });
    expect(stdout).toMatch(/^vid_\w+\n$/);
    expect(stderr).toBe('');
  });

  it('--json: the documented shape; the body sent is the one reported', async () => {
    const { code, stdout } = await runTwin([...base, '--title', 'JSON shape', '--json'], { sandbox });
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(Object.keys(doc)).toEqual(['video_id', 'status', 'output_format', 'idempotency_key', 'request', 'notes']);
    expect(doc).toMatchObject({ output_format: 'mp4', request: { title: 'JSON shape' } });
    const post = sandbox.received.filter((r) => r.method === 'POST' && r.path === '/v3/videos').at(-1)!;
    expect(post.body).toEqual(doc.request);
    expect(post.headers['idempotency-key']).toBe(doc.idempotency_key);
  });

  it('uses the look default voice when --voice is left out, and says so', async () => {
    const { code, stderr } = await runTwin(['video', 'create', '--look', 'lk_maya_portrait', '--script', 'Hi'], { sandbox, tty: true });
    expect(code).toBe(0);
    expect(stderr).toMatch(/default voice v_en_f_01/);
    const post = sandbox.received.filter((r) => r.method === 'POST').at(-1)!;
    expect((post.body as Record<string, unknown>).voice_id).toBe('v_en_f_01');
  });

  it('the same --idempotency-key renders once', async () => {
    const argv = [...base, '--idempotency-key', `same-${Date.now()}`, '--json'];
    const first = JSON.parse((await runTwin(argv, { sandbox })).stdout);
    const second = JSON.parse((await runTwin(argv, { sandbox })).stdout);
    expect(second.video_id).toBe(first.video_id);
    expect(sandbox.counters.rendered).toBe(1);
  });

  it('--wait --download: the id comes first, then the file', async () => {
    const dir = tempDir();
    const { code, stdout, stderr } = await runTwin([...base, '--download', 'out.mp4', '--interval', '10ms', '--json'], {
      sandbox,
      cwd: dir,
    });
    expect(stderr.split('\n').filter((l) => / at /.test(l) && /^\s+at /.test(l))).toEqual([]);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc).toMatchObject({
      status: 'completed',
      video: { id: doc.video_id, status: 'completed' },
      files: [{ kind: 'video', path: join(dir, 'out.mp4') }],
    });
    expect(doc.files[0].sha256).toBe(sandbox.videoSha256(doc.video_id));
  });

  it('captions: true in .heygenrc asks for captions and saves the .srt with the download', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.heygenrc'), JSON.stringify({ captions: true }));
    const { code, stdout } = await runTwin([...base, '--download', '--interval', '10ms', '--json'], { sandbox, cwd: dir });
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.request.caption).toEqual({ file_format: 'srt' });
    expect(doc.files.map((f: { kind: string }) => f.kind)).toEqual(['video', 'captions']);
  });

  it.each([
    ['--quiet: on stdout', ['--quiet'], 'stdout', { stdout: /^vid_\w+\n$/, stderr: /^(?!.*vid_)/s }],
    [
      '--json: stdout keeps its one document for the end; stderr has the id',
      ['--json'],
      'json',
      { stdout: /^$/, stderr: /^Created video vid_\w+; the JSON document follows when it is done\.$/m },
    ],
    ['a terminal: on stderr', [], 'stderr', { stdout: /^$/, stderr: /Created video vid_\w+/ }],
  ] as const)('the id is out before the first poll wait (%s)', async (_name, flags, where, expected) => {
    // Watch the streams from inside the first sleep of the wait: by then the id must be there.
    const streams = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() };
    const text = { stdout: '', stderr: '' };
    streams.stdout.on('data', (d) => (text.stdout += d));
    streams.stderr.on('data', (d) => (text.stderr += d));
    if (where === 'stderr') Object.assign(streams.stderr, { isTTY: true });
    streams.stdin.end();
    let atFirstSleep: { stdout: string; stderr: string } | undefined;
    const sleep = async () => {
      atFirstSleep ??= { ...text };
      await new Promise((r) => setTimeout(r, 5));
    };
    sandbox.options.renderMs = 2500; // long enough that the first poll finds it still rendering, even on a machine under heavy load
    const code = await runCli([...base, '--wait', ...flags], {
      streams,
      env: testEnv({ sandbox, env: { NO_COLOR: '1' } }),
      cwd: tempDir(),
      sleep,
    }).finally(() => (sandbox.options.renderMs = 30));
    expect(code).toBe(0);
    // Both streams are checked in every case: the id where it belongs, and nothing early on stdout otherwise.
    expect(atFirstSleep).toMatchObject({ stdout: expect.stringMatching(expected.stdout), stderr: expect.stringMatching(expected.stderr) });
  });

  it('a render failure after the create still names the video (exit 5)', async () => {
    sandbox.inject({ kind: 'fail-render', times: 1 });
    const { code, stderr } = await runTwin([...base, '--wait', '--interval', '10ms', '--json'], { sandbox });
    expect(code).toBe(5);
    expect(JSON.parse(stderr.trim().split('\n').at(-1)!).error.video_id).toMatch(/^vid_/);
  });
});

describe('missing values', () => {
  it('without a terminal: exit 2 naming the flags, nothing sent', async () => {
    const { code, stderr } = await runTwin(['video', 'create'], { sandbox });
    expect(code).toBe(2);
    expect(stderr).toMatch(/--look: is required/);
    expect(stderr).toMatch(/--script: is required/);
    expect(Object.keys(sandbox.counters.requests)).toEqual([]);
  });

  it('on a terminal with --no-input: exit 2 naming the flag, no wizard', async () => {
    const prompt = cannedPrompt([]);
    const { code, stderr } = await runTwin(['video', 'create', '--look', 'lk_alex_office', '--no-input'], { sandbox, tty: true, prompt });
    expect(code).toBe(2);
    expect(stderr).toMatch(/--script: is required/);
    expect(prompt.asked).toEqual([]);
  });

  it('on a terminal: opens the wizard, starting from the flags given', async () => {
    const prompt = cannedPrompt([]);
    const { code } = await runTwin(['video', 'create', '--script', 'Hi from flags'], { sandbox, tty: true, prompt });
    expect(code).not.toBe(0); // the canned prompt refuses the wizard's first question...
    expect(prompt.asked.length).toBeGreaterThan(0); // ...which proves the wizard asked one
    expect(creates()).toBe(0);
  });
});

describe('exit codes', () => {
  it('3 without a key', async () => {
    const { code, stderr } = await runTwin(base, { env: {} });
    expect(code).toBe(3);
    expect(stderr).toMatch(/API key/);
  });

  it('3 with a key the API refuses', async () => {
    const { code } = await runTwin(base, { sandbox: { url: sandbox.url, apiKey: 'not-the-key' } });
    expect(code).toBe(3);
    expect(creates()).toBe(0);
  });

  it('1 when the API keeps failing, with the endpoint named', async () => {
    sandbox.inject({ kind: '500', route: 'POST /v3/videos', times: 10 });
    const { code, stderr } = await runTwin(base, { sandbox });
    expect(code).toBe(1);
    expect(stderr).toMatch(/POST \/v3\/videos/);
    expect(stderr).not.toMatch(/^\s+at /m);
  });
});
