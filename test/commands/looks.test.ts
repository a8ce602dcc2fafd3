// twin looks list / get against the sandbox: argv → options, terminal and pipe output,
// --json / --quiet shapes, client-side --engine filter, paging, exit codes.
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { createClient } from '../../src/api/index.js';
import type { ListLooksParams } from '../../src/api/client.js';
import type { Look } from '../../src/api/schemas.js';
import { collectPages } from '../../src/commands/listing.js';
import { optionsSchema } from '../../src/commands/looks/list.js';
import { parseOptions } from '../../src/commands/options.js';
import { runTwin } from '../helpers/harness.js';
import { parseArgv } from './argv.helpers.js';

const sandbox = useSandbox({ renderMs: 30 }, { resetEach: true });

const lastQuery = () => sandbox.received.filter((r) => r.path === '/v3/avatars/looks').at(-1)!.query;

describe('argv → options', () => {
  it.each<[string[], Record<string, unknown>]>([
    [[], { type: 'digital_twin', ownership: 'private', all: false }],
    [['--type', 'all', '--ownership', 'all'], { type: 'all', ownership: 'all' }],
    [['--engine', 'avatar_v', '--limit', '5'], { engine: 'avatar_v', limit: 5, all: false }],
    [['--all', '--token', 'abc'], { all: true, token: 'abc' }],
    [['--type', 'video_avatar'], { type: 'video_avatar' }],
  ])('looks list %j', async (argv, expected) => {
    const { opts } = await parseArgv(['looks', 'list', ...argv]);
    expect(parseOptions(optionsSchema, opts)).toMatchObject(expected);
  });

  it('looks get takes the id as its argument', async () => {
    expect((await parseArgv(['looks', 'get', 'lk_1'])).args).toEqual(['lk_1']);
  });
});

