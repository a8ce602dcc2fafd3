// npm's `prepare`: runs after `npm install` / `npm ci` in a clone, and when twin is installed from
// git (`npm install [-g --install-links] git+https://…`), so that every way in has a built dist/
// (with the library's type declarations). `npm pack` runs `prepack` first, which builds the same,
// so here it does nothing.
// `npm install -g git+…` prepares the clone with an inner `npm install` that inherits the outer
// one's global settings and so leaves the clone without node_modules: then the dev dependencies
// are installed here, locally, before the build.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
if (process.env.npm_command === 'pack' || process.env.npm_command === 'publish') process.exit(0);

function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!existsSync(`${root}/node_modules/esbuild/package.json`)) {
  // Only where packages come from is passed on, not the outer install's global, prefix or script settings.
  const keep = /^npm_config_(registry|cache|userconfig|globalconfig|cafile|proxy|https_proxy|noproxy|strict_ssl)$/i;
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_config_/i.test(key) || keep.test(key)));
  run('npm', ['ci', '--include=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--global=false'], env);
}
run(process.execPath, ['src/build/build.mjs', '--types']);
