// Fixture files (a real MP4, WebM, JPEG and MP3) are committed under src/sandbox/fixtures/.
// The CLI is bundled by esbuild into dist/ chunks, where `import.meta.url` no longer sits next to
// the fixtures, so the folder is found by walking up to the package root; the runtime never needs ffmpeg.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

type FixtureName = 'twin.mp4' | 'twin.webm' | 'thumbnail.jpg' | 'voice-preview.mp3';

const cache = new Map<FixtureName, Buffer>();
let dir: string | undefined;

function fixturesDir(): string {
  if (dir) return dir;
  const here = dirname(fileURLToPath(import.meta.url));
  const beside = join(here, 'fixtures');
  if (existsSync(join(beside, 'twin.mp4'))) return (dir = beside);
  for (let at = here; ; at = dirname(at)) {
    const candidate = join(at, 'src', 'sandbox', 'fixtures');
    if (existsSync(join(at, 'package.json')) && existsSync(join(candidate, 'twin.mp4'))) return (dir = candidate);
    if (dirname(at) === at) break;
  }
  throw new Error(`sandbox: fixtures not found (looked beside ${here} and in src/sandbox/fixtures of every parent)`);
}

export function fixture(name: FixtureName): Buffer {
  let buf = cache.get(name);
  if (!buf) {
    buf = readFileSync(join(fixturesDir(), name));
    cache.set(name, buf);
  }
  return buf;
}
