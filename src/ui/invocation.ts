// How the person at this terminal can run twin next: `twin` when a twin is on PATH (a global
// install), `npx twin` inside the heygen-twin folder itself (a clone after `npm install`),
// else the full path of this very binary. Printed commands then work when pasted.
import { accessSync, constants, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { shellQuote } from '../shared/shell-quote.js';

export function twinCommand(env: Record<string, string | undefined>, cwd: string, bin = process.argv[1]): string {
  const names = process.platform === 'win32' ? ['twin.cmd', 'twin.exe', 'twin'] : ['twin'];
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    // npm run puts the project's node_modules/.bin first; it never holds the project's own bin.
    if (names.some((name) => executable(join(dir, name)))) return 'twin';
  }
  if (isHeygenTwinFolder(cwd)) return 'npx twin';
  return bin ? `node ${shellQuote(bin)}` : 'npx heygen-twin';
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function isHeygenTwinFolder(cwd: string): boolean {
  try {
    return (JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')) as { name?: unknown }).name === 'heygen-twin';
  } catch {
    return false;
  }
}