describe('twin looks list', () => {
  it('asks for your private Digital Twins by default; a pipe gets tab-separated rows', async () => {
    const { code, stdout, stderr } = await runTwin(['looks', 'list'], { sandbox });
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(lastQuery()).toMatchObject({ avatar_type: 'digital_twin', ownership: 'private' });
    const rows = stdout
      .trim()
      .split('\n')
      .map((l) => l.split('\t'));
    expect(rows[0]).toEqual([
      'lk_alex_office',
      'Alex – office',
      'digital_twin',
      'avatar_iv,avatar_v',
      'landscape',
      'v_en_m_01',
      'completed',
    ]);
    expect(rows.every((r) => r.length === 7 && r[2] === 'digital_twin')).toBe(true);
  });

  it('a terminal gets a table with a header', async () => {
    const { stdout } = await runTwin(['looks', 'list'], { sandbox, tty: true, env: { NO_COLOR: '1' } });
    expect(stdout.split('\n')[0]).toMatch(/^ID\s+NAME\s+TYPE\s+ENGINES\s+ORIENTATION\s+DEFAULT VOICE\s+STATUS$/);
    expect(stdout).toMatch(/lk_sam_desk\s+Sam – desk\s+digital_twin\s+IV\s+landscape\s+-\s+completed/);
  });

  it('--json: {looks, has_more, next_token} with the API fields; --quiet: ids', async () => {
    const json = JSON.parse((await runTwin(['looks', 'list', '--json'], { sandbox })).stdout);
    expect(Object.keys(json)).toEqual(['looks', 'has_more', 'next_token']);
    expect(json).toMatchObject({ has_more: false, next_token: null });
    expect(json.looks[0]).toMatchObject({
      id: 'lk_alex_office',
      supported_api_engines: ['avatar_iv', 'avatar_v'],
      default_voice_id: 'v_en_m_01',
    });
    const quiet = (await runTwin(['looks', 'list', '--quiet'], { sandbox })).stdout.trim().split('\n');
    expect(quiet).toEqual(json.looks.map((l: { id: string }) => l.id));
  });

  it('--ownership goes to the API (all = no filter)', async () => {
    await runTwin(['looks', 'list', '--ownership', 'public', '--type', 'studio_avatar'], { sandbox });
    expect(lastQuery()).toMatchObject({ ownership: 'public', avatar_type: 'studio_avatar' });
    await runTwin(['looks', 'list', '--ownership', 'all'], { sandbox });
    expect(lastQuery().ownership).toBeUndefined();
  });

  it('--token continues a --json listing where it stopped; a token twin never printed is exit 2', async () => {
    const argv = ['looks', 'list', '--type', 'all', '--ownership', 'all', '--engine', 'avatar_iv', '--json'];
    const whole = JSON.parse((await runTwin([...argv, '--all'], { sandbox })).stdout).looks.map((l: { id: string }) => l.id);
    const first = JSON.parse((await runTwin([...argv, '--limit', '4'], { sandbox })).stdout);
    expect(first.has_more).toBe(true);
    const rest = JSON.parse((await runTwin([...argv, '--token', first.next_token, '--all'], { sandbox })).stdout);
    expect([...first.looks, ...rest.looks].map((l: { id: string }) => l.id)).toEqual(whole);
    expect(rest).toMatchObject({ has_more: false, next_token: null });

    for (const token of ['twin1.garbage', 'not-a-cursor']) {
      const bad = await runTwin(['looks', 'list', '--token', token], { sandbox });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/--token: cannot continue from this token/);
    }
  });

  it('--all with --limit is exit 2 before any request', async () => {
    const { code, stderr } = await runTwin(['looks', 'list', '--all', '--limit', '5'], { sandbox });
    expect(code).toBe(2);
    expect(stderr).toMatch(/--limit: cannot be combined with --all/);
    expect(sandbox.counters.requests['GET /v3/avatars/looks']).toBeUndefined();
  });

  it('colour only on a terminal, and never with NO_COLOR or --no-color', async () => {
    const ESC = String.fromCharCode(27);
    expect((await runTwin(['looks', 'list'], { sandbox, tty: true })).stdout).toContain(`${ESC}[1mID`);
    expect(
      (await runTwin(['looks', 'list', '--limit', '2'], { sandbox })).stdout +
        (await runTwin(['looks', 'list', '--limit', '2'], { sandbox })).stderr,
    ).not.toContain(ESC);
    for (const [flags, env] of [
      [[], { NO_COLOR: '1' }],
      [['--no-color'], {}],
    ] as Array<[string[], Record<string, string>]>) {
      const r = await runTwin(['looks', 'list', '--limit', '2', ...flags], { sandbox, tty: true, env });
      expect(r.stdout + r.stderr).not.toContain(ESC);
    }
  });

  it('--engine keeps only looks that support it', async () => {
    const { looks } = JSON.parse(
      (await runTwin(['looks', 'list', '--type', 'all', '--ownership', 'all', '--engine', 'avatar_v', '--json'], { sandbox })).stdout,
    );
    const ids = looks.map((l: { id: string }) => l.id);
    expect(ids).toContain('lk_studio_chen');
    expect(ids).not.toContain('lk_alex_studio');
    expect(looks.every((l: { supported_api_engines: string[] }) => l.supported_api_engines.includes('avatar_v'))).toBe(true);
    expect(lastQuery().avatar_type).toBeUndefined();
  });

  it('--type video_avatar is read as digital_twin, with a note', async () => {
    const { code, stderr } = await runTwin(['looks', 'list', '--type', 'video_avatar'], { sandbox });
    expect(code).toBe(0);
    expect(stderr).toMatch(/video_avatar is the older name for digital_twin/);
    expect(lastQuery().avatar_type).toBe('digital_twin');
  });

  it('--limit stops early and says there is more', async () => {
    const { stdout, stderr } = await runTwin(['looks', 'list', '--limit', '2'], { sandbox, tty: true });
    expect(stdout.trim().split('\n')).toHaveLength(3); // header + 2
    expect(lastQuery().limit).toBe('2');
    expect(stderr).toMatch(/Showing 2 looks; there may be more.*--all/);
  });

  it('an empty result says what to try', async () => {
    const { stdout, stderr } = await runTwin(
      ['looks', 'list', '--type', 'photo_avatar', '--engine', 'avatar_iii', '--ownership', 'public'],
      { sandbox },
    );
    expect(stdout).toBe('');
    expect(stderr).toMatch(/No looks found/);
  });
});

