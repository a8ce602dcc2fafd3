// `twin video wait` end to end in-process, against the sandbox on an injected clock: every sleep
// moves the sandbox's clock too, so renders of minutes finish in milliseconds.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { createClient, type HeyGenClient } from '../../src/api/index.js';
import { runTwin, tempDir, type RunOptions } from '../helpers/harness.js';

let clock = 1_800_000_000_000;
let sleeps: number[] = [];
const now = () => clock;
const sleep = async (ms: number) => {
  sleeps.push(ms);
  clock += ms;
};
let sandbox: Sandbox;
let api: HeyGenClient;

beforeAll(async () => {
  sandbox = await startSandbox({ now, concurrencyLimit: 100 });
  api = createClient({ baseUrl: sandbox.url, apiKey: sandbox.apiKey });
});
afterAll(async () => {
  await api.close();
  await sandbox.close();
});
beforeEach(() => {
  sleeps = [];
  sandbox.resetCounters();
});

async function createVideo(renderMs: number, title = 'Quarterly update'): Promise<string> {
  sandbox.options.renderMs = renderMs;
  return (await api.createVideo({ type: 'avatar', avatar_id: 'lk_alex_office', voice_id: 'v_en_m_01', script: 'Hello there.', title }))
    .video_id;
}

const twin = (argv: string[], opts: RunOptions = {}) => runTwin(argv, { sandbox, now, sleep, ...opts });

