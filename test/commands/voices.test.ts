// twin voices list / get against the sandbox: language names and codes, server-side and
// client-side filters, output modes, exit codes.
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { optionsSchema } from '../../src/commands/voices/list.js';
import { languageName } from '../../src/commands/voices/language.js';
import { parseOptions } from '../../src/commands/options.js';
import { runTwin } from '../helpers/harness.js';
import { parseArgv } from './argv.helpers.js';

const sandbox = useSandbox({ renderMs: 30 }, { resetEach: true });

const voiceQueries = () => sandbox.received.filter((r) => r.path === '/v3/voices').map((r) => r.query);
const listJson = async (argv: string[]) => {
  const { code, stdout } = await runTwin(['voices', 'list', ...argv, '--json'], { sandbox });
  expect(code).toBe(0);
  return JSON.parse(stdout) as { voices: Array<{ voice_id: string; name: string; language: string }>; has_more: boolean };
};

describe('argv → options', () => {
  it.each<[string[], Record<string, unknown>]>([
    [[], { all: false }],
    [['--language', 'en', '--gender', 'female', '--type', 'private'], { language: 'en', gender: 'female', type: 'private' }],
    [['--search', 'ava', '--limit', '3'], { search: 'ava', limit: 3, all: false }],
    [['--all', '--token', 'tok'], { all: true, token: 'tok' }],
  ])('voices list %j', async (argv, expected) => {
    const { opts } = await parseArgv(['voices', 'list', ...argv]);
    expect(parseOptions(optionsSchema, opts)).toMatchObject(expected);
  });
});

describe('languageName', () => {
  it.each([
    ['en', 'English'],
    ['ES', 'Spanish'],
    ['pt-BR', 'Portuguese'],
    ['zh_CN', 'Chinese'],
    ['fil', 'Filipino'],
    ['japanese', 'Japanese'],
    ['English', 'English'],
    ['brazilian portuguese', 'Brazilian Portuguese'],
  ])('%s → %s', (given, name) => expect(languageName(given)).toBe(name));

  it('refuses a code nobody knows, naming the flag', () => {
    expect(() => languageName('qq')).toThrow(/--language: "qq"/);
  });
});

describe('twin voices list', () => {
  it('sends the language name the API wants for a code', async () => {
    const { voices } = await listJson(['--language', 'ja']);
    expect(voiceQueries().at(-1)).toMatchObject({ language: 'Japanese' });
    expect(voices.length).toBeGreaterThan(0);
    expect(voices.every((v) => v.language === 'Japanese')).toBe(true);
  });

  it('passes gender and type to the server', async () => {
    const { voices } = await listJson(['--gender', 'female', '--type', 'private']);
    expect(voiceQueries().at(-1)).toMatchObject({ gender: 'female', type: 'private' });
    expect(voices.map((v) => v.voice_id)).toEqual(['v_clone_maya', 'v_clone_jordan']);
  });

  it('--search filters names across pages until the limit', async () => {
    const { voices, has_more } = await listJson(['--search', 'A', '--limit', '30']);
    expect(voices).toHaveLength(30);
    expect(voices.every((v) => v.name.toLowerCase().includes('a'))).toBe(true);
    expect(has_more).toBe(true);
    expect(voiceQueries().at(-1)).not.toHaveProperty('search');
  });

  it('--search --all reads every page', async () => {
    const { voices, has_more } = await listJson(['--search', 'ol', '--all']);
    expect(voices.map((v) => v.name).sort()).toEqual(['Oliver', 'Olivia']);
    expect(has_more).toBe(false);
  });

  it('a pipe gets id, name, language, gender, preview; a terminal gets a header', async () => {
    const piped = await runTwin(['voices', 'list', '--limit', '7'], { sandbox });
    const rows = piped.stdout
      .trim()
      .split('\n')
      .map((l) => l.split('\t'));
    expect(rows).toHaveLength(7);
    expect(rows[0]!.slice(0, 4)).toEqual(['v_en_f_01', 'Ava', 'English', 'female']);
    expect(rows[0]![4]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/.*\.mp3$/);
    expect(rows[6]![4]).toBe('-'); // the sandbox's voice without a preview
    const tty = await runTwin(['voices', 'list', '--limit', '1'], { sandbox, tty: true, env: { NO_COLOR: '1' } });
    expect(tty.stdout.split('\n')[0]).toMatch(/^ID\s+NAME\s+LANGUAGE\s+GENDER\s+PREVIEW$/);
  });

  it('nothing found names the filters on stderr; stdout stays empty', async () => {
    const { code, stdout, stderr } = await runTwin(['voices', 'list', '--language', 'en', '--search', 'zzz'], { sandbox });
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toBe('No voices match (language English, "zzz" in the name).\nNone of your own (private) voices match either.\n');
  });

  it('--quiet prints ids', async () => {
    const { stdout } = await runTwin(['voices', 'list', '--language', 'de', '--gender', 'male', '--quiet'], { sandbox });
    expect(stdout).toBe('v_de_m_01\nv_de_m_02\nv_de_m_03\n');
  });
});

