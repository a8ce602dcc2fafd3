// Settings: precedence (env > .heygenrc > user > defaults; flags are applied by each command),
// .heygenrc found from the working folder upward, errors that name the file and key, keys
// refused, and the conf-written user file read back as plain JSON.
import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULTS, findProjectFile, loadSettings, userSettingsPath } from '../../src/config/load.js';
import { coerceSetting, isSecretKey, SETTING_EXAMPLES, SETTING_KEYS, settingsSchema } from '../../src/config/schema.js';
import { parseSettingValue, setUserSetting, toSettingKey, unsetUserSetting } from '../../src/config/user-store.js';
import { UsageError } from '../../src/shared/errors.js';
import { ROOT, rejectionOf, tempDir } from '../helpers/harness.js';

function folders(): { env: Record<string, string>; project: string; userFile: string } {
  const root = tempDir('twin-settings-');
  const env = { TWIN_CONFIG_DIR: join(root, 'config') };
  mkdirSync(env.TWIN_CONFIG_DIR);
  const project = join(root, 'project');
  mkdirSync(project);
  return { env, project, userFile: userSettingsPath(env) };
}

const writeJson = (path: string, value: unknown) => writeFileSync(path, JSON.stringify(value));

const loadError = (opts: { cwd: string; env: Record<string, string> }) => rejectionOf(loadSettings(opts), UsageError);

describe('precedence', () => {
  it('env > .heygenrc > user settings > defaults, each value with its source', async () => {
    const { env, project, userFile } = folders();
    writeJson(userFile, { look: 'lk_user', voice: 'v_user', engine: 'avatar_iv', resolution: '720p' });
    writeJson(join(project, '.heygenrc'), { look: 'lk_project', engine: 'avatar_v' });
    const settings = await loadSettings({ cwd: project, env: { ...env, TWIN_ENGINE: 'avatar_iv', TWIN_VOICE_SPEED: '1.2' } });
    expect(settings.values).toMatchObject({
      look: 'lk_project',
      voice: 'v_user',
      engine: 'avatar_iv',
      resolution: '720p',
      'aspect-ratio': DEFAULTS['aspect-ratio'],
      'voice-speed': 1.2,
    });
    expect(settings.sources).toMatchObject({
      look: '.heygenrc',
      voice: 'user',
      engine: 'env',
      resolution: 'user',
      'aspect-ratio': 'default',
      'voice-speed': 'env',
    });
    expect(settings.projectFile).toBe(join(project, '.heygenrc'));
    expect(settings.userFile).toBe(userFile);
  });

  it('with no files at all, only the built-in defaults apply', async () => {
    const { env, project } = folders();
    const settings = await loadSettings({ cwd: project, env });
    expect(settings.values).toEqual(DEFAULTS);
    expect(Object.values(settings.sources).every((s) => s === 'default')).toBe(true);
    expect(settings.projectFile).toBeUndefined();
  });
});

describe('.heygenrc lookup', () => {
  it('is found from the working folder upward, and the nearest one wins', async () => {
    const { env, project } = folders();
    const deep = join(project, 'a', 'b', 'c');
    mkdirSync(deep, { recursive: true });
    writeJson(join(project, '.heygenrc'), { look: 'lk_top' });
    expect(findProjectFile(deep)).toBe(join(project, '.heygenrc'));
    expect((await loadSettings({ cwd: deep, env })).values.look).toBe('lk_top');
    writeJson(join(project, 'a', '.heygenrc'), { look: 'lk_near' });
    expect(findProjectFile(deep)).toBe(join(project, 'a', '.heygenrc'));
    expect((await loadSettings({ cwd: deep, env })).values.look).toBe('lk_near');
  });

  it('a folder named .heygenrc is not a settings file', () => {
    const { project } = folders();
    mkdirSync(join(project, '.heygenrc'));
    const inner = join(project, 'x');
    mkdirSync(inner);
    expect(findProjectFile(inner)).not.toBe(join(project, '.heygenrc'));
  });
});

