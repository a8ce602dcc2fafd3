// What a download says and how it names things, called directly (issue 27: core/download's
// errors.ts, file-names.ts and the checksum rule of part-file.ts): sizes in words, the network
// failure in words, how to resume, why it gave up, and the edges of file names.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { describeNetworkError, formatBytes, gaveUp, interrupted, resumeAdvice } from '../../src/core/download/errors.js';
import { defaultVideoFileName, formatFromUrl, resolveTarget, safeFileStem, siblingPath } from '../../src/core/download/file-names.js';
import { checksumMatches } from '../../src/core/download/part-file.js';
import { ApiError, InterruptedError } from '../../src/shared/errors.js';
import { tempDir } from '../helpers/harness.js';

describe('formatBytes', () => {
  it('bytes below 1 KiB, one decimal below 10 units, whole units above, up to TiB', () => {
    const KiB = 1024;
    const MiB = KiB * KiB;
    const cases: Array<[number, string]> = [
      [0, '0 B'],
      [1023, '1023 B'],
      [1024, '1.0 KiB'],
      [1536, '1.5 KiB'],
      [10 * KiB - 1, '10.0 KiB'],
      [10 * KiB, '10 KiB'],
      [1023 * KiB, '1023 KiB'],
      [MiB - 1, '1024 KiB'],
      [MiB, '1.0 MiB'],
      [3 * MiB, '3.0 MiB'],
      [250 * MiB, '250 MiB'],
      [KiB * MiB, '1.0 GiB'],
      [KiB * KiB * MiB, '1.0 TiB'],
      [5 * KiB * KiB * KiB * MiB, '5120 TiB'],
    ];
    expect(cases.map(([bytes]) => [bytes, formatBytes(bytes)])).toEqual(cases);
  });
});

describe('describeNetworkError', () => {
  it('says what happened to the connection in words', () => {
    const code = (c: string) => Object.assign(new Error(`raw ${c}`), { code: c });
    expect(describeNetworkError(code('UND_ERR_BODY_TIMEOUT'), 30_000)).toBe('no data for 30 s (stalled)');
    expect(describeNetworkError(code('UND_ERR_HEADERS_TIMEOUT'), 1500)).toBe('no data for 2 s (stalled)');
    expect(describeNetworkError(code('UND_ERR_BODY_TIMEOUT'), 999)).toBe('no data for 999 ms (stalled)');
    expect(describeNetworkError(code('UND_ERR_BODY_TIMEOUT'), 1000)).toBe('no data for 1 s (stalled)');
    for (const c of ['UND_ERR_SOCKET', 'ECONNRESET', 'UND_ERR_CLOSED', 'ERR_STREAM_PREMATURE_CLOSE']) {
      expect(describeNetworkError(code(c), 1000), c).toBe('the connection dropped');
    }
    expect(describeNetworkError(code('UND_ERR_RES_CONTENT_LENGTH_MISMATCH'), 1000)).toBe(
      'the connection closed before the announced length',
    );
    expect(describeNetworkError(code('ECONNREFUSED'), 1000)).toBe('the file host refused the connection');
    expect(describeNetworkError(code('EHOSTUNREACH'), 1000)).toBe('raw EHOSTUNREACH');
    expect(describeNetworkError('plain text', 1000)).toBe('plain text');
    expect(describeNetworkError(undefined, 1000)).toBe('undefined');
    expect(describeNetworkError(null, 1000)).toBe('null');
  });
});

describe('the words of a stop', () => {
  const job = { part: '/out/talk.mp4.part' };
  const hinted = { ...job, resumeHint: 'twin video download vid_1' };

  it('resume advice names the command and what was kept', () => {
    expect(resumeAdvice(job)).toBe('Run the same command again to resume.');
    expect(resumeAdvice(job, 0)).toBe('Run the same command again to resume.');
    expect(resumeAdvice(hinted, 2048)).toBe('Run `twin video download vid_1` to resume (2.0 KiB kept in talk.mp4.part).');
  });

  it('an interruption keeps the .part and says so', () => {
    const error = interrupted(hinted, 5);
    expect(error).toBeInstanceOf(InterruptedError);
    expect(error.message).toBe('Download interrupted at 5 B; the partial file talk.mp4.part is kept.');
    expect(error.suggestion).toBe('Run `twin video download vid_1` to resume.');
    expect(error.details).toEqual({ part: '/out/talk.mp4.part', bytes_on_disk: 5 });
  });

  it('giving up names the file (not the .part), the reason and the retries', () => {
    const error = gaveUp(job, 'the server answered 503', 4, 1024);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toBe('Download of talk.mp4 failed: the server answered 503 (after 4 retries).');
    expect(error).toMatchObject({
      code: 'file_download_failed',
      suggestion: 'Run the same command again to resume (1.0 KiB kept in talk.mp4.part).',
      details: { part: '/out/talk.mp4.part', bytes_on_disk: 1024, retries: 4 },
    });
    expect(gaveUp(job, 'why', 0, 0).message).toBe('Download of talk.mp4 failed: why.');
  });
});

