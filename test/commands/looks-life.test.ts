// The Digital Twin's life through the CLI against the sandbox: looks create (local footage, URL,
// asset), consent, wait (0/5/4), rename, delete (the last look takes its group), groups list/get,
// looks list --group.
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { cannedPrompt } from '../helpers/harness.js';
import { mediaFolder, mediaRunner, sha256, since } from './media.helpers.js';
import { join } from 'node:path';

const sandbox = useSandbox({ renderMs: 60 });

async function consent(url: string): Promise<void> {
  expect((await fetch(url, { method: 'POST' })).status).toBe(200);
}

describe('twin looks create', () => {
  it('uploads local footage, creates the twin with an Idempotency-Key, prints both ids and the consent page at once', async () => {
    const { dir } = mediaFolder();
    const twin = mediaRunner(sandbox, dir);
    const from = sandbox.received.length;
    const r = await twin(['looks', 'create', '--name', 'Pat', '--footage', 'footage.mp4', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({
      look_id: expect.stringMatching(/^lk_/),
      group_id: expect.stringMatching(/^grp_/),
      status: 'pending_consent',
      consent_url: expect.stringContaining('/consent/'),
    });
    const posts = since(sandbox, from).filter((q) => q.method === 'POST');
    expect(posts.map((q) => q.path)).toEqual(['/v3/assets', '/v3/avatars', `/v3/avatars/${doc.group_id}/consent`]);
    expect((posts[0]!.body as any).parts[0]).toMatchObject({ name: 'file', sha256: sha256(join(dir, 'footage.mp4')) });
    const assetId = (await twin(['assets', 'upload', 'footage.mp4', '--quiet'])).stdout.trim();
    expect(posts[1]!.body).toEqual({ type: 'digital_twin', name: 'Pat', file: { type: 'asset_id', asset_id: assetId } });
    expect(posts.every((q) => typeof q.headers['idempotency-key'] === 'string')).toBe(true);
    expect(r.stderr).toContain(doc.consent_url);

    // The person consents; `looks wait` then sees training through.
    await consent(doc.consent_url);
    const waited = await twin(['looks', 'wait', doc.look_id, '--interval', '10ms', '--json']);
    expect(waited.code, waited.stderr).toBe(0);
    expect(JSON.parse(waited.stdout).looks[0]).toMatchObject({ id: doc.look_id, status: 'completed' });
    // And the new look renders videos.
    const video = await twin(['video', 'create', '--look', doc.look_id, '--audio', 'narration.mp3', '--quiet']);
    expect(video.code, video.stderr).toBe(0);
  });

  it('--wait in a consented group: exit 0 when trained; the human form names the look', async () => {
    const { dir } = mediaFolder();
    const r = await mediaRunner(
      sandbox,
      dir,
    )([
      'looks',
      'create',
      '--name',
      'Alex – park',
      '--footage',
      'https://example.com/park.mp4',
      '--group',
      'grp_alex',
      '--wait',
      '--interval',
      '10ms',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toMatch(/^lk_/);
    expect(r.stderr).toMatch(/Trained: lk_/);
    const body = sandbox.received.filter((q) => q.path === '/v3/avatars').at(-1)!.body;
    expect(body).toEqual({
      type: 'digital_twin',
      name: 'Alex – park',
      file: { type: 'url', url: 'https://example.com/park.mp4' },
      avatar_group_id: 'grp_alex',
    });
  });

  it('--wait exits 5 with the reason when training fails, 4 with the resume command on timeout', async () => {
    const { dir } = mediaFolder();
    const twin = mediaRunner(sandbox, dir);
    sandbox.inject({ kind: 'fail-training', failureMessage: 'No face in view.' });
    const failed = await twin([
      'looks',
      'create',
      '--name',
      'x',
      '--footage',
      'asset:nope',
      '--group',
      'grp_maya',
      '--wait',
      '--interval',
      '10ms',
    ]);
    expect(failed.code).toBe(1); // asset:nope is not an asset: the API refuses it, nothing is created
    expect(failed.stderr).toContain('file.asset_id');
    const assetId = (await twin(['assets', 'upload', 'footage.mp4', '--quiet'])).stdout.trim();
    const bad = await twin([
      'looks',
      'create',
      '--name',
      'x',
      '--footage',
      `asset:${assetId}`,
      '--group',
      'grp_maya',
      '--wait',
      '--interval',
      '10ms',
    ]);
    expect(bad.code).toBe(5);
    expect(bad.stderr).toContain('No face in view.');
    const pending = await twin([
      'looks',
      'create',
      '--name',
      'y',
      '--footage',
      `asset:${assetId}`,
      '--wait',
      '--timeout',
      '50ms',
      '--interval',
      '10ms',
      '--json',
    ]);
    expect(pending.code).toBe(4);
    expect(pending.stderr).toMatch(/twin looks wait lk_/);
    // Said first, not only when the wait gives up: nothing trains before consent.
    const lookId = JSON.parse(pending.stdout.trim().split('\n').at(-1) || '{}').look_id ?? pending.stderr.match(/lk_[A-Za-z0-9_]+/)?.[0];
    const waited = await twin(['looks', 'wait', lookId, '--timeout', '50ms', '--interval', '10ms']);
    expect(waited.code).toBe(4);
    expect(waited.stderr).toMatch(/Training has not started: lk_\S+ waits for consent\..*twin looks consent grp_/s);
  });

  it.each([
    ['office.jpg', /--footage: office\.jpg is a JPEG image; --footage needs mp4 or webm/],
    ['missing.mp4', /--footage: missing\.mp4 does not exist/],
    ['folder.png', /--footage: folder\.png is a folder/],
  ])('--footage %s → exit 2, nothing sent', async (footage, message) => {
    const { dir } = mediaFolder();
    const from = sandbox.received.length;
    const r = await mediaRunner(sandbox, dir)(['looks', 'create', '--name', 'x', '--footage', footage]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(since(sandbox, from)).toEqual([]);
  });
});

describe('consent, rename, delete, groups', () => {
  it('looks consent prints the page; groups list/get show looks, status and consent; looks list --group', async () => {
    const { dir } = mediaFolder();
    const twin = mediaRunner(sandbox, dir);
    const created = JSON.parse(
      (await twin(['looks', 'create', '--name', 'Sam Two', '--footage', 'https://example.com/s.mp4', '--json'])).stdout,
    );
    const url = (await twin(['looks', 'consent', created.group_id, '--quiet'])).stdout.trim();
    expect(url).toContain(`/consent/${created.group_id}`);
    const group = JSON.parse((await twin(['groups', 'get', created.group_id, '--json'])).stdout);
    expect(group).toMatchObject({ id: created.group_id, looks_count: 1, status: 'pending_consent', consent_status: 'pending' });
    const list = JSON.parse((await twin(['groups', 'list', '--all', '--json'])).stdout);
    expect(list.groups.map((g: any) => g.id)).toContain(created.group_id);
    expect(list.groups.every((g: any) => g.consent_status !== null)).toBe(true); // private only by default
    const table = await twin(['groups', 'list', '--ownership', 'public']);
    expect(table.stdout).toMatch(/grp_anna/);
    const looks = JSON.parse((await twin(['looks', 'list', '--group', 'grp_alex', '--json'])).stdout);
    expect(looks.looks.every((l: any) => l.group_id === 'grp_alex')).toBe(true);
    expect(sandbox.received.at(-1)!.query).toMatchObject({ group_id: 'grp_alex' });
  });

  it('rename, then delete asks, and deleting the last look says the group goes too', async () => {
    const { dir } = mediaFolder();
    const twin = mediaRunner(sandbox, dir);
    const created = JSON.parse(
      (await twin(['looks', 'create', '--name', 'Lee', '--footage', 'https://example.com/l.mp4', '--json'])).stdout,
    );
    const renamed = await twin(['looks', 'rename', created.look_id, 'Lee – desk', '--json']);
    expect(JSON.parse(renamed.stdout)).toMatchObject({ id: created.look_id, name: 'Lee – desk' });
    expect(sandbox.received.filter((q) => q.method === 'PATCH').at(-1)!.body).toEqual({ name: 'Lee – desk' });

    const noTty = await twin(['looks', 'delete', created.look_id]);
    expect(noTty.code).toBe(2);
    expect(noTty.stderr).toContain('--yes');
    const prompt = cannedPrompt([{ match: /Delete look/, answer: true }]);
    const yes = await twin(['looks', 'delete', created.look_id], { tty: true, prompt });
    expect(yes.code, yes.stderr).toBe(0);
    expect(prompt.asked.join('\n')).toContain(`last look of group ${created.group_id}`);
    expect((await twin(['groups', 'get', created.group_id])).code).toBe(1);

    const other = await twin(['looks', 'delete', 'lk_alex_studio', '--yes', '--json']);
    expect(JSON.parse(other.stdout)).toMatchObject({ id: 'lk_alex_studio', group_deleted: false });
    const preset = await twin(['looks', 'delete', 'lk_studio_anna', '--yes']);
    expect(preset.code).toBe(3);
  });
});