describe('errors name the file and the key', () => {
  it.each([
    ['a bad enum value', { resolution: '8k' }, 'resolution', /"resolution": must be one of 4k, 1080p, 720p/],
    ['an out-of-range number', { 'voice-speed': 3 }, 'voice-speed', /"voice-speed": must be a number from 0.5 to 1.5/],
    ['a string where a number belongs', { concurrency: 'ten' }, 'concurrency', /concurrency/],
    ['an unknown key', { looks: 'lk_1' }, 'looks', /unknown key "looks" \(did you mean "look"\?\)/],
    ['a snake_case key', { aspect_ratio: '9:16' }, 'aspect_ratio', /unknown key "aspect_ratio" \(did you mean "aspect-ratio"\?\)/],
    ['a bad URL', { 'callback-url': 'not a url' }, 'callback-url', /callback-url/],
  ])('.heygenrc with %s', async (_name, content, key, message) => {
    const { env, project } = folders();
    const file = join(project, '.heygenrc');
    writeJson(file, content);
    const error = await loadError({ cwd: project, env });
    expect(error.message).toContain(file);
    expect(error.message).toMatch(message);
    expect(error.details).toMatchObject({ file, key });
    expect(error.exitCode).toBe(2);
  });

  it.each([
    ['not JSON', '{ "look": '],
    ['an array', '["lk_1"]'],
    ['a string', '"lk_1"'],
  ])('.heygenrc that is %s', async (_name, text) => {
    const { env, project } = folders();
    const file = join(project, '.heygenrc');
    writeFileSync(file, text);
    const error = await loadError({ cwd: project, env });
    expect(error.message).toContain(file);
    expect(error.details).toMatchObject({ file });
    expect(error.suggestion).toContain('.heygenrc.example');
  });

  it('a broken user settings file is named, with advice to fix or delete it', async () => {
    const { env, project, userFile } = folders();
    writeFileSync(userFile, '{ nope');
    const error = await loadError({ cwd: project, env });
    expect(error.message).toContain(userFile);
    expect(error.message).toContain('user settings');
    expect(error.suggestion).toContain('twin config set');
  });

  it.each([
    ['TWIN_RESOLUTION', '8k'],
    ['TWIN_VOICE_SPEED', 'fast'],
    ['TWIN_CAPTIONS', 'maybe'],
    ['TWIN_CONCURRENCY', '0'],
  ])('environment variable %s=%s is named', async (name, value) => {
    const { env, project } = folders();
    const error = await loadError({ cwd: project, env: { ...env, [name]: value } });
    expect(error.message).toContain(name);
    expect(error.details).toMatchObject({ env: name });
  });

  it('an empty environment variable counts as unset', async () => {
    const { env, project } = folders();
    const settings = await loadSettings({ cwd: project, env: { ...env, TWIN_RESOLUTION: '' } });
    expect(settings.sources.resolution).toBe('default');
  });
});

describe('API keys never live in settings files', () => {
  it.each(['api_key', 'api-key', 'apiKey', 'API_KEY', 'HEYGEN_API_KEY', 'heygenApiKey', 'x-api-key', 'key', 'token'])(
    '"%s" in .heygenrc is refused with advice',
    async (name) => {
      const { env, project } = folders();
      const file = join(project, '.heygenrc');
      writeJson(file, { look: 'lk_1', [name]: 'sk_live_secret_value' });
      const error = await loadError({ cwd: project, env });
      expect(error.message).toContain(file);
      expect(error.message).toContain(name);
      expect(error.message).not.toContain('sk_live_secret_value');
      expect(error.suggestion).toMatch(/twin auth login|HEYGEN_API_KEY/);
      expect(error.details).toMatchObject({ file, key: name });
    },
  );

  it('comment keys ("//...") may mention keys; .heygenrc.example itself loads cleanly', async () => {
    const { env, project } = folders();
    const example = await readFile(join(ROOT, '.heygenrc.example'), 'utf8');
    writeFileSync(join(project, '.heygenrc'), example);
    const settings = await loadSettings({ cwd: project, env });
    expect(settings.values).toMatchObject({ look: 'lk_your_look_id', engine: 'avatar_iv', 'voice-speed': 1 });
    expect(settings.sources.look).toBe('.heygenrc');
    writeJson(join(project, '.heygenrc'), { '//api-key': 'use twin auth login', look: 'lk_1' });
    expect((await loadSettings({ cwd: project, env })).values.look).toBe('lk_1');
  });

  it('no real setting looks like a secret', () => {
    expect(SETTING_KEYS.filter(isSecretKey)).toEqual([]);
  });
});