describe('checksumMatches', () => {
  const sha = createHash('sha256').update('abc').digest();
  it('compares a base64 SHA-256 (spaces around it ignored); anything not 32 bytes long is not a whole-file hash', () => {
    expect(checksumMatches(` ${sha.toString('base64')} `, sha)).toBe(true);
    const other = createHash('sha256').update('abd').digest();
    expect(checksumMatches(other.toString('base64'), sha)).toBe(false);
    expect(checksumMatches(`${sha.subarray(0, 31).toString('base64')}`, sha)).toBe(true);
    expect(checksumMatches('abc-3', sha)).toBe(true);
  });
});

describe('file names, at their edges', () => {
  it('an id with nothing safe in it is "video"; a title equal to the id is not repeated', () => {
    expect(defaultVideoFileName({ id: '../..', title: null })).toBe('video.mp4');
    expect(defaultVideoFileName({ id: 'vid_1', title: 'vid_1' }, 'webm')).toBe('vid_1.webm');
    expect(defaultVideoFileName({ id: 'vid_1' })).toBe('vid_1.mp4');
  });

  it('tabs and line breaks separate words; runs of dashes and dots collapse; nothing trails', () => {
    expect(safeFileStem('a\tb\nc')).toBe('a-b-c');
    expect(safeFileStem('a - - b')).toBe('a-b');
    expect(safeFileStem('a...b')).toBe('a.b');
    expect(safeFileStem('_x_')).toBe('x');
    expect(safeFileStem(`${'y'.repeat(79)} z`)).toBe('y'.repeat(79));
    expect(safeFileStem(`${'y'.repeat(79)}.z`)).toBe('y'.repeat(79));
    expect(safeFileStem(undefined)).toBe('');
  });

  it('the length is bounded in bytes too: whole characters dropped until it fits', () => {
    // 54 three-byte characters are 162 bytes: over 160, so the last one goes.
    expect(safeFileStem('語'.repeat(54))).toBe('語'.repeat(53));
    expect(safeFileStem('語'.repeat(53))).toBe('語'.repeat(53));
    expect(safeFileStem('é'.repeat(90))).toBe('é'.repeat(80));
  });

  it('a device name gets a suffix before its extension', () => {
    expect(safeFileStem('con.txt')).toBe('con_.txt');
    expect(safeFileStem('NUL')).toBe('NUL_');
    expect(safeFileStem('console')).toBe('console');
  });

  it('the format of a URL is webm only for a .webm path, in any case; a bad URL is mp4', () => {
    expect(formatFromUrl('https://h/v/VIDEO.WEBM')).toBe('webm');
    expect(formatFromUrl('not a url .webm')).toBe('mp4');
    expect(formatFromUrl('')).toBe('mp4');
    expect(formatFromUrl(undefined)).toBe('mp4');
  });

  it('siblings replace .mp4 or .webm at the end only, in any case', () => {
    expect(siblingPath('/x/a.MP4', '.srt')).toBe('/x/a.srt');
    expect(siblingPath('/x/a.mp4.bak', '.srt')).toBe('/x/a.mp4.bak.srt');
    expect(siblingPath('/x/a.mov', '.jpg')).toBe('/x/a.mov.jpg');
  });

  it('an empty -o is no -o; a relative one is taken from cwd', () => {
    const cwd = tempDir();
    expect(resolveTarget('', 'v.mp4', 'out', cwd)).toBe(`${cwd}/out/v.mp4`);
    expect(resolveTarget('sub/clip.mp4', 'v.mp4', 'out', cwd)).toBe(`${cwd}/sub/clip.mp4`);
  });
});
