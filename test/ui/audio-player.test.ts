// The audition player (issue 26): the first player on PATH that can play the file's type. aplay
// plays only WAV and paplay what libsndfile reads: an MP3 goes to a player that plays it, or to none
// (the path is printed instead).
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { playAudio } from '../../src/ui/audio-player.js';
import { tempDir, until } from '../helpers/harness.js';

/** A folder of fake players: each writes its name and the file it was given into `played`. */
function players(names: string[]): { env: Record<string, string>; played: string } {
  const dir = tempDir();
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  const played = join(dir, 'played');
  for (const name of names) {
    writeFileSync(join(bin, name), `#!/bin/sh\nfor last; do :; done\necho "${name} $last" > "${played}"\n`);
    chmodSync(join(bin, name), 0o755);
  }
  return { env: { PATH: bin }, played };
}

describe('playAudio', () => {
  it('hands an MP3 to a player that plays MP3, never to aplay or paplay', async () => {
    const { env } = players(['aplay', 'paplay']);
    expect(await playAudio('/tmp/audition.mp3', env)).toBeUndefined();
    const withMpv = players(['aplay', 'mpv']);
    const playing = await playAudio('/tmp/audition.mp3', withMpv.env);
    expect(playing?.name).toBe('mpv');
    await until(() => existsSync(withMpv.played) && readFileSync(withMpv.played, 'utf8').endsWith('\n'), 'mpv to play');
    expect(readFileSync(withMpv.played, 'utf8').trim()).toBe('mpv /tmp/audition.mp3');
  });

  it('plays a WAV with aplay or paplay, the first found in the players’ order', async () => {
    expect((await playAudio('/tmp/audition.wav', players(['aplay']).env))?.name).toBe('aplay');
    expect((await playAudio('/tmp/audition.WAV', players(['aplay', 'paplay']).env))?.name).toBe('paplay');
    expect(await playAudio('/tmp/audition.wav', { PATH: '' })).toBeUndefined();
  });
});
