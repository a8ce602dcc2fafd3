// `twin video download` in-process against the sandbox: names, -o, sidecar files, overwrite
// rules, not-ready and failed videos, and a download given up on and then resumed.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { createClient, type HeyGenClient } from '../../src/api/index.js';
import { cannedPrompt, runTwin, spawnTwin, tempDir, until, type RunOptions } from '../helpers/harness.js';

let sandbox: Sandbox;
let api: HeyGenClient;
const SIZE = 3 * 1024 * 1024 + 7;

beforeAll(async () => {
  sandbox = await startSandbox({ renderMs: 30, videoBytes: SIZE });
  api = createClient({ baseUrl: sandbox.url, apiKey: sandbox.apiKey });
});
afterAll(async () => {
  await api.close();
  await sandbox.close();
});

async function createVideo(extra: Record<string, unknown> = {}, done = true): Promise<string> {
  const body = {
    type: 'avatar' as const,
    avatar_id: 'lk_alex_office',
    voice_id: 'v_en_m_01',
    script: 'Welcome to the demo.',
    title: 'Launch: day 1/2',
    ...extra,
  };
  const { video_id: id } = await api.createVideo(body);
  while (done && !['completed', 'failed'].includes((await api.getVideo(id)).status)) await new Promise((r) => setTimeout(r, 10));
  return id;
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const twin = (argv: string[], opts: RunOptions = {}) => runTwin(argv, { sandbox, sleep: async () => {}, ...opts });

describe('twin video download', () => {
  it('saves <safe title>-<id>.mp4 in the working folder, verified, and prints the path with --quiet', async () => {
    const id = await createVideo();
    const cwd = tempDir();
    const r = await twin(['video', 'download', id, '--quiet'], { cwd });
    expect(r.code).toBe(0);
    const path = join(cwd, `Launch-day-1-2-${id}.mp4`);
    expect(r.stdout).toBe(`${path}\n`);
    expect(sha256(path)).toBe(sandbox.videoSha256(id));
    expect(existsSync(`${path}.part`)).toBe(false);
  });

  it('saves captions and thumbnail beside a file named with -o, and reports them in --json', async () => {
    const id = await createVideo();
    const cwd = tempDir();
    const r = await twin(['video', 'download', id, '-o', 'clips/intro.mp4', '--captions', '--thumbnail', '--json'], { cwd });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.video).toMatchObject({ id, status: 'completed' });
    expect(doc.files.map((f: { kind: string; path: string }) => [f.kind, f.path])).toEqual([
      ['video', join(cwd, 'clips', 'intro.mp4')],
      ['captions', join(cwd, 'clips', 'intro.srt')],
      ['thumbnail', join(cwd, 'clips', 'intro.jpg')],
    ]);
    expect(doc.files[0]).toMatchObject({ bytes: SIZE, sha256: sandbox.videoSha256(id) });
    expect(readFileSync(join(cwd, 'clips', 'intro.srt'), 'utf8')).toMatch(/^1\r?\n00:00:00,000 --> /);
    expect(statSync(join(cwd, 'clips', 'intro.jpg')).size).toBe(doc.files[2].bytes);
  });

  it('names a webm render .webm, with its subtitles beside it', async () => {
    const id = await createVideo({ output_format: 'webm' });
    const cwd = tempDir();
    const r = await twin(['video', 'download', id, '--captions', '--quiet'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${join(cwd, `Launch-day-1-2-${id}.webm`)}\n${join(cwd, `Launch-day-1-2-${id}.srt`)}\n`);
  });

  it('takes the captioned version with --captioned, and says so when there is none', async () => {
    const plain = await createVideo();
    const none = await twin(['video', 'download', plain, '--captioned']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain(`Video ${plain} has no version with burned-in captions`);

    const id = await createVideo({ caption: { file_format: 'srt', style: 'default' } });
    const cwd = tempDir();
    const r = await twin(['video', 'download', id, '--captioned', '--json'], { cwd });
    expect(r.code).toBe(0);
    const file = JSON.parse(r.stdout).files[0];
    expect(file).toMatchObject({ kind: 'captioned', path: join(cwd, `Launch-day-1-2-${id}-captioned.mp4`) });
  });

  it('refuses to replace a file without --force (exit 2), asks on a terminal, replaces with --force', async () => {
    const id = await createVideo();
    const cwd = tempDir();
    const path = join(cwd, 'mine.mp4');
    writeFileSync(path, 'keep me');
    const piped = await twin(['video', 'download', id, '-o', 'mine.mp4'], { cwd });
    expect(piped.code).toBe(2);
    expect(piped.stderr).toContain('mine.mp4 already exists');
    expect(piped.stderr).toContain('--force');
    expect(readFileSync(path, 'utf8')).toBe('keep me');

    const no = cannedPrompt([{ match: /Replace mine\.mp4\?/, answer: false }]);
    expect((await twin(['video', 'download', id, '-o', 'mine.mp4'], { cwd, tty: true, prompt: no })).code).toBe(2);
    expect(readFileSync(path, 'utf8')).toBe('keep me');

    const yes = cannedPrompt([{ match: /Replace mine\.mp4\?/, answer: true }]);
    expect((await twin(['video', 'download', id, '-o', 'mine.mp4'], { cwd, tty: true, prompt: yes })).code).toBe(0);
    expect(sha256(path)).toBe(sandbox.videoSha256(id));

    writeFileSync(path, 'again');
    expect((await twin(['video', 'download', id, '-o', 'mine.mp4', '--force'], { cwd })).code).toBe(0);
    expect(sha256(path)).toBe(sandbox.videoSha256(id));
  });

  it('shows a progress bar on a terminal; in a pipe one plain line per file says where it went', async () => {
    const id = await createVideo();
    const tty = await twin(['video', 'download', id], { tty: true });
    expect(tty.code).toBe(0);
    expect(tty.stderr).toMatch(/100%\s+3\.0 MiB \/ 3\.0 MiB/);
    expect(tty.stderr).toContain('█');
    expect(tty.stderr).toMatch(/✔.* Saved Launch-day-1-2-\S+\.mp4 \(3\.0 MiB\)\n$/);
    const cwd = tempDir();
    const piped = await twin(['video', 'download', id, '--captions', '--force'], { cwd });
    expect(piped.code).toBe(0);
    const srtBytes = statSync(join(cwd, `Launch-day-1-2-${id}.srt`)).size;
    expect(piped.stderr).toBe(`Saved Launch-day-1-2-${id}.mp4 (3.0 MiB)\nSaved Launch-day-1-2-${id}.srt (${srtBytes} B)\n`);
    for (const flag of ['--json', '--quiet']) {
      const machine = await twin(['video', 'download', id, flag, '--force'], { cwd });
      expect(machine.code).toBe(0);
      expect(machine.stderr).toBe('');
    }
  });

  it('exits 4 for a video still rendering, with the command that waits and downloads', async () => {
    sandbox.options.renderMs = 60_000;
    const id = await createVideo({}, false);
    sandbox.options.renderMs = 30;
    const r = await twin(['video', 'download', id]);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(`twin video wait ${id} --download`);
  });

  it('exits 5 for a failed render', async () => {
    sandbox.inject({ kind: 'fail-render' });
    const id = await createVideo();
    const r = await twin(['video', 'download', id]);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('render_failed');
  });

  it('gives up on a broken connection with the resume command, keeps only the .part, and resumes it', async () => {
    const id = await createVideo();
    const cwd = tempDir();
    const cut = Math.floor(SIZE * 0.6);
    sandbox.inject({ kind: 'truncate', at: cut, times: 7 }); // first cut makes progress, then 6 that do not
    const r = await twin(['video', 'download', id], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Run \`twin video download ${id}\` to resume`);
    const path = join(cwd, `Launch-day-1-2-${id}.mp4`);
    expect(existsSync(path)).toBe(false);
    expect(statSync(`${path}.part`).size).toBe(cut);

    sandbox.resetCounters();
    const again = await twin(['video', 'download', id, '--json'], { cwd });
    expect(again.code).toBe(0);
    expect(sandbox.counters.downloadBytes).toBe(SIZE - cut);
    expect(sha256(path)).toBe(sandbox.videoSha256(id));
    expect(existsSync(`${path}.part`)).toBe(false);
  });

  it('stops on Ctrl-C with exit 130, leaves the old file and a .part, and the printed command resumes', async () => {
    const id = await createVideo();
    const cwd = tempDir();
    const path = join(cwd, 'mine.mp4');
    writeFileSync(path, 'old');
    const half = Math.floor(SIZE / 2);
    sandbox.inject({ kind: 'stall', at: half, ms: 3_000 });
    const controller = new AbortController();
    const ctrlC = setInterval(() => existsSync(`${path}.part`) && statSync(`${path}.part`).size >= half && controller.abort(), 5);
    const yes = cannedPrompt([{ match: /Replace mine\.mp4\?/, answer: true }]);
    const r = await twin(['video', 'download', id, '-o', 'mine.mp4'], { cwd, tty: true, prompt: yes, signal: controller.signal }).finally(
      () => clearInterval(ctrlC),
    );
    expect(r.code).toBe(130);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Download interrupted at 1.5 MiB; the partial file mine.mp4.part is kept.');
    // The old file is still there, so the resumed run needs the --force the user agreed to.
    expect(r.stderr).toContain(`Run \`twin video download ${id} -o mine.mp4 --force\` to resume.`);
    expect(r.stderr.slice(r.stderr.lastIndexOf('\r\x1b[K'))).not.toContain('░'); // the bar was wiped
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(statSync(`${path}.part`).size).toBe(half);

    sandbox.resetCounters();
    const again = await twin(['video', 'download', id, '-o', 'mine.mp4', '--force', '--quiet'], { cwd });
    expect(again.code).toBe(0);
    expect(sandbox.counters.downloadBytes).toBe(SIZE - half);
    expect(sha256(path)).toBe(sandbox.videoSha256(id));
  });

  it('gives up on a host whose Content-Length lies, with file_download_failed (not the API code download_failed)', async () => {
    const id = await createVideo();
    sandbox.faults.lieLength = 500;
    const cwd = tempDir();
    sandbox.resetCounters();
    const r = await twin(['video', 'download', id, '-o', 'lie.mp4', '--json'], { cwd }).finally(() => (sandbox.faults.lieLength = 0));
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stderr).error).toMatchObject({ code: 'file_download_failed', exit_code: 1 });
    expect(r.stderr).toContain('attempts in a row got no further than 3.0 MiB');
    expect(sandbox.counters.requests['GET /download/:id']).toBe(7); // the real bytes, then 6 that add nothing
    expect(existsSync(join(cwd, 'lie.mp4'))).toBe(false);
  });

  it('lets one process at a time write a file: a second `twin video download -o same.mp4` fails naming the first', async () => {
    const id = await createVideo();
    const cwd = tempDir();
    const path = join(cwd, 'same.mp4');
    sandbox.inject({ kind: 'stall', at: Math.floor(SIZE / 2), ms: 4_000 });
    const first = spawnTwin(['video', 'download', id, '-o', 'same.mp4'], { sandbox, cwd });
    await until(
      () => existsSync(`${path}.part`) && statSync(`${path}.part`).size >= Math.floor(SIZE / 2),
      'the first download to reach the stall',
    );
    const owner = JSON.parse(readFileSync(`${path}.part.lock`, 'utf8')).pid;
    const second = await spawnTwin(['video', 'download', id, '-o', 'same.mp4', '--force'], { sandbox, cwd });
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`same.mp4 is in use by another twin process (pid ${owner}).`);
    expect((await first).code).toBe(0);
    expect(sha256(path)).toBe(sandbox.videoSha256(id));
    expect(readdirSync(cwd)).toEqual(['same.mp4']);
  }, 30_000);

  it('exits 1 for an unknown id and 2 without an id', async () => {
    expect((await twin(['video', 'download', 'vid_missing'])).code).toBe(1);
    const none = await twin(['video', 'download']);
    expect(none.code).toBe(2);
  });

  it('exits 3 with a wrong key, writing nothing', async () => {
    const id = await createVideo();
    const cwd = tempDir();
    const r = await twin(['video', 'download', id], { cwd, env: { HEYGEN_API_KEY: 'sk_wrong_download_key' } });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/twin auth login|HEYGEN_API_KEY/);
    expect(r.stderr).not.toContain('sk_wrong_download_key');
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe('video create --download on a terminal', () => {
  it('says where each file went once, on its own line; the final table does not repeat the paths', async () => {
    const sandbox = await startSandbox({ renderMs: 50 });
    try {
      const cwd = tempDir('twin-create-dl-');
      const r = await runTwin(
        ['video', 'create', '--look', 'lk_alex_office', '--script', 'Hi.', '--title', 'Once', '--download', 'out/', '--interval', '20ms'],
        { sandbox, cwd, tty: true, columns: 80, env: { NO_COLOR: '1' } },
      );
      expect(r.code, r.stderr).toBe(0);
      const saved = readdirSync(join(cwd, 'out'));
      expect(saved).toHaveLength(1);
      expect(`${r.stdout}\n${r.stderr}`.split(saved[0]!).length - 1).toBe(1);
      expect(r.stdout).toMatch(/completed/);
    } finally {
      await sandbox.close();
    }
  });
});
