// Download file names come from titles anyone could have typed: they must never escape the
// folder, hide, smuggle control characters or exceed file-name limits.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultVideoFileName, formatFromUrl, resolveTarget, safeFileStem, siblingPath } from '../../src/core/download/file-names.js';
import { tempDir } from '../helpers/harness.js';

describe('defaultVideoFileName', () => {
  it.each([
    ['Quarterly update: Q3/Q4', 'Quarterly-update-Q3-Q4-vid_1.mp4'],
    ['../../etc/passwd', 'etc-passwd-vid_1.mp4'],
    ['..', 'vid_1.mp4'],
    ['.hidden', 'hidden-vid_1.mp4'],
    ['-rf now', 'rf-now-vid_1.mp4'],
    ['a\u0000b\u001b[31mc\u200bd\r\ne', 'ab[31mcd-e-vid_1.mp4'],
    ['C:\\Users\\x', 'C-Users-x-vid_1.mp4'],
    ['what? <really> "yes" | no *', 'what-really-yes-no-vid_1.mp4'],
    ['日本語のタイトル', '日本語のタイトル-vid_1.mp4'],
    ['   ', 'vid_1.mp4'],
    [null, 'vid_1.mp4'],
  ])('%j → %s', (title, expected) => {
    expect(defaultVideoFileName({ id: 'vid_1', title }, 'mp4')).toBe(expected);
  });

  it('bounds the length (in characters and UTF-8 bytes) and keeps the id and extension', () => {
    const long = defaultVideoFileName({ id: 'vid_1', title: 'x'.repeat(500) }, 'webm');
    expect(long).toBe(`${'x'.repeat(80)}-vid_1.webm`);
    const wide = defaultVideoFileName({ id: 'vid_1', title: '語'.repeat(200) }, 'mp4');
    expect(Buffer.byteLength(wide)).toBeLessThan(255);
    expect(wide.endsWith('-vid_1.mp4')).toBe(true);
  });

  it('makes a hostile id safe too', () => {
    expect(defaultVideoFileName({ id: '../x/y', title: 'T' })).toBe('T-x-y.mp4');
    expect(safeFileStem('a..b')).toBe('a.b');
  });
});

describe('resolveTarget', () => {
  it('puts the default name in the output folder, or takes -o as a file or a folder', () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'existing'));
    expect(resolveTarget(undefined, 'v.mp4', '.', cwd)).toBe(join(cwd, 'v.mp4'));
    expect(resolveTarget(undefined, 'v.mp4', 'out', cwd)).toBe(join(cwd, 'out', 'v.mp4'));
    expect(resolveTarget('clip.mp4', 'v.mp4', 'out', cwd)).toBe(join(cwd, 'clip.mp4'));
    expect(resolveTarget('existing', 'v.mp4', 'out', cwd)).toBe(join(cwd, 'existing', 'v.mp4'));
    expect(resolveTarget('new/', 'v.mp4', 'out', cwd)).toBe(join(cwd, 'new', 'v.mp4'));
    expect(resolveTarget('/abs/file.mp4', 'v.mp4', 'out', cwd)).toBe('/abs/file.mp4');
  });

  it('derives sibling names and the format from the URL', () => {
    expect(siblingPath('/x/talk-vid_1.mp4', '.srt')).toBe('/x/talk-vid_1.srt');
    expect(siblingPath('/x/talk-vid_1.webm', '-captioned.webm')).toBe('/x/talk-vid_1-captioned.webm');
    expect(formatFromUrl('https://h/download/v/video.webm?sig=1')).toBe('webm');
    expect(formatFromUrl('https://h/download/v/video.mp4?x=.webm')).toBe('mp4');
    expect(formatFromUrl(null)).toBe('mp4');
  });
});
