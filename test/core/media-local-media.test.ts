// Local files where the API takes media (core/media/local-media.ts): what counts as a file, an
// asset or a URL; the placeholders a body carries until upload; a manifest's files checked once
// each, by content (a re-recorded file of the same length is another row), with the column's words.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CreateVideoBody } from '../../src/api/video-body.js';
import {
  checkLocalMedia,
  checkRowMedia,
  describePending,
  localMediaRefs,
  localPlaceholder,
  parseMediaSource,
  plannedHashes,
  useUploadedIds,
  type ManifestMediaCache,
} from '../../src/core/media/local-media.js';
import { UsageError } from '../../src/shared/errors.js';
import { tempDir } from '../helpers/harness.js';
import { FIXTURES } from '../commands/media.helpers.js';

const body = (extra: Record<string, unknown>) => ({ type: 'avatar', avatar_id: 'lk', ...extra }) as unknown as CreateVideoBody;
const folder = () => {
  const dir = tempDir();
  copyFileSync(join(FIXTURES, 'voice-preview.mp3'), join(dir, 'voice.mp3'));
  copyFileSync(join(FIXTURES, 'thumbnail.jpg'), join(dir, 'office.jpg'));
  return dir;
};

describe('parseMediaSource', () => {
  it('tells a URL, an asset and a file apart, and refuses what is none of them', () => {
    expect(parseMediaSource('  https://cdn.example.com/a.mp3 ')).toEqual({ kind: 'url', url: 'https://cdn.example.com/a.mp3' });
    expect(parseMediaSource('http://cdn.example.com/a.mp3')).toEqual({ kind: 'url', url: 'http://cdn.example.com/a.mp3' });
    expect(parseMediaSource('http://cdn.example.com/a.mp3', true)).toBeUndefined();
    expect(parseMediaSource('asset:abc123')).toEqual({ kind: 'asset', id: 'abc123' });
    expect(parseMediaSource('asset:a b')).toBeUndefined();
    expect(parseMediaSource('xasset:abc')).toBeUndefined();
    expect(parseMediaSource('ftp://host/a.mp3')).toBeUndefined();
    expect(parseMediaSource('S3+x.y-z://host/a.mp3')).toBeUndefined();
    expect(parseMediaSource('voice.mp3')).toEqual({ kind: 'file', path: 'voice.mp3' });
    expect(parseMediaSource('media/voice')).toEqual({ kind: 'file', path: 'media/voice' });
    expect(parseMediaSource('media\\voice')).toEqual({ kind: 'file', path: 'media\\voice' });
    expect(parseMediaSource('./a.b.MP3')).toEqual({ kind: 'file', path: './a.b.MP3' });
    expect(parseMediaSource('media/x://y.mp3')).toEqual({ kind: 'file', path: 'media/x://y.mp3' });
    expect(parseMediaSource('blue')).toBeUndefined();
    expect(parseMediaSource('voice.')).toBeUndefined();
    expect(parseMediaSource('voice.mp3 x')).toBeUndefined();
    expect(parseMediaSource('   ')).toBeUndefined();
    expect(parseMediaSource('')).toBeUndefined();
  });
});

