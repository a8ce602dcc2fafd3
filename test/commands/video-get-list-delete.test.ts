// twin video get / list / delete against the sandbox: output modes, --title and paging,
// delete's confirmation rules, exit codes.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type HeyGenClient } from '../../src/api/index.js';
import { optionsSchema as listOptions } from '../../src/commands/video/list.js';
import { optionsSchema as deleteOptions } from '../../src/commands/video/delete.js';
import { parseOptions } from '../../src/commands/options.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { cannedPrompt, runTwin } from '../helpers/harness.js';
import { parseArgv } from './argv.helpers.js';

let sandbox: Sandbox;
let api: HeyGenClient;
const ids: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ renderMs: 20 });
  api = createClient({ baseUrl: sandbox.url, apiKey: sandbox.apiKey });
  for (const title of ['Onboarding 1', 'Onboarding 2', 'Pricing', 'Onboarding 3']) {
    ids.push((await api.createVideo({ type: 'avatar', avatar_id: 'lk_alex_office', script: title, title })).video_id);
  }
});
afterAll(async () => {
  await api.close();
  await sandbox.close();
});
beforeEach(() => sandbox.resetCounters());

describe('argv → options', () => {
  it.each<[string[], Record<string, unknown>]>([
    [['list'], { all: false }],
    [['list', '--limit', '2', '--title', 'Onb'], { limit: 2, all: false, title: 'Onb' }],
    [['list', '--all', '--token', 'tok_1'], { all: true, token: 'tok_1' }],
  ])('video %j', async (argv, expected) => {
    expect(parseOptions(listOptions, (await parseArgv(['video', ...argv])).opts)).toMatchObject(expected);
  });

  it.each<[string[], boolean]>([
    [['delete', 'vid_1'], false],
    [['delete', 'vid_1', '--yes'], true],
    [['delete', '-y', 'vid_1'], true],
  ])('video %j → yes=%s', async (argv, yes) => {
    const { args, opts } = await parseArgv(['video', ...argv]);
    expect(args).toEqual(['vid_1']);
    expect(parseOptions(deleteOptions, opts).yes).toBe(yes);
  });
});

describe('twin video get', () => {
  it('shows status and URLs once rendered; --json is the video object', async () => {
    while ((await api.getVideo(ids[0]!)).status !== 'completed') await new Promise((r) => setTimeout(r, 10));
    const human = await runTwin(['video', 'get', ids[0]!], { sandbox, env: { NO_COLOR: '1' } });
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(new RegExp(`^id\\s+${ids[0]}$`, 'm'));
    expect(human.stdout).toMatch(/^title\s+Onboarding 1$/m);
    expect(human.stdout).toMatch(/^status\s+completed$/m);
    expect(human.stdout).toMatch(/^video url\s+http/m);
    expect(human.stdout).not.toMatch(/^failure/m);
    const json = JSON.parse((await runTwin(['video', 'get', ids[0]!, '--json'], { sandbox })).stdout);
    expect(json).toMatchObject({ id: ids[0], status: 'completed', title: 'Onboarding 1' });
    expect((await runTwin(['video', 'get', ids[0]!, '--quiet'], { sandbox })).stdout).toBe(`${ids[0]}\n`);
  });

  it('exit 1 for an unknown video, 3 for a refused key', async () => {
    const missing = await runTwin(['video', 'get', 'vid_nope'], { sandbox });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/video_not_found|not found/);
    expect((await runTwin(['video', 'get', ids[0]!], { sandbox: { url: sandbox.url, apiKey: 'nope' } })).code).toBe(3);
  });
});

