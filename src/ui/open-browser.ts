// Opens a file or URL in the default browser: xdg-open (Linux, BSD), open (macOS), start
// (Windows). Best effort: where there is no opener (a CI runner, a container) it says so and
// returns false; it never fails the command.
import { spawn } from 'node:child_process';

function openerFor(platform: NodeJS.Platform): { command: string; args: (target: string) => string[] } {
  if (platform === 'darwin') return { command: 'open', args: (t) => [t] };
  // `start` is a cmd built-in; its first quoted argument is the window title.
  if (platform === 'win32') return { command: 'cmd', args: (t) => ['/d', '/s', '/c', 'start', '""', t] };
  return { command: 'xdg-open', args: (t) => [t] };
}

export function openInBrowser(
  target: string,
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform = process.platform,
): Promise<{ opened: boolean; reason?: string }> {
  const { command, args } = openerFor(platform);
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(command, args(target), { detached: true, stdio: 'ignore', env: env as NodeJS.ProcessEnv, windowsHide: true });
    } catch (error) {
      resolve({ opened: false, reason: (error as Error).message });
      return;
    }
    child.once('error', (error: NodeJS.ErrnoException) => {
      resolve({ opened: false, reason: error.code === 'ENOENT' ? `${command} was not found` : error.message });
    });
    child.once('spawn', () => {
      child.unref();
      resolve({ opened: true });
    });
  });
}