describe('placeholders in a body', () => {
  it('finds the audio and the background image still to upload, and nothing else', () => {
    expect(localPlaceholder('a.mp3')).toBe('local-file:a.mp3');
    expect(
      localMediaRefs(body({ audio_asset_id: 'local-file:./v.mp3', background: { type: 'image', asset_id: 'local-file:bg/o.jpg' } })),
    ).toEqual([
      { field: 'audio_asset_id', flag: '--audio', kinds: ['audio'], path: './v.mp3' },
      { field: 'background.asset_id', flag: '--background', kinds: ['image'], path: 'bg/o.jpg' },
    ]);
    expect(localMediaRefs(body({ audio_asset_id: 'asset_1', background: { type: 'image', asset_id: 'asset_2' } }))).toEqual([]);
    expect(localMediaRefs(body({ audio_asset_id: 'xlocal-file:a', background: { type: 'image', url: 'local-file:x' } }))).toEqual([]);
    expect(localMediaRefs(body({ background: null }))).toEqual([]);
    expect(localMediaRefs(body({ audio_asset_id: 5, background: { type: 'image', asset_id: 5 } }))).toEqual([]);
  });

  it('puts the uploaded ids in their places', () => {
    const b = body({ audio_asset_id: 'local-file:v.mp3', background: { type: 'image', asset_id: 'local-file:o.jpg' } });
    useUploadedIds(b, [
      { field: 'background.asset_id', assetId: 'asset_bg' },
      { field: 'audio_asset_id', assetId: 'asset_audio' },
    ]);
    expect(b).toEqual(body({ audio_asset_id: 'asset_audio', background: { type: 'image', asset_id: 'asset_bg' } }));
    const odd = body({ background: 'office' });
    useUploadedIds(odd, [{ field: 'background.asset_id', assetId: 'asset_bg' }]);
    expect(odd).toEqual(body({ background: 'office' }));
    const none = body({ script: 'x' });
    useUploadedIds(none, [{ field: 'background.asset_id', assetId: 'asset_bg' }]);
    expect(none).toEqual(body({ script: 'x' }));
  });

  it('checks each file (relative to its base), naming the flag or the column; says what a dry run would upload', async () => {
    const dir = folder();
    const b = body({ audio_asset_id: 'local-file:voice.mp3', background: { type: 'image', asset_id: 'local-file:office.jpg' } });
    const checked = await checkLocalMedia(b, dir);
    expect(checked.map((m) => [m.field, m.file.path, m.file.mime])).toEqual([
      ['audio_asset_id', join(dir, 'voice.mp3'), 'audio/mpeg'],
      ['background.asset_id', join(dir, 'office.jpg'), 'image/jpeg'],
    ]);
    expect(describePending(checked, (n) => `${n} B`)).toEqual([
      `Would upload voice.mp3 (audio/mpeg, ${checked[0]!.file.size} B) for --audio; the body shows local-file:voice.mp3 in its place.`,
      `Would upload office.jpg (image/jpeg, ${checked[1]!.file.size} B) for --background; the body shows local-file:office.jpg in its place.`,
    ]);
    const wrong = body({ audio_asset_id: 'local-file:office.jpg' });
    await expect(checkLocalMedia(wrong, dir)).rejects.toThrow(/^--audio: office\.jpg /);
    await expect(checkLocalMedia(wrong, dir, (r) => `line 3, column ${r.flag.slice(2)}`)).rejects.toThrow(
      /^line 3, column audio: office\.jpg /,
    );
  });
});

describe('a manifest’s local files', () => {
  it('hashes each file by content, once per run, and says which column is wrong', () => {
    const dir = folder();
    copyFileSync(join(dir, 'voice.mp3'), join(dir, 'same-size.mp3'));
    const original = bytesOf('voice.mp3', dir);
    // Same length, other bytes: another hash.
    const bytes = Buffer.from(original);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
    writeFileSync(join(dir, 'same-size.mp3'), bytes);
    const cache: ManifestMediaCache = new Map();
    const a = checkRowMedia(
      body({ audio_asset_id: 'local-file:voice.mp3', background: { type: 'image', asset_id: 'local-file:office.jpg' } }),
      dir,
      cache,
    );
    expect(a).toEqual({
      media: { 'local-file:voice.mp3': sha(original), 'local-file:office.jpg': sha(bytesOf('office.jpg', dir)) },
      problems: [],
    });
    const b = checkRowMedia(body({ audio_asset_id: 'local-file:same-size.mp3' }), dir, cache);
    expect(b.media['local-file:same-size.mp3']).toBe(sha(bytes));
    expect(b.media['local-file:same-size.mp3']).not.toBe(sha(original));
    // Read once: a later change of the file is not seen in this run (the upload checks the bytes).
    writeFileSync(join(dir, 'voice.mp3'), 'changed');
    expect(checkRowMedia(body({ audio_asset_id: 'local-file:./voice.mp3' }), dir, cache).media).toEqual({
      'local-file:./voice.mp3': sha(original),
    });
    expect(cache.size).toBe(3);
    const hashes = plannedHashes(cache);
    expect(hashes(join(dir, 'voice.mp3'))).toBe(sha(original));
    expect(hashes(join(dir, 'nope.mp3'))).toBeUndefined();
    // A problem, in the column's words (no flag, no final period), remembered too.
    const bad = checkRowMedia(
      body({ audio_asset_id: 'local-file:gone.mp3', background: { type: 'image', asset_id: 'local-file:voice.mp3' } }),
      dir,
      cache,
    );
    expect(bad.media).toEqual({});
    expect(bad.problems.map((p) => [p.ref.flag, p.message])).toEqual([
      ['--audio', 'gone.mp3 does not exist'],
      ['--background', 'voice.mp3 is not a file type HeyGen takes (its content is none of png or jpeg)'],
    ]);
    expect([...cache.values()].filter((v) => v instanceof UsageError)).toHaveLength(2);
    expect(plannedHashes(cache)(join(dir, 'gone.mp3'))).toBeUndefined();
  });
});

function bytesOf(name: string, dir: string): Buffer {
  return readFileSync(join(dir, name));
}

function sha(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
