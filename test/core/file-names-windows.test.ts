// Names Windows cannot open (CON, aux, nul.txt, COM1, LPT9, trailing dots and spaces) are made
// safe like other hostile titles, so a file saved on Linux can be copied to a Windows share.
import { describe, expect, it } from 'vitest';
import { defaultVideoFileName, safeFileStem } from '../../src/core/download/file-names.js';

describe('Windows device names', () => {
  it.each([
    ['CON', 'CON_'],
    ['aux', 'aux_'],
    ['Nul', 'Nul_'],
    ['prn', 'prn_'],
    ['com1', 'com1_'],
    ['COM9', 'COM9_'],
    ['lpt1', 'lpt1_'],
    ['LPT9', 'LPT9_'],
    ['nul.txt', 'nul_.txt'],
    ['con.tar.gz', 'con_.tar.gz'],
    ['CONIN$', 'CONIN$_'],
  ])('%s → %s', (title, stem) => {
    expect(safeFileStem(title)).toBe(stem);
  });

  it('leaves names that merely start like one alone', () => {
    for (const title of ['console', 'auxiliary', 'com10', 'lpt', 'nullable', 'CON-1']) expect(safeFileStem(title)).toBe(title);
  });

  it('drops trailing dots and spaces, which Windows strips (or refuses)', () => {
    expect(safeFileStem('Intro. . .')).toBe('Intro');
    expect(safeFileStem('Intro   ')).toBe('Intro');
    expect(safeFileStem('aux . ')).toBe('aux_');
  });

  it('a video whose id or title is a device name still gets a name Windows opens', () => {
    expect(defaultVideoFileName({ id: 'nul', title: null })).toBe('nul_.mp4');
    expect(defaultVideoFileName({ id: 'vid_1', title: 'CON' })).toBe('CON_-vid_1.mp4');
  });
});
