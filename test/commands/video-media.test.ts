// twin video create --audio / --background with local files, URLs and asset ids: files are checked
// before anything is sent, uploaded once before the create, and --dry-run uploads nothing.
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { mediaFolder, mediaRunner, since } from './media.helpers.js';

const sandbox = useSandbox({ renderMs: 50 });
const LOOK = ['video', 'create', '--look', 'lk_alex_office'];

describe('video create with local media', () => {
  it('uploads --audio and --background first, then sends their asset ids; a second run uploads nothing', async () => {
    const { dir } = mediaFolder();
    const twin = mediaRunner(sandbox, dir);
    const from = sandbox.received.length;
    const r = await twin([...LOOK, '--audio', 'narration.mp3', '--background', 'office.jpg', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const reqs = since(sandbox, from).filter((q) => q.method === 'POST');
    expect(reqs.map((q) => q.path)).toEqual(['/v3/assets', '/v3/assets', '/v3/videos']);
    expect(reqs.slice(0, 2).map((q) => (q.body as { parts: Array<{ filename: string }> }).parts[0]!.filename)).toEqual([
      'narration.mp3',
      'office.jpg',
    ]);
    const video = reqs[2]!.body as Record<string, any>;
    expect(video.audio_asset_id).toMatch(/^asset_/);
    expect(video.background).toEqual({ type: 'image', asset_id: expect.stringMatching(/^asset_/) });
    expect(video.script).toBeUndefined();
    expect(JSON.parse(r.stdout).request.audio_asset_id).toBe(video.audio_asset_id);

    const before = sandbox.received.length;
    const second = await twin([...LOOK, '--audio', 'narration.mp3', '--background', 'office.jpg', '--json']);
    expect(second.code, second.stderr).toBe(0);
    expect(
      since(sandbox, before)
        .filter((q) => q.method === 'POST')
        .map((q) => q.path),
    ).toEqual(['/v3/videos']);
    expect(JSON.parse(second.stdout).request.audio_asset_id).toBe(video.audio_asset_id);

    // --no-cache: uploaded again, whatever the cache knows.
    const third = sandbox.received.length;
    const fresh = await twin([...LOOK, '--audio', 'narration.mp3', '--no-cache', '--json']);
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(
      since(sandbox, third)
        .filter((q) => q.method === 'POST')
        .map((q) => q.path),
    ).toEqual(['/v3/assets', '/v3/videos']);
  });

  it('--dry-run shows placeholders and what would be uploaded, and sends no file', async () => {
    const { dir } = mediaFolder();
    const twin = mediaRunner(sandbox, dir);
    const from = sandbox.received.length;
    const r = await twin([...LOOK, '--audio', 'narration.mp3', '--background', 'office.jpg', '--dry-run', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.request.audio_asset_id).toBe('local-file:narration.mp3');
    expect(doc.request.background).toEqual({ type: 'image', asset_id: 'local-file:office.jpg' });
    expect(doc.notes.join('\n')).toMatch(/Would upload narration\.mp3 \(audio\/mpeg, [\d.]+ KiB\) for --audio/);
    expect(doc.notes.join('\n')).toMatch(/Would upload office\.jpg \(image\/jpeg/);
    expect(since(sandbox, from).filter((q) => q.method !== 'GET')).toEqual([]);
  });

  it.each<[string[], Record<string, unknown>]>([
    [['--audio', 'https://example.com/voice.mp3'], { audio_url: 'https://example.com/voice.mp3' }],
    [['--audio-url', 'https://example.com/voice.mp3'], { audio_url: 'https://example.com/voice.mp3' }],
    [
      ['--script', 'Hi there.', '--background', 'https://example.com/office.png'],
      { background: { type: 'image', url: 'https://example.com/office.png' } },
    ],
    [['--script', 'Hi there.', '--background', '#112233'], { background: { type: 'color', value: '#112233' } }],
  ])('%j goes into the body as is', async (flags, fields) => {
    const { dir } = mediaFolder();
    const r = await mediaRunner(sandbox, dir)([...LOOK, ...flags, '--dry-run', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).request).toMatchObject(fields);
  });

  it('asset:ID goes as audio_asset_id and background asset_id', async () => {
    const { dir } = mediaFolder();
    const twin = mediaRunner(sandbox, dir);
    const audio = (await twin(['assets', 'upload', 'narration.mp3', '--quiet'])).stdout.trim();
    const image = (await twin(['assets', 'upload', 'office.jpg', '--quiet'])).stdout.trim();
    const r = await twin([...LOOK, '--audio', `asset:${audio}`, '--background', `asset:${image}`, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).request).toMatchObject({ audio_asset_id: audio, background: { type: 'image', asset_id: image } });
  });

  it.each<[string[], RegExp]>([
    [['--audio', 'notes.txt'], /--audio: notes\.txt is not a file type HeyGen takes/],
    [['--audio', 'office.jpg'], /--audio: office\.jpg is a JPEG image; --audio needs mp3 or wav/],
    [['--audio', 'missing.mp3'], /--audio: missing\.mp3 does not exist/],
    [['--script', 'Hi.', '--background', 'narration.mp3'], /--background: narration\.mp3 is an MP3 audio; --background needs png or jpeg/],
    [['--script', 'Hi.', '--background', 'folder.png'], /--background: folder\.png is a folder/],
    [['--audio', 'narration.mp3', '--audio-url', 'https://example.com/a.mp3'], /--audio: cannot be combined with --audio-url/],
    [['--audio', 'narration.mp3', '--script', 'Hi.'], /--audio: cannot be combined with --script/],
    [['--script', 'Hi.', '--background', '#12345'], /--background: must be a colour/],
  ])('%j → exit 2, nothing sent', async (flags, message) => {
    const { dir } = mediaFolder();
    const from = sandbox.received.length;
    const r = await mediaRunner(sandbox, dir)([...LOOK, ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(since(sandbox, from).filter((q) => q.method !== 'GET')).toEqual([]);
  });
});
