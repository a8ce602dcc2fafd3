#!/usr/bin/env node
// Tiny bin: refuse an unsupported Node with a clear message, then load the built entry.
import { readFileSync } from 'node:fs';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  process.stderr.write(
    `twin needs Node.js 20.19 or newer; this is ${process.version}.\n` +
      'Install a current Node.js (https://nodejs.org) and run the command again.\n',
  );
  process.exit(2);
}
// `twin --version` is called in loops by scripts: answer it without loading the CLI.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${version}\n`);
} else {
  await import('../dist/main.js').catch((error) => {
    if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/main.js')) {
      process.stderr.write('twin is not built yet: run `npm run build` in the heygen-twin folder.\n');
      process.exit(1);
    }
    throw error;
  });
}
