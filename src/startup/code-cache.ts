// V8's code cache of dist/cli.cjs (start.ts). It lives in the user's cache folder:
// $XDG_CACHE_HOME/heygen-twin/v8 (or ~/.cache/…; ~/Library/Caches/heygen-twin on macOS;
// %LOCALAPPDATA%\heygen-twin\Cache on Windows; TWIN_CACHE_DIR moves it), one file per command
// ("looks list": each holds the code that command runs, no more) for each build of twin and Node
// version. Used only when the folder is a real folder of this user that no one else can write
// and the file a regular file of this user; anything odd means no cache, never an error.
// NODE_DISABLE_COMPILE_CACHE=1 turns it off.
import {
  closeSync,
  constants,
  fstatSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  type Stats,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Script } from 'node:vm';

export interface Cache {
  dir: string;
  /** Every cache file of this Node: `cli-<node>-<arch>-`. */
  prefix: string;
  /** Every cache file of this build of twin: the prefix, then the script's size and time. */
  build: string;
  path: string;
  data: Buffer | undefined;
}

/**
 * The command's cache (its data read into `spare`, the memory the script's text was read into,
 * when it fits: each fresh page a process touches costs time), or undefined for none.
 */
export function openCache(script: string, command: string, spare: Buffer): Cache | undefined {
  const env = process.env;
  if (env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  try {
    const home = env.HOME || homedir();
    const base =
      env.TWIN_CACHE_DIR ||
      (process.platform === 'win32'
        ? join(env.LOCALAPPDATA || join(home, 'AppData', 'Local'), 'heygen-twin', 'Cache')
        : process.platform === 'darwin'
          ? join(home, 'Library', 'Caches', 'heygen-twin')
          : join(env.XDG_CACHE_HOME || join(home, '.cache'), 'heygen-twin'));
    const dir = join(base, 'v8');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    for (const path of [base, dir]) if (!ours(lstatSync(path), true)) return undefined;
    const built = lstatSync(script);
    const prefix = `cli-${process.version}-${process.arch}-`;
    const build = `${prefix}${built.size}-${Math.trunc(built.mtimeMs)}-`;
    const cache: Cache = { dir, prefix, build, path: join(dir, `${build}${command}.bin`), data: undefined };
    let fd: number;
    try {
      // Not through a link; a FIFO planted there does not block the open (O_NONBLOCK).
      fd = openSync(cache.path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
    } catch {
      return cache; // none yet, or a link: a new file replaces it at exit
    }
    try {
      const stats = fstatSync(fd);
      if (ours(stats, false) && stats.size < 64 * 1024 * 1024) {
        // Into the memory the script's text was read into, when it fits (it always has so far).
        const data = stats.size <= spare.length ? spare.subarray(0, stats.size) : Buffer.allocUnsafeSlow(stats.size);
        let read = 0;
        for (let n: number; read < data.length && (n = readSync(fd, data, read, data.length - read, read)) > 0; ) read += n;
        if (read === data.length) cache.data = data;
      }
    } finally {
      closeSync(fd);
    }
    return cache.data ? cache : undefined;
  } catch {
    return undefined; // no cache: the same, only slower
  }
}

function ours(stats: Stats, folder: boolean): boolean {
  if (folder ? !stats.isDirectory() : !stats.isFile()) return false;
  return process.platform === 'win32' || (stats.uid === process.getuid?.() && (stats.mode & 0o022) === 0);
}

/** Written whole beside the final name (new file, 0600, never through a link), then renamed. */
export function saveCache(cache: Cache, script: Script): void {
  let temp: string | undefined;
  try {
    const names = readdirSync(cache.dir);
    // Caches of earlier builds of twin under this Node are of no more use.
    for (const name of names) if (name.startsWith(cache.prefix) && !name.startsWith(cache.build)) unlinkSync(join(cache.dir, name));
    if (names.filter((name) => name.startsWith(cache.build)).length >= 64) return; // mistyped commands, say
    const data = script.createCachedData();
    temp = join(cache.dir, `.tmp-${process.pid}-${Date.now()}`);
    const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o600);
    try {
      for (let at = 0; at < data.length; ) at += writeSync(fd, data, at);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, cache.path);
    temp = undefined;
  } catch {
    // No cache this time.
  } finally {
    if (temp) {
      try {
        unlinkSync(temp);
      } catch {}
    }
  }
}