describe('twin video wait', () => {
  it('waits for a render and prints the video (exit 0); plain lines without a terminal', async () => {
    const id = await createVideo(40_000);
    const r = await twin(['video', 'wait', id]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^✔ ${id}  completed  "Quarterly update"  [\\d.]+s\n  download  twin video download ${id}\n$`));
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toBe(`[0s] Waiting for video ${id}`);
    expect(lines).toContain(`[0s] ${id}: queued`);
    expect(lines.some((l) => l.endsWith(`${id}: processing`))).toBe(true);
    expect(lines.at(-1)).toMatch(new RegExp(`^\\[\\d+s\\] ✔ Video ${id} is ready after \\d+s$`));
    expect(r.stderr).not.toContain('\x1b['); // no animation codes in a pipe
  });

  it('prints one JSON document with --json, and nothing else on stderr', async () => {
    const id = await createVideo(40_000);
    const r = await twin(['video', 'wait', id, '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(['videos', 'files']);
    expect(doc.videos[0]).toMatchObject({ id, status: 'completed', title: 'Quarterly update' });
    expect(doc.files).toEqual([]);
    expect(r.stderr).toBe('');
  });

  it('shows a spinner with the status on a terminal', async () => {
    const id = await createVideo(10_000);
    const r = await twin(['video', 'wait', id], { tty: true });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`Rendering ${id}`);
    expect(r.stderr).toMatch(new RegExp(`✔.* Video ${id} is ready after \\d+s\n$`));
    expect(r.stderr).toContain('\x1b[?25h'); // the cursor is shown again
    expect(r.stdout.replace(/\x1b\[\d+m/g, '')).toContain(`✔ ${id}  completed  "Quarterly update"`);
  });

  it('prints a heartbeat at most once a minute in CI during a long render', async () => {
    const id = await createVideo(6 * 60_000);
    const r = await twin(['video', 'wait', id], { env: { CI: 'true' }, tty: true });
    expect(r.code).toBe(0);
    const lines = r.stderr.trim().split('\n');
    const heartbeats = lines.filter((l) => l.includes('still processing'));
    expect(heartbeats.length).toBeGreaterThanOrEqual(3);
    expect(heartbeats.length).toBeLessThanOrEqual(6);
    expect(lines.length).toBeLessThan(sleeps.length); // far fewer lines than polls
  });

  it('exits 5 with failure_code and failure_message when the render fails', async () => {
    sandbox.inject({
      kind: 'fail-render',
      failureCode: 'download_failed',
      failureMessage: 'The background image could not be downloaded.',
    });
    const id = await createVideo(5_000);
    const r = await twin(['video', 'wait', id]);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain(`Video ${id} failed to render (download_failed): The background image could not be downloaded.`);
    const json = await twin(['video', 'wait', id, '--json']);
    expect(json.code).toBe(5);
    expect(JSON.parse(json.stdout).videos[0]).toMatchObject({ status: 'failed', failure_code: 'download_failed' });
    expect(JSON.parse(json.stderr).error).toMatchObject({ exit_code: 5, failure_code: 'download_failed', video_id: id });
  });

  it('exits 4 on timeout with the id, the last status and the exact resume command', async () => {
    const id = await createVideo(60 * 60_000);
    const r = await twin(['video', 'wait', id, '--timeout', '10m']);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(`Timed out after 10m 00s waiting for video ${id} (last status: processing)`);
    expect(r.stderr).toContain(`Resume with: twin video wait ${id}`);
    expect(sleeps.reduce((a, b) => a + b, 0)).toBe(10 * 60_000);
    const json = await twin(['video', 'wait', id, '--timeout', '1m', '--json']);
    expect(json.code).toBe(4);
    expect(json.stdout).toBe('');
    expect(JSON.parse(json.stderr).error).toMatchObject({
      exit_code: 4,
      video_ids: [id],
      last_status: { [id]: 'processing' },
      resume: `twin video wait ${id}`,
    });
  });

  it('waits 2 hours by default, so a long render does not time out', async () => {
    const id = await createVideo(3 * 60 * 60_000);
    const r = await twin(['video', 'wait', id, '--quiet']);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(`Timed out after 2h 00m waiting for video ${id}`);
    expect(sleeps.reduce((a, b) => a + b, 0)).toBe(2 * 60 * 60_000);
  });

  it('exits 130 on Ctrl-C with the resume line that repeats the download flags, and prints no result', async () => {
    const id = await createVideo(60 * 60_000);
    for (const tty of [false, true]) {
      const controller = new AbortController();
      const started = sleeps.length;
      const r = await twin(['video', 'wait', id, '--download', 'my videos/', '--captions'], {
        tty,
        signal: controller.signal,
        sleep: async (ms) => {
          await sleep(ms);
          if (sleeps.length === started + 3) controller.abort();
        },
      });
      expect(r.code).toBe(130);
      expect(r.stderr).toContain(`Stopped waiting after`);
      expect(r.stderr).toContain(`Resume with: twin video wait ${id} --download 'my videos/' --captions\n`);
      expect(r.stdout).toBe('');
      // On a terminal the spinner is gone (cursor shown again) before the error, and draws no more.
      if (tty) expect(r.stderr.slice(r.stderr.lastIndexOf('\x1b[?25h'))).not.toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]|\x1b\[\?25l/);
    }
  });

  it('names every id in the resume line of a timed-out wait that was to download them', async () => {
    const done = await createVideo(5_000, 'done');
    const slow = await createVideo(60 * 60_000, 'slow');
    const cwd = tempDir();
    const r = await twin(['video', 'wait', done, slow, '-o', 'out', '--timeout', '2m'], { cwd });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(`Resume with: twin video wait ${done} ${slow} --download out/\n`);
    expect(existsSync(join(cwd, 'out'))).toBe(false);
  });

  it('uses --interval for the first wait', async () => {
    const id = await createVideo(60_000);
    const r = await twin(['video', 'wait', id, '--interval', '5s', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(id);
    expect(r.stderr).toBe('');
    expect(sleeps[0]).toBeGreaterThanOrEqual(4_500);
    expect(sleeps[0]).toBeLessThanOrEqual(5_500);
  });

  it('downloads with --captions into -o, verified against the sandbox', async () => {
    const id = await createVideo(8_000);
    const dir = tempDir();
    const r = await twin(['video', 'wait', id, '--captions', '-o', 'out/', '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    const video = join(dir, 'out', `Quarterly-update-${id}.mp4`);
    expect(doc.files.map((f: { kind: string; path: string }) => [f.kind, f.path])).toEqual([
      ['video', video],
      ['captions', join(dir, 'out', `Quarterly-update-${id}.srt`)],
    ]);
    expect(createHash('sha256').update(readFileSync(video)).digest('hex')).toBe(sandbox.videoSha256(id));
    expect(doc.files[0].sha256).toBe(sandbox.videoSha256(id));
    expect(readFileSync(doc.files[1].path, 'utf8')).toContain('Hello there.');
  });

  it('waits for several videos with bulk status requests and exits 5 if any failed', async () => {
    const ok1 = await createVideo(20_000, 'one');
    sandbox.inject({ kind: 'fail-render' });
    const bad = await createVideo(30_000, 'two');
    const ok2 = await createVideo(40_000, 'three');
    sandbox.resetCounters();
    const r = await twin(['video', 'wait', ok1, bad, ok2, '--json']);
    expect(r.code).toBe(5);
    const doc = JSON.parse(r.stdout);
    expect(doc.videos.map((v: { id: string; status: string }) => [v.id, v.status])).toEqual([
      [ok1, 'completed'],
      [bad, 'failed'],
      [ok2, 'completed'],
    ]);
    expect(sandbox.counters.requests['GET /v3/videos/statuses']).toBe(sleeps.length + 1);
    expect(sandbox.counters.requests['GET /v3/videos/:id']).toBe(3);
    expect(r.stderr).toContain(`1 of 3 videos failed to render: ${bad} (render_failed`);
    const human = await twin(['video', 'wait', ok1, bad, ok2]);
    expect(human.stderr).toContain('[0s] ✖ 3 videos finished after 0s: 2 completed, 1 failed\n');
    expect(human.stderr).not.toContain('[0s] 3 videos: 2 completed, 1 failed\n'); // said once, by the final line
  });

  it('downloads several videos into a folder given as -o without a trailing slash', async () => {
    const a = await createVideo(5_000, 'a');
    const b = await createVideo(5_000, 'b');
    const dir = tempDir();
    const r = await twin(['video', 'wait', a, b, '-o', 'many', '--quiet'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([a, b]);
    expect(existsSync(join(dir, 'many', `a-${a}.mp4`))).toBe(true);
    expect(existsSync(join(dir, 'many', `b-${b}.mp4`))).toBe(true);
  });

  it.each([
    [['--timeout', 'soon'], '--timeout'],
    [['--interval', '0'], '--interval'],
    [['--timeout', '-5m'], '--timeout'],
  ])('refuses %j with exit 2 naming the flag, before any request', async (flags, flag) => {
    const r = await twin(['video', 'wait', 'vid_123', ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(flag);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(sandbox.counters.requests).toEqual({});
  });

  it('exits 1 for an unknown id', async () => {
    const r = await twin(['video', 'wait', 'vid_nope']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('vid_nope');
  });
});