describe('paging (shared by every list command)', () => {
  it('follows next_token across pages, filters client-side, and stops at the limit', async () => {
    const api = createClient({ baseUrl: sandbox.url, apiKey: sandbox.apiKey });
    const fetchPage = (p: ListLooksParams) => api.listLooks(p);
    const all = await collectPages(fetchPage, {}, { all: true }, { defaultLimit: 20, maxPageSize: 4 });
    expect(all.items).toHaveLength(17);
    expect(all).toMatchObject({ has_more: false, next_token: null });
    const studio = (l: Look) => l.avatar_type === 'studio_avatar';
    const some = await collectPages(fetchPage, {}, { limit: 3 }, { defaultLimit: 20, maxPageSize: 4, filter: studio });
    expect(some.items.map((l) => l.avatar_type)).toEqual(['studio_avatar', 'studio_avatar', 'studio_avatar']);
    expect(some.has_more).toBe(true);
    expect(sandbox.counters.requests['GET /v3/avatars/looks']).toBeGreaterThan(6);
    await api.close();
  });

  it('next_token continues exactly where a listing stopped, inside a page too (a filter filled --limit)', async () => {
    const api = createClient({ baseUrl: sandbox.url, apiKey: sandbox.apiKey });
    const fetchPage = (p: ListLooksParams) => api.listLooks(p);
    const everything = (await collectPages(fetchPage, {}, { all: true }, { defaultLimit: 20, maxPageSize: 50 })).items.map((l) => l.id);
    for (const [spec, expected] of [
      [{ defaultLimit: 20, maxPageSize: 4 }, everything],
      [{ defaultLimit: 20, maxPageSize: 5, filter: (l: Look) => l.id.includes('a') }, everything.filter((id) => id.includes('a'))],
    ] as const) {
      const seen: string[] = [];
      let token: string | undefined;
      for (let i = 0; i < 20; i++) {
        const part = await collectPages(fetchPage, {}, { limit: 3, token }, spec);
        seen.push(...part.items.map((l) => l.id));
        if (!part.has_more) break;
        token = part.next_token!;
      }
      expect(seen).toEqual(expected);
    }
    await api.close();
  });
});

describe('twin looks get', () => {
  it('shows every field to people', async () => {
    const { code, stdout } = await runTwin(['looks', 'get', 'lk_riley_failed'], { sandbox, env: { NO_COLOR: '1' } });
    expect(code).toBe(0);
    for (const field of ['id', 'name', 'type', 'status', 'error', 'group', 'engines', 'orientation', 'default voice', 'tags']) {
      expect(stdout).toMatch(new RegExp(`^${field}\\s`, 'm'));
    }
    expect(stdout).toMatch(/error\s+training_failed: The face could not be tracked/);
  });

  it('--json is the look as the API sent it', async () => {
    const look = JSON.parse((await runTwin(['looks', 'get', 'lk_maya_portrait', '--json'], { sandbox })).stdout);
    const raw = sandbox.received.filter((r) => r.path === '/v3/avatars/looks/lk_maya_portrait');
    expect(raw).toHaveLength(1);
    expect(look).toMatchObject({ id: 'lk_maya_portrait', avatar_type: 'digital_twin', preferred_orientation: 'portrait' });
  });

  it('exit 1 for an unknown look, naming the API error', async () => {
    const { code, stderr } = await runTwin(['looks', 'get', 'lk_nope'], { sandbox });
    expect(code).toBe(1);
    expect(stderr).toMatch(/lk_nope not found/);
    expect(stderr).toMatch(/avatar_not_found/);
  });

  it('exit 3 without a key and with a wrong one', async () => {
    expect((await runTwin(['looks', 'list'], { env: {} })).code).toBe(3);
    expect((await runTwin(['looks', 'get', 'lk_alex_office'], { sandbox: { url: sandbox.url, apiKey: 'wrong' } })).code).toBe(3);
  });

  it('exit 1 when the API keeps answering 500', async () => {
    sandbox.inject({ kind: '500', route: 'GET /v3/avatars/looks', times: 5 });
    const { code, stderr } = await runTwin(['looks', 'list'], { sandbox, clientOptions: { maxRetries: 1 } });
    expect(code).toBe(1);
    expect(stderr).not.toMatch(/^\s+at /m);
  });
});