describe('twin voices get', () => {
  it('shows the voice; --json as the API sent it', async () => {
    const human = await runTwin(['voices', 'get', 'v_clone_jordan'], { sandbox, env: { NO_COLOR: '1' } });
    expect(human.stdout).toMatch(/^status\s+processing$/m);
    // A public voice has no clone status: the fields are left out rather than shown as "-".
    const stock = await runTwin(['voices', 'get', 'v_en_f_01'], { sandbox, env: { NO_COLOR: '1' } });
    expect(stock.stdout).toMatch(/^pauses \(SSML\)\s+yes$/m);
    expect(stock.stdout).not.toMatch(/^(status|failure)\s/m);
    const json = JSON.parse((await runTwin(['voices', 'get', 'v_en_f_01', '--json'], { sandbox })).stdout);
    expect(json).toMatchObject({ voice_id: 'v_en_f_01', name: 'Ava', support_pause: true });
  });

  it('exit 1 for an unknown voice, 3 without a key', async () => {
    const missing = await runTwin(['voices', 'get', 'v_nope'], { sandbox });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/voice_not_found/);
    expect((await runTwin(['voices', 'list'], { env: {} })).code).toBe(3);
  });

  it('exit 1 when the API keeps answering 503', async () => {
    sandbox.inject({ kind: '503', route: 'GET /v3/voices', times: 2 });
    const { code } = await runTwin(['voices', 'list'], { sandbox, clientOptions: { maxRetries: 1 } });
    expect(code).toBe(1);
  });
});

describe('your own voices are never out of sight (issue 23, 8)', () => {
  it('a public listing says how to see your cloned voices', async () => {
    const r = await runTwin(['voices', 'list', '--language', 'en'], { sandbox });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('your own (cloned) voices: twin voices list --type private --language en');
  });

  it('a search with no public match says whether one of your own voices matches, and how to list it', async () => {
    const r = await runTwin(['voices', 'list', '--search', 'my voice'], { sandbox });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /No public voice matches, but 2 of your own \(private\) voices do: twin voices list --type private --search 'my voice'/,
    );
    const mine = await runTwin(['voices', 'list', '--type', 'private', '--search', 'my voice', '--json'], { sandbox });
    expect(JSON.parse(mine.stdout).voices.map((v: { voice_id: string }) => v.voice_id)).toEqual(['v_clone_alex', 'v_clone_maya']);
    const none = await runTwin(['voices', 'list', '--search', 'nobody has this'], { sandbox });
    expect(none.stderr).toContain('None of your own (private) voices match either.');
  });

  it('--json and --type private print nothing more', async () => {
    const json = await runTwin(['voices', 'list', '--json'], { sandbox });
    expect(json.stderr).not.toContain('--type private');
    const mine = await runTwin(['voices', 'list', '--type', 'private'], { sandbox });
    expect(mine.stderr).not.toContain('--type private');
  });
});
