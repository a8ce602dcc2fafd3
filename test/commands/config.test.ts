// twin config get / set / unset / list / path, run as a person at a terminal and as a script.
import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETTING_KEYS } from '../../src/config/schema.js';
import { runTwin, tempDir, type RunOptions, type RunResult } from '../helpers/harness.js';

/** One user (config folder) and one project folder, shared by the commands of a test. */
function workspace() {
  const root = tempDir('twin-config-');
  const configDir = join(root, 'config');
  const cwd = join(root, 'project');
  mkdirSync(cwd);
  const userFile = join(configDir, 'config.json');
  const twin = (argv: string[], opts: RunOptions = {}) =>
    runTwin(argv, { cwd, ...opts, env: { TWIN_CONFIG_DIR: configDir, HEYGEN_API_KEY: undefined, ...opts.env } });
  return { root, configDir, cwd, userFile, twin };
}

function expectUsage(result: RunResult, ...mentions: string[]): void {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  for (const text of mentions) expect(result.stderr).toContain(text);
  expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
}

describe('twin config set / get / unset', () => {
  it('stores a value (mode 0600), reads it back with its source, and removes it', async () => {
    const { twin, userFile } = workspace();
    const set = await twin(['config', 'set', 'aspect-ratio', '9:16']);
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('aspect-ratio = 9:16');
    expect((await stat(userFile)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(userFile, 'utf8'))).toEqual({ 'aspect-ratio': '9:16' });

    const get = await twin(['config', 'get', 'aspect-ratio']);
    expect(get).toMatchObject({ code: 0, stdout: '9:16\n' });
    const json = await twin(['config', 'get', 'aspect-ratio', '--json']);
    expect(JSON.parse(json.stdout)).toEqual({ key: 'aspect-ratio', value: '9:16', source: 'user', origin: userFile });

    const unset = await twin(['config', 'unset', 'aspect-ratio', '--json']);
    expect(JSON.parse(unset.stdout)).toEqual({ key: 'aspect-ratio', removed: true, previous: '9:16', file: userFile });
    const back = await twin(['config', 'get', 'aspect-ratio', '--json']);
    expect(JSON.parse(back.stdout)).toMatchObject({ value: 'auto', source: 'default', origin: null });
    const again = await twin(['config', 'unset', 'aspect-ratio']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('was not set');
  });

  it('coerces numbers and booleans, negative numbers included', async () => {
    const { twin, userFile } = workspace();
    for (const [key, value] of [
      ['voice-pitch', '-10'],
      ['voice-speed', '1.1'],
      ['captions', 'true'],
      ['concurrency', '4'],
    ]) {
      expect((await twin(['config', 'set', key!, value!])).code).toBe(0);
    }
    expect(JSON.parse(await readFile(userFile, 'utf8'))).toEqual({
      'voice-pitch': -10,
      'voice-speed': 1.1,
      captions: true,
      concurrency: 4,
    });
    const set = await twin(['config', 'set', 'voice-speed', '0.9', '--json']);
    expect(JSON.parse(set.stdout)).toEqual({ key: 'voice-speed', value: 0.9, previous: 1.1, file: userFile });
  });

  it('an unset key prints nothing on stdout and says so on stderr', async () => {
    const { twin } = workspace();
    const result = await twin(['config', 'get', 'look']);
    expect(result).toMatchObject({ code: 0, stdout: '' });
    expect(result.stderr).toContain('look is not set');
    expect((await twin(['config', 'get', 'look', '-q'])).stdout).toBe('');
    expect(JSON.parse((await twin(['config', 'get', 'look', '--json'])).stdout)).toEqual({
      key: 'look',
      value: null,
      source: null,
      origin: null,
    });
  });

  it.each([
    [
      ['config', 'set', 'resolution', '8k'],
      ['resolution', '8k'],
    ],
    [['config', 'set', 'voice-speed', '2'], ['voice-speed']],
    [
      ['config', 'set', 'voice-speed', 'fast'],
      ['voice-speed', 'fast'],
    ],
    [['config', 'set', 'voice-pitch', '-51'], ['voice-pitch']],
    [['config', 'set', 'captions', 'maybe'], ['captions']],
    [['config', 'set', 'concurrency', '0'], ['concurrency']],
    [['config', 'set', 'engine', 'avatar_vi'], ['engine']],
    [['config', 'set', 'voice-volume', '2'], ['voice-volume']],
    [['config', 'set', 'callback-url', 'not-a-url'], ['callback-url']],
    [
      ['config', 'set', 'colour', 'red'],
      ['Unknown setting "colour"', SETTING_KEYS.join(', ')],
    ],
    [
      ['config', 'get', 'nope'],
      ['Unknown setting "nope"', 'aspect-ratio'],
    ],
    [['config', 'unset', 'nope'], ['Unknown setting "nope"']],
    [
      ['config', 'set', 'api-key', 'sk_secret_1'],
      ['api-key', 'twin auth login'],
    ],
    [
      ['config', 'set', 'HEYGEN_API_KEY', 'sk_secret_1'],
      ['HEYGEN_API_KEY', 'twin auth login'],
    ],
    [['config', 'set', 'look'], ['value']],
    [['config', 'set', 'look', 'a', 'b'], ['too many arguments']],
  ])('%j exits 2 naming the problem and writes nothing', async (argv, mentions) => {
    const { twin, userFile } = workspace();
    const result = await twin(argv);
    expectUsage(result, ...mentions);
    expect(result.stderr).not.toContain('sk_secret_1');
    await expect(stat(userFile)).rejects.toThrow();
  });

  it('errors are one JSON object on stderr with --json', async () => {
    const { twin } = workspace();
    const result = await twin(['config', 'set', 'resolution', '8k', '--json']);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stderr).error).toMatchObject({ code: 'usage_error', exit_code: 2, key: 'resolution' });
  });

  it('says when a .heygenrc or TWIN_* variable still wins in this folder', async () => {
    const { twin, cwd } = workspace();
    writeFileSync(join(cwd, '.heygenrc'), JSON.stringify({ engine: 'avatar_v' }));
    const set = await twin(['config', 'set', 'engine', 'avatar_iv']);
    expect(set.code).toBe(0);
    expect(set.stderr).toContain(`${join(cwd, '.heygenrc')} sets engine too`);
    const env = await twin(['config', 'set', 'resolution', '720p'], { env: { TWIN_RESOLUTION: '4k' } });
    expect(env.stderr).toContain('TWIN_RESOLUTION sets resolution too');
    const plain = await twin(['config', 'set', 'look', 'lk_1']);
    expect(plain.stderr).toBe('');
  });
});

