// The library's createVideo with local files in the body (`audio: './voice.mp3'`, `background:
// './office.png'`): checked before anything is sent, uploaded with the CLI's checks and cache, and
// the create gets asset ids. A local path never reaches the API.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { tempDir } from '../helpers/harness.js';
import { FIXTURES } from '../commands/media.helpers.js';
import { createClient, createVideo, submitVideo, UsageError, videoRequest } from '../../src/index.js';

const sandbox = useSandbox({ renderMs: 50 });
const dir = tempDir('twin-lib-media-');
copyFileSync(join(FIXTURES, 'voice-preview.mp3'), join(dir, 'voice.mp3'));
copyFileSync(join(FIXTURES, 'thumbnail.jpg'), join(dir, 'office.jpg'));

let savedConfig: string | undefined;
beforeAll(() => {
  savedConfig = process.env.TWIN_CONFIG_DIR;
  process.env.TWIN_CONFIG_DIR = tempDir('twin-lib-config-');
});
afterAll(() => {
  if (savedConfig === undefined) delete process.env.TWIN_CONFIG_DIR;
  else process.env.TWIN_CONFIG_DIR = savedConfig;
});

const since = (from: number) => sandbox.received.slice(from);
const noLocalPath = (from: number) => expect(JSON.stringify(since(from).map((q) => q.body))).not.toContain('local-file:');

describe('library createVideo with local files', () => {
  it('uploads ./voice.mp3 and ./office.jpg once, then creates with their asset ids', async () => {
    const client = createClient({ apiKey: sandbox.apiKey, baseUrl: sandbox.url, maxRetries: 1 });
    const body = videoRequest({ look: 'lk_alex_office', audio: './voice.mp3', background: './office.jpg' });
    const from = sandbox.received.length;
    const created = await createVideo(client, body, { cwd: dir });
    const posts = since(from).filter((q) => q.method === 'POST');
    expect(posts.map((q) => q.path)).toEqual(['/v3/assets', '/v3/assets', '/v3/videos']);
    const sent = posts[2]!.body as { audio_asset_id: string; background: { asset_id: string } };
    expect(sent.audio_asset_id).toMatch(/^asset_/);
    expect(sent.background.asset_id).toMatch(/^asset_/);
    expect(created.request.audio_asset_id).toBe(sent.audio_asset_id);
    noLocalPath(from);
    // The caller's body is left as given; a second create re-uses the uploads (the cache).
    expect(body.audio_asset_id).toBe('local-file:./voice.mp3');
    const again = sandbox.received.length;
    await createVideo(client, body, { cwd: dir });
    expect(
      since(again)
        .filter((q) => q.method === 'POST')
        .map((q) => q.path),
    ).toEqual(['/v3/videos']);
  });

  it('a missing or wrong file is a UsageError before anything is sent', async () => {
    const client = createClient({ apiKey: sandbox.apiKey, baseUrl: sandbox.url, maxRetries: 1 });
    const from = sandbox.received.length;
    const missing = await createVideo(client, videoRequest({ look: 'lk_alex_office', audio: './nope.mp3' }), { cwd: dir }).catch((e) => e);
    expect(missing).toBeInstanceOf(UsageError);
    expect(missing.exitCode).toBe(2);
    expect(missing.message).toContain('nope.mp3 does not exist');
    const wrongKind = await createVideo(client, videoRequest({ look: 'lk_alex_office', audio: './office.jpg' }), { cwd: dir }).catch(
      (e) => e,
    );
    expect(wrongKind).toBeInstanceOf(UsageError);
    expect(since(from)).toEqual([]);
  });

  it('submitVideo, or a client that cannot upload, never sends a local path', async () => {
    const client = createClient({ apiKey: sandbox.apiKey, baseUrl: sandbox.url, maxRetries: 1 });
    const body = videoRequest({ look: 'lk_alex_office', audio: './voice.mp3' });
    const from = sandbox.received.length;
    const bare = { getLook: client.getLook, getVoice: client.getVoice, createVideo: client.createVideo };
    await expect(createVideo(bare, body, { cwd: dir })).rejects.toThrow(/cannot upload them/);
    await expect(submitVideo(client, { ok: true, problems: [], notes: [], body })).rejects.toThrow(
      /--audio \.\/voice\.mp3 is a local file that was not uploaded/,
    );
    expect(since(from).filter((q) => q.method === 'POST')).toEqual([]);
    noLocalPath(from);
  });
});
