// batch run with local files in the audio and background columns: paths relative to the manifest's
// folder, every file checked before anything is sent, each distinct file uploaded once before the
// first create, and the file's SHA-256 part of the lock fingerprint.
import { appendFileSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { silentWav } from '../helpers/wav.js';
import { FIXTURES, mediaFolder, mediaRunner, since } from './media.helpers.js';
import { fastBatch } from './batch.helpers.js';

const sandbox = useSandbox({ renderMs: 40, videoBytes: 2048 });

function project() {
  const { dir } = mediaFolder();
  mkdirSync(join(dir, 'media'));
  copyFileSync(join(FIXTURES, 'voice-preview.mp3'), join(dir, 'media', 'voice.mp3'));
  copyFileSync(join(FIXTURES, 'thumbnail.jpg'), join(dir, 'media', 'office.jpg'));
  mkdirSync(join(dir, 'elsewhere'));
  return dir;
}

describe('batch run with local media', () => {
  it('uploads each distinct file once, all before the first create, and sends their asset ids', { timeout: 90_000 }, async () => {
    const dir = project();
    writeFileSync(
      join(dir, 'videos.csv'),
      'name,look,audio,background,script\n' +
        'one,lk_alex_office,media/voice.mp3,media/office.jpg,\n' +
        'two,lk_alex_office,media/voice.mp3,#112233,\n' +
        'three,lk_alex_office,,media/office.jpg,Hello there.\n',
    );
    // Run from another folder: paths are relative to the manifest, not the working directory.
    const twin = mediaRunner(sandbox, join(dir, 'elsewhere'), fastBatch);
    const from = sandbox.received.length;
    const r = await twin(['batch', 'run', '../videos.csv', '--out', '../out', '--no-download', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const posts = since(sandbox, from).filter((q) => q.method === 'POST');
    expect(posts.map((q) => q.path)).toEqual(['/v3/assets', '/v3/assets', '/v3/videos', '/v3/videos', '/v3/videos']);
    const bodies = posts.slice(2).map((q) => q.body as Record<string, any>);
    const audio = bodies.find((b) => b.audio_asset_id)!.audio_asset_id;
    expect(bodies.filter((b) => b.audio_asset_id === audio)).toHaveLength(2);
    const image = bodies.find((b) => b.background?.asset_id)!.background.asset_id;
    expect(image).toMatch(/^asset_/);
    expect(JSON.stringify(bodies)).not.toContain('local-file:');

    // The lock remembers each row with the file's content: a changed file renders its rows again.
    appendFileSync(join(dir, 'media', 'office.jpg'), Buffer.from([0]));
    const before = sandbox.received.length;
    const again = await twin(['batch', 'run', '../videos.csv', '--out', '../out', '--no-download', '--json']);
    expect(again.code, again.stderr).toBe(0);
    const creates = since(sandbox, before).filter((q) => q.method === 'POST');
    expect(creates.map((q) => q.path)).toEqual(['/v3/assets', '/v3/videos', '/v3/videos']);
    expect(creates.slice(1).every((q) => (q.body as any).background.asset_id !== image)).toBe(true);

    // --no-cache uploads the files of the rows to render again (here: one edited row).
    appendFileSync(join(dir, 'videos.csv'), 'four,lk_alex_office,media/voice.mp3,,\n');
    const third = sandbox.received.length;
    const fresh = await twin(['batch', 'run', '../videos.csv', '--out', '../out', '--no-download', '--no-cache', '--json']);
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(
      since(sandbox, third)
        .filter((q) => q.method === 'POST')
        .map((q) => q.path),
    ).toEqual(['/v3/assets', '/v3/videos']);
  });

  it('a file re-recorded at the same length renders its row again, with the new file uploaded', async () => {
    const dir = project();
    const wav = join(dir, 'media', 'take.wav');
    const take = (sample: number) => {
      const bytes = silentWav(1, 8000);
      bytes.fill(sample, 44); // the samples differ, the header and the length do not
      return bytes;
    };
    writeFileSync(wav, take(0));
    writeFileSync(join(dir, 'videos.csv'), 'name,look,audio\ntake,lk_alex_office,media/take.wav\n');
    const twin = mediaRunner(sandbox, dir, fastBatch);
    const args = ['batch', 'run', 'videos.csv', '--out', 'out', '--no-download', '--json'];
    const first = await twin(args);
    expect(first.code, first.stderr).toBe(0);

    writeFileSync(wav, take(7));
    const before = sandbox.received.length;
    const again = await twin(args);
    expect(again.code, again.stderr).toBe(0);
    const posts = since(sandbox, before).filter((q) => q.method === 'POST');
    expect(posts.map((q) => q.path)).toEqual(['/v3/assets', '/v3/videos']);
    const ids = [first, again].map((r) => JSON.parse(r.stdout).rows[0].video_id);
    expect(ids[1]).not.toBe(ids[0]);
  });

  it("estimates a local audio row by the file's own length, and the review card names the file", async () => {
    const dir = project();
    writeFileSync(join(dir, 'media', 'intro.wav'), silentWav(3.5, 16_000));
    writeFileSync(
      join(dir, 'videos.csv'),
      'name,look,audio,script\nintro,lk_alex_office,media/intro.wav,\nhello,lk_alex_office,,Hello there.\n',
    );
    const twin = mediaRunner(sandbox, join(dir, 'elsewhere'), fastBatch);
    const dry = await twin(['batch', 'run', '../videos.csv', '--out', '../out', '--dry-run', '--json']);
    expect(dry.code, dry.stderr).toBe(0);
    // 3.5 s of audio + 2 words at 150 a minute (0.8 s); no row of unknown length.
    expect(JSON.parse(dry.stdout).budget).toMatchObject({ renders: 2, estimated_seconds: 4.3, rows_of_unknown_length: 0 });

    const run = await twin(['batch', 'run', '../videos.csv', '--out', '../out', '--no-download']);
    expect(run.code, run.stderr).toBe(0);
    const page = readFileSync(join(dir, 'out', 'review.html'), 'utf8');
    expect(page).toContain('media/intro.wav');
    expect(page).not.toContain('local-file:');
  });

  it('checks every file before sending anything: a bad cell names its line and column, exit 2', async () => {
    const dir = project();
    writeFileSync(
      join(dir, 'videos.csv'),
      'name,look,audio,background\n' +
        'one,lk_alex_office,media/voice.mp3,media/office.jpg\n' +
        'two,lk_alex_office,media/missing.mp3,\n' +
        'three,lk_alex_office,media/voice.mp3,media/voice.mp3\n',
    );
    const from = sandbox.received.length;
    const r = await mediaRunner(sandbox, dir, fastBatch)(['batch', 'run', 'videos.csv', '--out', 'out']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/line 3 \(two\), audio: media\/missing\.mp3 does not exist/);
    expect(r.stderr).toMatch(/line 4 \(three\), background: media\/voice\.mp3 is an MP3 audio; --background needs png or jpeg/);
    expect(since(sandbox, from).filter((q) => q.method !== 'GET')).toEqual([]);
  });
});
