// batch run with a `scenes` column: a row renders a multi-scene (studio) video from its scene file
// (relative to the manifest), its local files uploaded once before the first create; the lock
// fingerprint covers what the scene file says and every file it names; a scene file's pre-flight
// problems refuse the whole plan (exit 2) with nothing sent, naming the row, file, line and column.
import { appendFileSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { FIXTURES, mediaFolder, mediaRunner, since } from './media.helpers.js';
import { fastBatch } from './batch.helpers.js';

const sandbox = useSandbox({ renderMs: 40, videoBytes: 2048 });

const SCENES = `[look: lk_alex_office]
Welcome to the launch.
---
[slide: ../deck/chart.jpg]
[voice: v_en_f_01]
This chart shows how fast we grew.
---
[clip: footage.mp4 mute]
---
[slide: ../deck/chart.jpg 4s]
`;

function project(scenes = SCENES) {
  const { dir } = mediaFolder();
  mkdirSync(join(dir, 'deck'));
  mkdirSync(join(dir, 'videos'));
  copyFileSync(join(FIXTURES, 'thumbnail.jpg'), join(dir, 'deck', 'chart.jpg'));
  copyFileSync(join(FIXTURES, 'twin.mp4'), join(dir, 'videos', 'footage.mp4'));
  writeFileSync(join(dir, 'videos', 'launch.txt'), scenes);
  writeFileSync(
    join(dir, 'videos.csv'),
    'name,scenes,title,aspect_ratio,script,look\n' + 'launch,videos/launch.txt,Launch,16:9,,\n' + 'plain,,,,Hello there.,lk_alex_office\n',
  );
  return dir;
}

const posts = (from: number) => since(sandbox, from).filter((q) => q.method === 'POST');

describe('batch run with a scenes column', () => {
  it('renders a studio video from the scene file, each file uploaded once; the lock re-renders only what changed', {
    timeout: 90_000,
  }, async () => {
    const dir = project();
    const twin = mediaRunner(sandbox, dir, fastBatch);
    const args = ['batch', 'run', 'videos.csv', '--out', 'out', '--no-download', '--json'];
    const from = sandbox.received.length;
    const r = await twin(args);
    expect(r.code, r.stderr).toBe(0);
    const sent = posts(from);
    expect(sent.map((q) => q.path)).toEqual(['/v3/assets', '/v3/assets', '/v3/videos', '/v3/videos']);
    const names = sent.slice(0, 2).map((q) => (q.body as { parts: Array<{ filename: string }> }).parts[0]!.filename);
    expect(names.sort()).toEqual(['chart.jpg', 'footage.mp4']);
    const studio = sent.slice(2).find((q) => (q.body as { type?: string }).type === 'studio')!;
    const body = studio.body as Record<string, any>;
    const chart = body.scenes[1].source.asset_id as string;
    const clip = body.scenes[2].source.asset_id as string;
    expect(chart).toMatch(/^asset_/);
    expect(body).toEqual({
      type: 'studio',
      title: 'Launch',
      aspect_ratio: '16:9',
      resolution: '1080p', // the batch's default, as for any row
      scenes: [
        { type: 'avatar_video', input: { type: 'avatar', avatar_id: 'lk_alex_office', script: 'Welcome to the launch.' } },
        {
          type: 'image',
          source: { type: 'asset_id', asset_id: chart },
          script: 'This chart shows how fast we grew.',
          voice_id: 'v_en_f_01',
        },
        { type: 'video', source: { type: 'asset_id', asset_id: clip }, playback: { mute: true } },
        { type: 'image', source: { type: 'asset_id', asset_id: chart }, duration: 4 },
      ],
    });
    expect(studio.headers['idempotency-key']).toEqual(expect.any(String));
    const report = JSON.parse(r.stdout) as { totals: { done: number } };
    expect(report.totals.done).toBe(2);
    const lock = readFileSync(join(dir, 'videos.csv.lock'), 'utf8');
    expect(lock).toContain('launch');

    // Unchanged: nothing is uploaded, looked up or rendered.
    const second = sandbox.received.length;
    const again = await twin(args);
    expect(again.code, again.stderr).toBe(0);
    expect(posts(second)).toEqual([]);

    // A slide the scene file names changed: that row alone renders again, with the new file uploaded.
    appendFileSync(join(dir, 'deck', 'chart.jpg'), Buffer.from([0]));
    const third = sandbox.received.length;
    const changed = await twin(args);
    expect(changed.code, changed.stderr).toBe(0);
    const redo = posts(third);
    expect(redo.map((q) => q.path)).toEqual(['/v3/assets', '/v3/videos']);
    const body3 = redo[1]!.body as Record<string, any>;
    expect(body3.type).toBe('studio');
    expect(body3.scenes[1].source.asset_id).not.toBe(chart);
    expect(body3.scenes[2].source.asset_id).toBe(clip);
  });

  it('a scene file with a problem refuses the plan at once: exit 2, the row, file, line and column named, nothing sent', async () => {
    const dir = project(`[look: lk_alex_office]\nHello.\n---\n[slide: ../deck/chart.jpg]\n[colour: red]\nNarrated.\n`);
    writeFileSync(join(dir, 'videos', 'two.txt'), '[look: lk_alex_office]\nHi.\n---\n[clip: missing.mp4]\n');
    appendFileSync(join(dir, 'videos.csv'), 'two,videos/two.txt,,,,\n');
    const twin = mediaRunner(sandbox, dir, fastBatch);
    const from = sandbox.received.length;
    const r = await twin(['batch', 'run', 'videos.csv', '--out', 'out', '--no-download']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/line 2 \(launch\), scenes: videos\/launch\.txt:5:2: unknown directive \[colour\]/);
    expect(r.stderr).toMatch(/line 4 \(two\), scenes: videos\/two\.txt:4: scene 2: missing\.mp4/);
    expect(posts(from)).toEqual([]);
  });

  it('a look the account does not have is refused at plan time, before any upload', async () => {
    const dir = project(SCENES.replace('lk_alex_office', 'lk_nobody'));
    const twin = mediaRunner(sandbox, dir, fastBatch);
    const from = sandbox.received.length;
    const r = await twin(['batch', 'run', 'videos.csv', '--out', 'out', '--no-download']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/line 2 \(launch\), scenes: videos\/launch\.txt:1: scene 1: no look "lk_nobody"/);
    expect(posts(from)).toEqual([]);
  });
});

describe('batch run with a scenes column: the estimate', () => {
  it('--max-minutes counts the scene estimate; --dry-run shows the row and sends nothing', async () => {
    const long = `[look: lk_alex_office]\n${'word '.repeat(400)}\n---\n[slide: ../deck/chart.jpg 200s]\n`;
    const dir = project(long);
    const twin = mediaRunner(sandbox, dir, fastBatch);
    const from = sandbox.received.length;
    // 400 words at 150 a minute (160 s) + a 200 s slide + the plain row: over 5 minutes, under 7.
    const over = await twin(['batch', 'run', 'videos.csv', '--out', 'out', '--no-download', '--max-minutes', '5']);
    expect(over.code, over.stderr).toBe(2);
    expect(over.stderr).toMatch(/max-minutes/);
    const dry = await twin(['batch', 'run', 'videos.csv', '--out', 'out', '--dry-run', '--max-minutes', '7', '--json']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(posts(from)).toEqual([]);
  });
});
