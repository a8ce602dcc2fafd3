// The upload cache (core/media/upload-cache.ts): one file per API host in the config folder,
// private (0700 folder, 0600 file), sorted, forgiving of a damaged or future file, and never
// read or written through a link.
import { mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheFileName, openUploadCache, type CachedAsset } from '../../src/core/media/upload-cache.js';
import { TwinError } from '../../src/shared/errors.js';
import { tempDir } from '../helpers/harness.js';

const asset = (id: string): CachedAsset => ({
  asset_id: id,
  url: null,
  mime_type: 'audio/mpeg',
  size_bytes: 3,
  uploaded_at: '2026-12-01T00:00:00.000Z',
});

describe('upload cache', () => {
  it('names its file after the API host, lower case, anything else an underscore', () => {
    expect(cacheFileName('https://api.heygen.com')).toBe('api.heygen.com.json');
    expect(cacheFileName('http://127.0.0.1:4010/v3')).toBe('127.0.0.1_4010.json');
    expect(cacheFileName('https://API.Example.COM:8443')).toBe('api.example.com_8443.json');
    expect(cacheFileName('http://[::1]:9/')).toBe('___1__9.json');
  });

  it('keeps entries per host in the config folder, sorted, private, and forgets them by hash or by asset', () => {
    const config = tempDir();
    const cache = openUploadCache({ TWIN_CONFIG_DIR: config }, 'https://api.heygen.com');
    expect(cache.path).toBe(join(config, 'uploads', 'api.heygen.com.json'));
    expect(cache.get('b')).toBeUndefined();
    cache.set('b', asset('asset_1'));
    cache.set('a', asset('asset_2'));
    cache.set('c', asset('asset_1'));
    expect(cache.get('a')).toEqual(asset('asset_2'));
    const text = readFileSync(cache.path, 'utf8');
    expect(text).toBe(
      `${JSON.stringify({ version: 1, assets: { a: asset('asset_2'), b: asset('asset_1'), c: asset('asset_1') } }, null, 2)}\n`,
    );
    expect(statSync(cache.path).mode & 0o777).toBe(0o600);
    expect(statSync(join(config, 'uploads')).mode & 0o777).toBe(0o700);
    // Another host has its own file.
    expect(openUploadCache({ TWIN_CONFIG_DIR: config }, 'http://127.0.0.1:4010').get('a')).toBeUndefined();
    cache.delete('a');
    expect(cache.get('a')).toBeUndefined();
    cache.set('d', asset('asset_3'));
    cache.forgetAsset('asset_1');
    expect(JSON.parse(readFileSync(cache.path, 'utf8'))).toEqual({ version: 1, assets: { d: asset('asset_3') } });
    // Every read closes its file.
    const open = () => readdirSync('/proc/self/fd').length;
    const before = open();
    for (let i = 0; i < 20; i++) cache.get('d');
    expect(open()).toBe(before);
  });

  it('starts afresh from a damaged, future or shapeless file, and writes over it', () => {
    const config = tempDir();
    const cache = openUploadCache({ TWIN_CONFIG_DIR: config }, 'https://api.heygen.com');
    mkdirSync(join(config, 'uploads'));
    for (const text of [
      '{',
      '{"version":2,"assets":{"a":{}}}',
      '{"version":1}',
      '{"version":1,"assets":null}',
      '{"version":1,"assets":"a"}',
    ]) {
      writeFileSync(cache.path, text);
      expect(cache.get('a'), text).toBeUndefined();
      expect(cache.get('version'), text).toBeUndefined();
      expect(cache.get('0'), text).toBeUndefined();
    }
    writeFileSync(cache.path, JSON.stringify({ version: 1, assets: { a: asset('asset_1') } }));
    expect(cache.get('a')).toEqual(asset('asset_1'));
    writeFileSync(cache.path, '{"version":2,"assets":{"a":{}}}');
    cache.set('b', asset('asset_2'));
    expect(JSON.parse(readFileSync(cache.path, 'utf8'))).toEqual({ version: 1, assets: { b: asset('asset_2') } });
  });

  it('refuses a cache file that is a link or a folder, naming it', () => {
    const config = tempDir();
    const cache = openUploadCache({ TWIN_CONFIG_DIR: config }, 'https://api.heygen.com');
    mkdirSync(join(config, 'uploads'));
    writeFileSync(join(config, 'elsewhere.json'), JSON.stringify({ version: 1, assets: { a: asset('asset_1') } }));
    symlinkSync(join(config, 'elsewhere.json'), cache.path);
    expect(() => cache.get('a')).toThrow(TwinError);
    expect(() => cache.get('a')).toThrow(cache.path);
    const other = openUploadCache({ TWIN_CONFIG_DIR: config }, 'https://other.example');
    mkdirSync(other.path);
    let error: unknown;
    try {
      other.get('a');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TwinError);
    expect((error as TwinError).message).toContain(other.path);
    // A file where the uploads folder should be: that error, not an empty cache.
    const third = tempDir();
    writeFileSync(join(third, 'uploads'), 'a file');
    expect(() => openUploadCache({ TWIN_CONFIG_DIR: third }, 'https://api.heygen.com').get('a')).toThrow(TwinError);
  });
});
