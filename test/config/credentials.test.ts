// The saved keys, read and written directly (issue 27: the mutants of config/credentials.ts that
// the command tests did not see): what the file must look like to hold a key, the move of an old
// single-key file, which host a key is for, and the file's exact shape and modes.
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { credentialsPath, privateConfigDir, removeApiKey, resolveApiKey, savedHosts, storeApiKey } from '../../src/config/credentials.js';
import { tempDir } from '../helpers/harness.js';

const DEFAULT = 'https://api.heygen.com';
const OTHER = 'https://proxy.example';

function account(content?: unknown) {
  const dir = join(tempDir(), 'heygen-twin');
  const env = { TWIN_CONFIG_DIR: dir };
  const file = join(dir, 'credentials.json');
  if (content !== undefined) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  }
  return { dir, env, file };
}

const onDisk = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

describe('resolveApiKey', () => {
  it('HEYGEN_API_KEY (trimmed) wins over a saved key, and says where it came from', async () => {
    const { env } = account({ version: 2, hosts: { [DEFAULT]: { api_key: 'saved' } } });
    expect(await resolveApiKey({ ...env, HEYGEN_API_KEY: '  from-env \n' }, DEFAULT)).toEqual({
      key: 'from-env',
      source: 'env',
      where: 'HEYGEN_API_KEY environment variable',
      base: DEFAULT,
    });
  });

  it('a blank HEYGEN_API_KEY is no key: the saved one for exactly that base is used', async () => {
    const { env, file } = account({ version: 2, hosts: { [DEFAULT]: { api_key: 'saved' }, [OTHER]: { api_key: 'other' } } });
    expect(await resolveApiKey({ ...env, HEYGEN_API_KEY: '   ' }, DEFAULT)).toEqual({
      key: 'saved',
      source: 'stored',
      where: file,
      base: DEFAULT,
    });
    expect((await resolveApiKey(env, OTHER))?.key).toBe('other');
    expect(await resolveApiKey(env, `${DEFAULT}/`)).toBeUndefined();
  });

  it('no file, a file that is not JSON, or JSON that is no object: not logged in', async () => {
    for (const content of [undefined, '{not json', 'null', '42', '"key"', 'true']) {
      const { env } = account(content);
      expect(await resolveApiKey(env, DEFAULT), String(content)).toBeUndefined();
      expect(savedHosts(env)).toEqual([]);
    }
  });

  it('keeps only hosts whose key is a non-blank string, trimmed', async () => {
    const { env } = account({
      version: 2,
      hosts: {
        [DEFAULT]: { api_key: '  padded\t' },
        'https://a.example': { api_key: '   ' },
        'https://b.example': { api_key: 7 },
        'https://c.example': null,
        'https://d.example': 'bare-string',
        'https://e.example': {},
      },
    });
    expect((await resolveApiKey(env, DEFAULT))?.key).toBe('padded');
    expect(savedHosts(env)).toEqual([DEFAULT]);
  });
});

