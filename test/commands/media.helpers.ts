// Local media files for command tests: real fixtures copied into a folder, plus large, empty,
// misnamed and unreadable ones, and a runner whose config folder (the upload cache) persists.
import { copyFileSync, mkdirSync, openSync, closeSync, writeSync, ftruncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ROOT, runTwin, tempDir, type RunOptions } from '../helpers/harness.js';
import type { Sandbox } from '../../src/sandbox/index.js';

export const FIXTURES = join(ROOT, 'src', 'sandbox', 'fixtures');

export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** A folder with office.jpg, narration.mp3, footage.mp4, notes.txt, and helpers to add more. */
export function mediaFolder(): { dir: string; big(name: string, bytes: number, head?: Buffer): string } {
  const dir = tempDir('twin-media-');
  copyFileSync(join(FIXTURES, 'thumbnail.jpg'), join(dir, 'office.jpg'));
  copyFileSync(join(FIXTURES, 'voice-preview.mp3'), join(dir, 'narration.mp3'));
  copyFileSync(join(FIXTURES, 'twin.mp4'), join(dir, 'footage.mp4'));
  writeFileSync(join(dir, 'notes.txt'), 'not media at all\n');
  mkdirSync(join(dir, 'folder.png'));
  return {
    dir,
    /** A file of `bytes` bytes starting with `head` (default: the MP3 fixture), the rest varied. */
    big(name, bytes, head = readFileSync(join(FIXTURES, 'voice-preview.mp3'))) {
      const path = join(dir, name);
      const fd = openSync(path, 'w');
      const block = Buffer.alloc(1024 * 1024);
      for (let at = 0, i = 0; at < bytes; at += block.length, i++) {
        block.fill(i % 251);
        if (at === 0) head.copy(block);
        writeSync(fd, block, 0, Math.min(block.length, bytes - at), at);
      }
      ftruncateSync(fd, bytes);
      closeSync(fd);
      return path;
    },
  };
}

/** Runs twin against the sandbox in `cwd`, with one config folder shared by every run (the upload cache). */
export function mediaRunner(sandbox: Sandbox, cwd: string, extra: RunOptions = {}) {
  const config = tempDir('twin-config-');
  return (argv: string[], opts: RunOptions = {}) =>
    runTwin(argv, { sandbox, cwd, sleep: async () => {}, ...extra, ...opts, env: { TWIN_CONFIG_DIR: config, ...extra.env, ...opts.env } });
}

/** Requests the sandbox received since `from` (an index into `received`). */
export function since(sandbox: Sandbox, from: number) {
  return sandbox.received.slice(from);
}