describe('twin config list', () => {
  it('shows every key with its value and source: default, user, .heygenrc, env', async () => {
    const { twin, cwd, userFile } = workspace();
    await twin(['config', 'set', 'look', 'lk_user']);
    await twin(['config', 'set', 'voice', 'v_user']);
    writeFileSync(join(cwd, '.heygenrc'), JSON.stringify({ voice: 'v_project' }));
    const result = await twin(['config', 'list', '--json'], { env: { TWIN_ENGINE: 'avatar_v' } });
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(doc.files).toEqual({ user: userFile, project: join(cwd, '.heygenrc') });
    expect(doc.settings.map((s: { key: string }) => s.key)).toEqual(SETTING_KEYS);
    const by = Object.fromEntries(doc.settings.map((s: { key: string }) => [s.key, s]));
    expect(by.look).toEqual({ key: 'look', value: 'lk_user', source: 'user', origin: userFile });
    expect(by.voice).toEqual({ key: 'voice', value: 'v_project', source: '.heygenrc', origin: join(cwd, '.heygenrc') });
    expect(by.engine).toEqual({ key: 'engine', value: 'avatar_v', source: 'env', origin: 'TWIN_ENGINE' });
    expect(by.resolution).toEqual({ key: 'resolution', value: '1080p', source: 'default', origin: null });
    expect(by.fit).toEqual({ key: 'fit', value: null, source: null, origin: null });
  });

  it('a table on a terminal, tab-separated lines in a pipe, key=value with --quiet', async () => {
    const { twin } = workspace();
    await twin(['config', 'set', 'look', 'lk_1']);
    const tty = await twin(['config', 'list'], { tty: true, env: { NO_COLOR: '1' } });
    expect(tty.stdout.split('\n')[0]).toMatch(/^KEY\s+VALUE\s+SOURCE\s+FROM$/);
    expect(tty.stdout).toMatch(/\nlook\s+lk_1\s+user\s+\//);
    const pipe = await twin(['config', 'list']);
    expect(pipe.stdout).not.toContain('KEY');
    expect(pipe.stdout.split('\n')).toContain('resolution\t1080p\tdefault\t');
    const quiet = await twin(['config', 'list', '-q']);
    expect(quiet.stdout.split('\n')).toEqual(expect.arrayContaining(['look=lk_1', 'resolution=1080p']));
    expect(quiet.stdout).not.toContain('fit=');
  });

  it('a broken .heygenrc fails with exit 2 naming the file and key', async () => {
    const { twin, cwd } = workspace();
    const deep = join(cwd, 'sub');
    mkdirSync(deep);
    writeFileSync(join(cwd, '.heygenrc'), JSON.stringify({ resolution: '8k' }));
    const result = await twin(['config', 'list'], { cwd: deep });
    expectUsage(result, join(cwd, '.heygenrc'), 'resolution');
  });

  it('a key inside .heygenrc is refused with advice', async () => {
    const { twin, cwd } = workspace();
    writeFileSync(join(cwd, '.heygenrc'), JSON.stringify({ look: 'lk_1', api_key: 'sk_leaked_123' }));
    const result = await twin(['config', 'get', 'look']);
    expectUsage(result, '.heygenrc', 'api_key', 'twin auth login');
    expect(result.stderr).not.toContain('sk_leaked_123');
  });
});

describe('twin config path', () => {
  it('names the user settings, credentials and .heygenrc files', async () => {
    const { twin, cwd, configDir, userFile } = workspace();
    const before = JSON.parse((await twin(['config', 'path', '--json'])).stdout);
    expect(before).toEqual({
      config_dir: configDir,
      user_settings: { path: userFile, exists: false },
      credentials: { path: join(configDir, 'credentials.json'), exists: false },
      project_file: null,
    });
    await twin(['config', 'set', 'look', 'lk_1']);
    writeFileSync(join(cwd, '.heygenrc'), '{}');
    const after = JSON.parse((await twin(['config', 'path', '--json'])).stdout);
    expect(after.user_settings.exists).toBe(true);
    expect(after.project_file).toBe(join(cwd, '.heygenrc'));

    const human = await twin(['config', 'path'], { tty: true, env: { NO_COLOR: '1' } });
    expect(human.stdout).toMatch(/User settings\s+\S+config\.json\n/);
    expect(human.stdout).toMatch(/^Credentials\s+\S+credentials\.json \(no key saved; `twin auth login` saves one\)$/m);
    expect((await twin(['config', 'path', '-q'])).stdout).toBe(`${userFile}\n`);
  });

  it('works in a folder with a broken .heygenrc (it only locates files)', async () => {
    const { twin, cwd } = workspace();
    writeFileSync(join(cwd, '.heygenrc'), '{ broken');
    const result = await twin(['config', 'path', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).project_file).toBe(join(cwd, '.heygenrc'));
  });
});