describe('an old single-key file', () => {
  it('is moved to the default host once, with the notice, in the new format (0600)', async () => {
    const { env, file } = account({ api_key: ' old-key ' });
    const notices: string[] = [];
    expect((await resolveApiKey(env, DEFAULT, (line) => notices.push(line)))?.key).toBe('old-key');
    expect(notices).toEqual([
      'Moved your saved API key to https://api.heygen.com: keys are now saved per API host (twin auth status lists them).',
    ]);
    expect(readFileSync(file, 'utf8')).toBe(`${JSON.stringify({ version: 2, hosts: { [DEFAULT]: { api_key: 'old-key' } } }, null, 2)}\n`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // Moved: the next read has nothing to say.
    expect((await resolveApiKey(env, DEFAULT, (line) => notices.push(line)))?.key).toBe('old-key');
    expect(notices).toHaveLength(1);
  });

  it('a blank old key, or one that is not a string, is no key and is left alone', async () => {
    for (const old of [{ api_key: '  ' }, { api_key: 5 }, { hosts: 'x', api_key: '' }]) {
      const { env, file } = account(old);
      const notices: string[] = [];
      expect(await resolveApiKey(env, DEFAULT, (line) => notices.push(line))).toBeUndefined();
      expect(notices).toEqual([]);
      expect(onDisk(file)).toEqual(old);
    }
  });

  it('a `hosts` that is not an object does not hide the old key', async () => {
    const { env } = account({ hosts: 'nonsense', api_key: 'old' });
    expect((await resolveApiKey(env, DEFAULT))?.key).toBe('old');
  });
});

describe('savedHosts', () => {
  it('lists the default host first (wherever it sorts and is stored), the others in order', async () => {
    const others = ['http://127.0.0.1:4010', 'https://aaa.example', 'https://b.example', 'https://z.example'];
    // Hosts before and after the default in plain order, the default stored at each position.
    for (let at = 0; at <= others.length; at++) {
      const stored = [...others].reverse();
      stored.splice(at, 0, DEFAULT);
      const { env } = account({ version: 2, hosts: Object.fromEntries(stored.map((host) => [host, { api_key: 'k' }])) });
      expect(savedHosts(env), `default stored at ${at}`).toEqual([DEFAULT, ...others]);
    }
    const { env: none } = account({ version: 2, hosts: { 'https://z.example': { api_key: 'z' }, 'https://b.example': { api_key: 'b' } } });
    expect(savedHosts(none)).toEqual(['https://b.example', 'https://z.example']);
  });
});

describe('storeApiKey and removeApiKey', () => {
  it('saves per host in the exact format, keeps the other hosts (and when they were saved), folder 0700, file 0600', async () => {
    const { env, dir, file } = account({ version: 2, hosts: { [OTHER]: { api_key: 'other', saved_at: '2020-01-01T00:00:00.000Z' } } });
    chmodSync(dir, 0o755);
    const before = Date.now();
    const warnings: string[] = [];
    expect(await storeApiKey(env, 'new-key', DEFAULT, { warn: (line) => warnings.push(line) })).toBe(file);
    expect(file).toBe(credentialsPath(env));
    expect(warnings).toEqual([]);
    const text = readFileSync(file, 'utf8');
    const saved = JSON.parse(text);
    expect(text).toBe(`${JSON.stringify(saved, null, 2)}\n`);
    expect(saved.version).toBe(2);
    expect(saved.hosts[OTHER]).toEqual({ api_key: 'other', saved_at: '2020-01-01T00:00:00.000Z' });
    expect(saved.hosts[DEFAULT].api_key).toBe('new-key');
    const at = Date.parse(saved.hosts[DEFAULT].saved_at);
    expect(saved.hosts[DEFAULT].saved_at).toBe(new Date(at).toISOString());
    expect(at).toBeGreaterThanOrEqual(before - 1000);
    expect(at).toBeLessThanOrEqual(Date.now() + 1000);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    expect(await removeApiKey(env, 'https://nowhere.example')).toBe(false);
    expect(await removeApiKey(env, DEFAULT)).toBe(true);
    expect(onDisk(file)).toEqual({ version: 2, hosts: { [OTHER]: { api_key: 'other', saved_at: '2020-01-01T00:00:00.000Z' } } });
    expect(await removeApiKey(env, DEFAULT)).toBe(false);
  });

  it('a config folder that cannot be made private: the warning is passed on', async () => {
    // /proc/self exists (mkdir -p is content) but refuses chmod, even to root.
    const warnings: string[] = [];
    await expect(storeApiKey({ TWIN_CONFIG_DIR: '/proc/self' }, 'k', DEFAULT, { warn: (line) => warnings.push(line) })).rejects.toThrow();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('/proc/self');
    expect(privateConfigDir({ TWIN_CONFIG_DIR: '/proc/self' })).toBe(warnings[0]);
  });
});
