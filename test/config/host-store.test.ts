// The per-host stores in the config folder (config/host-store.ts) behind the upload cache and the
// clone cache. Users have these files: a file the earlier code wrote must read the same, and what
// is written keeps the same name and format. Concurrent runs merge; a damaged file or entry is
// passed over, never trusted and never an error.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheFileName, openUploadCache } from '../../src/core/media/upload-cache.js';
import { openCloneCache } from '../../src/core/voice/clone-cache.js';
import { tempDir } from '../helpers/harness.js';

const asset = (id: string) => ({
  asset_id: id,
  url: null,
  mime_type: 'audio/mpeg',
  size_bytes: 3,
  uploaded_at: '2026-01-01T00:00:00.000Z',
});
const clone = (id: string) => ({ voice_clone_id: id, voice_id: null, voice_name: 'Me', requested_at: '2026-01-01T00:00:00.000Z' });

function configWith(folder: string, file: string, text: string): Record<string, string> {
  const dir = tempDir();
  mkdirSync(join(dir, folder));
  writeFileSync(join(dir, folder, file), text);
  return { TWIN_CONFIG_DIR: dir };
}

describe('the per-host stores', () => {
  it('name the file by host, as before', () => {
    expect(cacheFileName('https://api.heygen.com')).toBe('api.heygen.com.json');
    expect(cacheFileName('http://127.0.0.1:4010/v3')).toBe('127.0.0.1_4010.json');
    const env = { TWIN_CONFIG_DIR: '/cfg' };
    expect(openUploadCache(env, 'https://API.heygen.com').path).toBe('/cfg/uploads/api.heygen.com.json');
    expect(openCloneCache(env, 'http://127.0.0.1:4010').path).toBe('/cfg/voice-clones/127.0.0.1_4010.json');
  });

  it('read the files the earlier code wrote, and write the same format (sorted, private)', () => {
    const earlier = { version: 1, clones: { bb: clone('vc_2'), aa: { ...clone('vc_1'), voice_id: 'v_1' } } };
    const env = configWith('voice-clones', 'api.heygen.com.json', JSON.stringify(earlier));
    const clones = openCloneCache(env, 'https://api.heygen.com');
    expect(clones.get('aa')).toEqual({ ...clone('vc_1'), voice_id: 'v_1' });
    clones.setVoiceId('vc_2', 'v_2');
    const text = readFileSync(clones.path, 'utf8');
    expect(text).toBe(
      `${JSON.stringify({ version: 1, clones: { aa: earlier.clones.aa, bb: { ...clone('vc_2'), voice_id: 'v_2' } } }, null, 2)}\n`,
    );
    expect(statSync(clones.path).mode & 0o777).toBe(0o600);

    const uploads = openUploadCache(env, 'https://api.heygen.com');
    uploads.set('ff', asset('a_2'));
    uploads.set('0f', asset('a_1'));
    expect(JSON.parse(readFileSync(uploads.path, 'utf8'))).toEqual({ version: 1, assets: { '0f': asset('a_1'), ff: asset('a_2') } });
    expect(Object.keys(JSON.parse(readFileSync(uploads.path, 'utf8')).assets)).toEqual(['0f', 'ff']);
    expect(statSync(join(env.TWIN_CONFIG_DIR ?? '', 'uploads')).mode & 0o777).toBe(0o700);
  });

  it('merge what two runs write at once: each change reads the file afresh', () => {
    const env = { TWIN_CONFIG_DIR: tempDir() };
    const a = openUploadCache(env, 'https://api.heygen.com');
    const b = openUploadCache(env, 'https://api.heygen.com');
    a.set('aa', asset('a_1'));
    b.set('bb', asset('a_2'));
    b.set('cc', asset('a_1'));
    expect(a.get('bb')).toEqual(asset('a_2'));
    a.forgetAsset('a_1');
    expect([b.get('aa'), b.get('bb'), b.get('cc')]).toEqual([undefined, asset('a_2'), undefined]);
  });

  it('forget a voice by its voice id or its clone id', () => {
    const env = { TWIN_CONFIG_DIR: tempDir() };
    const clones = openCloneCache(env, 'https://api.heygen.com');
    clones.set('aa', { ...clone('vc_1'), voice_id: 'v_1' });
    clones.set('bb', clone('vc_2'));
    clones.set('cc', clone('vc_3'));
    clones.forgetVoice('v_1');
    clones.forgetVoice('vc_2');
    expect([clones.get('aa'), clones.get('bb'), clones.get('cc')]).toEqual([undefined, undefined, clone('vc_3')]);
  });

  it('pass over an entry of the wrong shape, and a damaged or future file, without failing', () => {
    const mixed = { version: 1, assets: { good: asset('a_1'), bad: { asset_id: 7 }, worse: null } };
    const env = configWith('uploads', 'api.heygen.com.json', JSON.stringify(mixed));
    const uploads = openUploadCache(env, 'https://api.heygen.com');
    expect([uploads.get('good'), uploads.get('bad'), uploads.get('worse')]).toEqual([asset('a_1'), undefined, undefined]);
    for (const text of ['{"version":1,"assets":', JSON.stringify({ version: 2, assets: { good: asset('a_1') } }), '[]', 'null']) {
      writeFileSync(uploads.path, text);
      expect(uploads.get('good')).toBeUndefined();
      uploads.set('new', asset('a_3'));
      expect(JSON.parse(readFileSync(uploads.path, 'utf8'))).toEqual({ version: 1, assets: { new: asset('a_3') } });
    }
  });

  it('read a missing file as empty (no folder made for a read), and refuse one that cannot be read, naming it', () => {
    const dir = tempDir();
    const uploads = openUploadCache({ TWIN_CONFIG_DIR: dir }, 'https://api.heygen.com');
    expect(uploads.get('anything')).toBeUndefined();
    expect(() => statSync(join(dir, 'uploads'))).toThrow();
    // A folder where the file should be: a read error that is not "missing" is said, with the path.
    mkdirSync(uploads.path, { recursive: true });
    let error: { message: string; exitCode?: number } | undefined;
    try {
      uploads.get('anything');
    } catch (caught) {
      error = caught as typeof error;
    }
    expect(error?.message).toContain(uploads.path);
    expect(error?.message).toMatch(/read/);
  });

  it('hand a damaged entry to no change: forgetting by a field skips it and keeps the good ones', () => {
    const mixed = { version: 1, assets: { bad: { asset_id: 7 }, worse: null, good: asset('a_1'), other: asset('a_2') } };
    const env = configWith('uploads', 'api.heygen.com.json', JSON.stringify(mixed));
    const uploads = openUploadCache(env, 'https://api.heygen.com');
    uploads.forgetAsset('a_2');
    expect(JSON.parse(readFileSync(uploads.path, 'utf8'))).toEqual({ version: 1, assets: { good: asset('a_1') } });
  });
});