describe('twin video list', () => {
  it('lists newest first; a pipe gets id, title, status, created, duration', async () => {
    const { code, stdout } = await runTwin(['video', 'list', '--all'], { sandbox });
    expect(code).toBe(0);
    const rows = stdout
      .trim()
      .split('\n')
      .map((l) => l.split('\t'));
    expect(rows.map((r) => r[0])).toEqual(expect.arrayContaining(ids));
    expect(rows[0]).toHaveLength(5);
    expect(rows.find((r) => r[0] === ids[2])![1]).toBe('Pricing');
  });

  it('--title filters on the server; --json is {videos, has_more, next_token}', async () => {
    const doc = JSON.parse((await runTwin(['video', 'list', '--title', 'Onboarding', '--json'], { sandbox })).stdout);
    expect(Object.keys(doc)).toEqual(['videos', 'has_more', 'next_token']);
    expect(doc.videos.map((v: { title: string }) => v.title).sort()).toEqual(['Onboarding 1', 'Onboarding 2', 'Onboarding 3']);
    expect(sandbox.received.filter((r) => r.path === '/v3/videos').at(-1)!.query.title).toBe('Onboarding');
  });

  it('--limit stops and hints at more; a terminal gets a header', async () => {
    const { stdout, stderr } = await runTwin(['video', 'list', '--limit', '2'], { sandbox, tty: true, env: { NO_COLOR: '1' } });
    expect(stdout.split('\n')[0]).toMatch(/^ID\s+TITLE\s+STATUS\s+CREATED\s+DURATION$/);
    expect(stdout.trim().split('\n')).toHaveLength(3);
    expect(stderr).toMatch(/Showing 2 videos; there may be more/);
  });

  it('--json next_token pages on with --token, one API page per listing', async () => {
    const first = JSON.parse((await runTwin(['video', 'list', '--limit', '2', '--json'], { sandbox })).stdout);
    expect(first).toMatchObject({ has_more: true, next_token: expect.any(String) });
    const second = JSON.parse(
      (await runTwin(['video', 'list', '--limit', '2', '--token', first.next_token, '--json'], { sandbox })).stdout,
    );
    expect(sandbox.received.filter((r) => r.path === '/v3/videos').at(-1)!.query).toEqual({ limit: '2', token: first.next_token });
    const all = JSON.parse((await runTwin(['video', 'list', '--all', '--json'], { sandbox })).stdout);
    expect([...first.videos, ...second.videos].map((v: { id: string }) => v.id)).toEqual(
      all.videos.slice(0, 4).map((v: { id: string }) => v.id),
    );
  });

  it('--quiet ids; nothing found says so on stderr', async () => {
    expect((await runTwin(['video', 'list', '--title', 'Pricing', '--quiet'], { sandbox })).stdout).toBe(`${ids[2]}\n`);
    const none = await runTwin(['video', 'list', '--title', 'zzz'], { sandbox });
    expect(none.stdout).toBe('');
    expect(none.stderr).toMatch(/No videos with "zzz"/);
  });
});

describe('twin video delete', () => {
  const deletes = () => sandbox.counters.requests['DELETE /v3/videos/:id'] ?? 0;

  it('without a terminal it needs --yes (exit 2, nothing deleted)', async () => {
    const { code, stderr } = await runTwin(['video', 'delete', ids[3]!], { sandbox });
    expect(code).toBe(2);
    expect(stderr).toMatch(/--yes/);
    expect(deletes()).toBe(0);
  });

  it('on a terminal it asks; "no" keeps the video', async () => {
    const prompt = cannedPrompt([{ match: /Delete video/, answer: false }]);
    const { code, stdout, stderr } = await runTwin(['video', 'delete', ids[3]!], { sandbox, tty: true, prompt });
    expect(code).toBe(0);
    expect(prompt.asked).toEqual([`Delete video ${ids[3]}? This cannot be undone.`]);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/nothing was deleted/);
    const json = await runTwin(['video', 'delete', ids[3]!, '--json'], {
      sandbox,
      tty: true,
      prompt: cannedPrompt([{ match: /Delete video/, answer: false }]),
    });
    expect(JSON.parse(json.stdout)).toEqual({ id: ids[3], deleted: false });
    expect(deletes()).toBe(0);
  });

  it('on a terminal "yes" deletes', async () => {
    const prompt = cannedPrompt([{ match: /Delete video/, answer: true }]);
    const { code, stdout } = await runTwin(['video', 'delete', ids[3]!], { sandbox, tty: true, prompt, env: { NO_COLOR: '1' } });
    expect(code).toBe(0);
    expect(stdout).toBe(`✔ Deleted video ${ids[3]}\n`);
    expect(deletes()).toBe(1);
    expect((await runTwin(['video', 'get', ids[3]!], { sandbox })).code).toBe(1);
  });

  it('--yes deletes without asking; --json reports it', async () => {
    const { code, stdout } = await runTwin(['video', 'delete', ids[2]!, '--yes', '--json'], { sandbox });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ id: ids[2], deleted: true, already_deleted: false });
  });

  it('exit 1 deleting a video that does not exist', async () => {
    expect((await runTwin(['video', 'delete', 'vid_nope', '--yes'], { sandbox })).code).toBe(1);
  });
});
