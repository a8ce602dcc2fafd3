// twin assets upload/get/list/delete through real HTTP against the sandbox: the exact requests
// (multipart part and bytes, direct-upload size and headers, Idempotency-Key, no key to the upload
// host), the upload cache, bad files refused with nothing sent, and upload faults survived.
import { chmodSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { cannedPrompt } from '../helpers/harness.js';
import { mediaFolder, mediaRunner, sha256, since } from './media.helpers.js';

const sandbox = useSandbox({ renderMs: 50 });
const MB = 1024 * 1024;

describe('twin assets upload', () => {
  it('sends one multipart part named file with the exact bytes and an Idempotency-Key; --json has one object per file', async () => {
    const { dir } = mediaFolder();
    const twin = mediaRunner(sandbox, dir);
    const from = sandbox.received.length;
    const r = await twin(['assets', 'upload', 'office.jpg', 'narration.mp3', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.assets).toHaveLength(2);
    expect(doc.assets[0]).toEqual({
      asset_id: expect.stringMatching(/^asset_/),
      url: expect.stringContaining('/assets/'),
      mime_type: 'image/jpeg',
      size_bytes: statSync(join(dir, 'office.jpg')).size,
      path: 'office.jpg',
      sha256: sha256(join(dir, 'office.jpg')),
      cached: false,
    });
    expect(doc.assets[1]).toMatchObject({ mime_type: 'audio/mpeg', path: 'narration.mp3' });
    const posts = since(sandbox, from).filter((q) => q.method === 'POST' && q.path === '/v3/assets');
    expect(posts).toHaveLength(2);
    expect(posts[0]!.body).toEqual({
      parts: [
        { name: 'file', filename: 'office.jpg', content_type: 'image/jpeg', size: doc.assets[0].size_bytes, sha256: doc.assets[0].sha256 },
      ],
    });
    expect(posts.every((p) => typeof p.headers['idempotency-key'] === 'string')).toBe(true);
  });

  it('--quiet prints the ids only; a plain run prints id and path', async () => {
    const { dir } = mediaFolder();
    const twin = mediaRunner(sandbox, dir);
    const quiet = await twin(['assets', 'upload', 'office.jpg', '--quiet']);
    expect(quiet.stdout.trim()).toMatch(/^asset_[0-9a-f]+$/);
    const plain = await twin(['assets', 'upload', 'narration.mp3']);
    expect(plain.stdout).toMatch(/^asset_[0-9a-f]+\tnarration\.mp3\n$/);
    expect(plain.stderr).toContain('narration.mp3 uploaded');
  });

  it('goes through a direct upload above 32 MB: exact size and type, signed headers verbatim, no API key, then complete', async () => {
    const media = mediaFolder();
    const path = media.big('long.mp3', 33 * MB);
    const twin = mediaRunner(sandbox, media.dir);
    const from = sandbox.received.length;
    const r = await twin(['assets', 'upload', 'long.mp3', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const reqs = since(sandbox, from);
    const announce = reqs.find((q) => q.path === '/v3/assets/direct-uploads')!;
    expect(announce.body).toEqual({ filename: 'long.mp3', content_type: 'audio/mpeg', size_bytes: 33 * MB, checksum_sha256: sha256(path) });
    expect(announce.headers['idempotency-key']).toBeTruthy();
    const put = reqs.find((q) => q.method === 'PUT')!;
    expect(put.headers['x-api-key']).toBeUndefined();
    expect(put.headers['authorization']).toBeUndefined();
    expect(put.headers['content-type']).toBe('audio/mpeg');
    expect(put.headers['x-amz-server-side-encryption']).toBe('AES256');
    expect(put.headers['content-length']).toBe(String(33 * MB));
    expect(put.body).toEqual({ size: 33 * MB, sha256: sha256(path) });
    const complete = reqs.find((q) => q.path.endsWith('/complete'))!;
    expect(complete.headers['idempotency-key']).toBeTruthy();
    expect(reqs.some((q) => q.method === 'POST' && q.path === '/v3/assets')).toBe(false);
    expect(JSON.parse(r.stdout).assets[0]).toMatchObject({ size_bytes: 33 * MB, mime_type: 'audio/mpeg', sha256: sha256(path) });
  });

  it('says "Uploading …" only when bytes go out: not for a file the cache says is already uploaded', async () => {
    const { dir } = mediaFolder();
    const twin = mediaRunner(sandbox, dir);
    const first = await twin(['assets', 'upload', 'narration.mp3']);
    expect(first.stderr).toMatch(/Uploading narration\.mp3 /);
    const again = await twin(['assets', 'upload', 'narration.mp3']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/narration\.mp3 already uploaded: /);
    expect(again.stderr).not.toMatch(/Uploading/);
  });

  it('uploads a file once: the second run sends no upload, a deleted asset is uploaded again, --no-cache always uploads', async () => {
    const { dir } = mediaFolder();
    const twin = mediaRunner(sandbox, dir);
    const first = JSON.parse((await twin(['assets', 'upload', 'office.jpg', '--json'])).stdout).assets[0];
    let from = sandbox.received.length;
    const second = JSON.parse((await twin(['assets', 'upload', 'office.jpg', '--json'])).stdout).assets[0];
    expect(second).toMatchObject({ asset_id: first.asset_id, cached: true });
    expect(since(sandbox, from).filter((q) => q.method !== 'GET')).toEqual([]);

    expect((await twin(['assets', 'delete', first.asset_id, '--yes'])).code).toBe(0);
    from = sandbox.received.length;
    const third = JSON.parse((await twin(['assets', 'upload', 'office.jpg', '--json'])).stdout).assets[0];
    expect(third.asset_id).not.toBe(first.asset_id);
    expect(since(sandbox, from).filter((q) => q.method === 'POST')).toHaveLength(1);

    // Deleted behind the cache's back (another machine, the web app): 404 on the cached id → upload again.
    await fetch(`${sandbox.url}/v3/assets/${third.asset_id}`, { method: 'DELETE', headers: { 'x-api-key': sandbox.apiKey } });
    const fourth = JSON.parse((await twin(['assets', 'upload', 'office.jpg', '--json'])).stdout).assets[0];
    expect(fourth).toMatchObject({ cached: false });
    expect(fourth.asset_id).not.toBe(third.asset_id);

    from = sandbox.received.length;
    const fresh = JSON.parse((await twin(['assets', 'upload', 'office.jpg', '--no-cache', '--json'])).stdout).assets[0];
    expect(fresh.asset_id).not.toBe(fourth.asset_id);
    expect(since(sandbox, from).map((q) => `${q.method} ${q.path}`)).toEqual(['POST /v3/assets']);
  });

  it.each([
    ['missing.png', /missing\.png does not exist/],
    ['folder.png', /folder\.png is a folder/],
    ['notes.txt', /notes\.txt is not a file type HeyGen takes/],
    ['renamed.png', /renamed\.png is named \.png but holds a JPEG image/],
    ['empty.mp3', /empty\.mp3 is empty/],
    ['huge.jpg', /huge\.jpg is 51 MiB; HeyGen takes image files up to 50 MiB/],
  ])('refuses %s with exit 2 before anything is sent (even with a good file first)', async (name, message) => {
    const media = mediaFolder();
    media.big('renamed.png', 2000, Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
    media.big('empty.mp3', 0);
    media.big('huge.jpg', 51 * MB, Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
    const twin = mediaRunner(sandbox, media.dir);
    const from = sandbox.received.length;
    const r = await twin(['assets', 'upload', 'office.jpg', name]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain('<file>');
    expect(since(sandbox, from)).toEqual([]);
  });

  it.skipIf(process.getuid?.() === 0)('refuses an unreadable file with exit 2', async () => {
    const { dir } = mediaFolder();
    chmodSync(join(dir, 'office.jpg'), 0o000);
    const r = await mediaRunner(sandbox, dir)(['assets', 'upload', 'office.jpg']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('permission denied');
  });

  it('survives a dropped PUT, an expired upload URL and a 503 on the multipart POST', async () => {
    const media = mediaFolder();
    media.big('long.mp3', 33 * MB);
    const twin = mediaRunner(sandbox, media.dir);
    sandbox.inject({ kind: 'expire-upload-url' });
    sandbox.inject({ kind: 'drop-upload', at: 5 * MB });
    const from = sandbox.received.length;
    const r = await twin(['assets', 'upload', 'long.mp3', '--json', '--no-cache']);
    expect(r.code, r.stderr).toBe(0);
    const reqs = since(sandbox, from);
    expect(reqs.filter((q) => q.path === '/v3/assets/direct-uploads')).toHaveLength(2);
    expect(reqs.filter((q) => q.method === 'PUT').map((q) => (q.body as { size: number | null }).size)).toEqual([null, 33 * MB]); // the expired PUT is refused before its body is read
    expect(sandbox.pendingFaults()).toEqual([]);

    sandbox.inject({ kind: '503', route: 'POST /v3/assets' });
    const again = await twin(['assets', 'upload', 'office.jpg', '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(sandbox.pendingFaults()).toEqual([]);
  });
});

describe('twin assets get / list / delete', () => {
  it('lists with the username of users/me, pages with --limit and --all, gets one, deletes after asking', async () => {
    const { dir } = mediaFolder();
    const twin = mediaRunner(sandbox, dir);
    const id = (await twin(['assets', 'upload', 'narration.mp3', '--quiet', '--no-cache'])).stdout.trim();
    const from = sandbox.received.length;
    const list = JSON.parse((await twin(['assets', 'list', '--limit', '1', '--json'])).stdout);
    expect(list).toMatchObject({ assets: [{ id }], has_more: true });
    expect(since(sandbox, from).map((q) => q.query['username'])).toEqual([undefined, 'sandbox-user']);
    const all = JSON.parse((await twin(['assets', 'list', '--all', '--json'])).stdout);
    expect(all.assets.length).toBeGreaterThan(1);
    expect(all.has_more).toBe(false);
    const one = JSON.parse((await twin(['assets', 'get', id, '--json'])).stdout);
    expect(one).toMatchObject({ id, type: 'audio', name: 'narration.mp3' });

    const noTty = await twin(['assets', 'delete', id]);
    expect(noTty.code).toBe(2);
    expect(noTty.stderr).toContain('--yes');
    const declined = await twin(['assets', 'delete', id], { tty: true, prompt: cannedPrompt([{ match: /Delete asset/, answer: false }]) });
    expect(declined.code).toBe(0);
    expect((await twin(['assets', 'get', id])).code).toBe(0);
    const yes = await twin(['assets', 'delete', id], { tty: true, prompt: cannedPrompt([{ match: /Delete asset/, answer: true }]) });
    expect(yes.code).toBe(0);
    const gone = await twin(['assets', 'get', id]);
    expect(gone.code).toBe(1);
  });
});