describe('values typed on a command line', () => {
  it('the key list (printed in "Valid keys: ...") is every key of the schema, in its order', () => {
    expect(SETTING_KEYS).toEqual(Object.keys(settingsSchema().shape));
  });

  it.each([
    ['voice-speed', '1.25', 1.25],
    ['voice-pitch', '-10', -10],
    ['concurrency', ' 4 ', 4],
    ['captions', 'yes', true],
    ['captions', 'OFF', false],
    ['remove-background', '1', true],
    ['aspect-ratio', '9:16', '9:16'],
    ['look', ' lk_1 ', 'lk_1'],
  ] as const)('%s "%s" → %j', (key, text, value) => {
    expect(parseSettingValue(key, text)).toBe(value);
  });

  it.each([
    ['voice-speed', 'fast'],
    ['voice-speed', '2'],
    ['voice-pitch', ''],
    ['captions', 'maybe'],
    ['concurrency', '1.5'],
    ['engine', 'avatar_vi'],
    ['voice-volume', '1.1'],
    ['timeout', 'soon'],
    ['timeout', '0'],
    ['interval', '200h'],
  ] as const)('%s "%s" is refused naming the key', (key, text) => {
    expect(() => parseSettingValue(key, text)).toThrow(UsageError);
    expect(() => parseSettingValue(key, text)).toThrow(key);
  });

  it('every example offered after a refused value is itself accepted', () => {
    for (const key of SETTING_KEYS) {
      const typed = SETTING_EXAMPLES[key].replace(/^'(.*)'$/, '$1'); // as the shell hands it over
      expect(() => parseSettingValue(key, typed), key).not.toThrow();
    }
    expect(() => parseSettingValue('engine', 'avatar_x')).toThrow(
      expect.objectContaining({ suggestion: 'For example: twin config set engine avatar_v' }),
    );
  });

  it('says which values a key takes, in words', () => {
    expect(() => parseSettingValue('engine', 'avatar_x')).toThrow(
      'Invalid value for engine: "avatar_x" must be one of avatar_iv, avatar_v, avatar_iii.',
    );
    expect(() => parseSettingValue('captions', 'maybe')).toThrow(/must be true or false/);
    expect(() => parseSettingValue('concurrency', '1.5')).toThrow(/must be a whole number from 1 to 100/);
    expect(() => parseSettingValue('timeout', 'soon')).toThrow(/must be a duration such as 90s, 30m or 1h/);
  });

  it('booleans and numbers that do not read as such stay text for the schema to reject', () => {
    expect(coerceSetting('captions', 'maybe')).toBe('maybe');
    expect(coerceSetting('voice-speed', '')).toBe('');
  });

  it('unknown and secret keys are refused; --flag spelling is accepted', () => {
    expect(toSettingKey('--aspect-ratio')).toBe('aspect-ratio');
    expect(() => toSettingKey('aspect_ratio')).toThrow(/Unknown setting "aspect_ratio". Did you mean "aspect-ratio"\?/);
    expect(() => toSettingKey('resolutoin')).toThrow(/Did you mean "resolution"\?/);
    expect(() => toSettingKey('colour')).toThrow(/^Unknown setting "colour".$/);
    expect(() => toSettingKey('api-key')).toThrow(/API keys never go in settings files/);
  });
});

describe('user settings written through conf', () => {
  it('are saved with mode 0600 as plain JSON that load.ts reads back', async () => {
    const { env, project, userFile } = folders();
    const change = await setUserSetting(env, 'voice-speed', 1.1);
    expect(change).toEqual({ file: userFile, previous: undefined });
    await setUserSetting(env, 'look', 'lk_9');
    expect((await stat(userFile)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(userFile, 'utf8'))).toEqual({ 'voice-speed': 1.1, look: 'lk_9' });
    const settings = await loadSettings({ cwd: project, env });
    expect(settings.values).toMatchObject({ 'voice-speed': 1.1, look: 'lk_9' });
    expect(settings.sources).toMatchObject({ 'voice-speed': 'user', look: 'user' });

    expect(await unsetUserSetting(env, 'look')).toEqual({ file: userFile, previous: 'lk_9' });
    expect(await unsetUserSetting(env, 'look')).toEqual({ file: userFile, previous: undefined });
    expect(JSON.parse(await readFile(userFile, 'utf8'))).toEqual({ 'voice-speed': 1.1 });
  });

  it('a broken file is reported, never overwritten or cleared', async () => {
    const { env, userFile } = folders();
    await writeFile(userFile, '{ "look": "lk_1", }');
    await expect(setUserSetting(env, 'voice', 'v_1')).rejects.toThrow(userFile);
    expect(await readFile(userFile, 'utf8')).toBe('{ "look": "lk_1", }');
  });

  it('conf bookkeeping ("__internal__") is not mistaken for a setting', async () => {
    const { env, project, userFile } = folders();
    writeJson(userFile, { look: 'lk_1', __internal__: { migrations: { version: '0.1.0' } } });
    expect((await loadSettings({ cwd: project, env })).values.look).toBe('lk_1');
  });
});
