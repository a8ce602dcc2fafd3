// Plays an audition on the system's own player while the question waits (issue 26). Best effort:
// no player on PATH (a container, a CI runner) means the path is printed instead; never a failure.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, extname, join } from 'node:path';

/**
 * The players tried, in order, with the arguments that play a file once and return, and the
 * file types each can play (undefined: any). aplay plays only WAV and paplay only what
 * libsndfile reads (no MP3 in most distributions): handed an MP3 they hiss or fail.
 */
const PLAYERS: ReadonlyArray<{ command: string; args: readonly string[]; types?: readonly string[] }> = [
  { command: 'ffplay', args: ['-nodisp', '-autoexit', '-loglevel', 'quiet'] },
  { command: 'mpv', args: ['--no-video', '--really-quiet'] },
  { command: 'afplay', args: [], types: ['.mp3', '.wav', '.m4a', '.aac', '.aiff', '.aif', '.caf'] },
  { command: 'paplay', args: [], types: ['.wav', '.flac', '.ogg', '.oga'] },
  { command: 'aplay', args: ['-q'], types: ['.wav'] },
];

/** The first player on PATH that can play this kind of file, or undefined. */
function findPlayer(env: Record<string, string | undefined>, file: string): { path: string; args: readonly string[] } | undefined {
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  const type = extname(file).toLowerCase();
  for (const player of PLAYERS.filter((p) => p.types === undefined || p.types.includes(type))) {
    for (const dir of dirs) {
      const path = join(dir, player.command);
      try {
        accessSync(path, constants.X_OK);
        return { path, args: player.args };
      } catch {
        // not in this folder
      }
    }
  }
  return undefined;
}

interface Playing {
  /** The player's name, for "Playing with mpv". */
  name: string;
  /** Stops the player if it is still playing (the question was answered first). */
  stop(): void;
}

/** Starts playing `file` without waiting for it to end; undefined when no player could start. */
export async function playAudio(file: string, env: Record<string, string | undefined>): Promise<Playing | undefined> {
  const player = findPlayer(env, file);
  if (!player) return undefined;
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      // Its output would tangle with the question: the player is heard, not seen.
      child = spawn(player.path, [...player.args, file], { stdio: 'ignore', env: env as NodeJS.ProcessEnv });
    } catch {
      resolve(undefined);
      return;
    }
    child.once('error', () => resolve(undefined));
    child.once('spawn', () =>
      resolve({
        name: player.path.split(/[\\/]/).pop() ?? player.path,
        stop: () => {
          if (child.exitCode === null && child.signalCode === null) child.kill();
        },
      }),
    );
  });
}
