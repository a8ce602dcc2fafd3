// The packed package.json leaves out `prepare` (pinst's approach): `prepare` is only for installs
// from git and from a clone (prepare.mjs), where dist/ must be built; a tarball already has dist/,
// and npm would otherwise list the script as one to approve ("install scripts not yet covered by
// allowScripts"). `prepack` strips it after the build, `postpack` puts package.json back.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const manifest = `${root}/package.json`;
// Kept where npm pack never looks (node_modules is never packed).
const kept = `${root}/node_modules/.twin-package.json.unpacked`;

if (process.argv[2] === 'strip') {
  const text = readFileSync(manifest, 'utf8');
  writeFileSync(kept, text);
  const pkg = JSON.parse(text);
  delete pkg.scripts.prepare;
  writeFileSync(manifest, `${JSON.stringify(pkg, null, 2)}\n`);
} else if (process.argv[2] === 'restore') {
  if (existsSync(kept)) renameSync(kept, manifest);
} else {
  throw new Error('usage: pack-manifest.mjs strip|restore');
}
