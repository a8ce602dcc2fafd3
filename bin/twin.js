#!/usr/bin/env node
// Tiny bin: refuse an unsupported Node with a clear message, then hand over to the start-up
// module (src/startup/start.ts, built as dist/start.cjs), which holds every start-up trick.
// CommonJS (bin/package.json), so that starting it needs none of Node's ES module loader.
'use strict';
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  process.stderr.write(
    `twin needs Node.js 20.19 or newer; this is ${process.version}.\n` +
      'Install a current Node.js (https://nodejs.org) and run the command again.\n',
  );
  process.exit(2);
}
const { join } = require('node:path');
const start = join(__dirname, '..', 'dist', 'start.cjs');
try {
  require(start);
} catch (error) {
  if (error?.code !== 'MODULE_NOT_FOUND' || !error.message.includes(start)) throw error;
  // A fresh clone after `npm install` (no build yet): build once, then go on. An installed
  // package always ships dist/, so this only ever happens in a clone.
  const build = join(__dirname, '..', 'src', 'build', 'build.mjs');
  process.stderr.write('Building twin (first run in this folder)…\n');
  const built = require('node:child_process').spawnSync(process.execPath, [build], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (built.status !== 0) {
    process.stderr.write('twin is not built yet: run `npm install && npm run build` in the heygen-twin folder.\n');
    process.exit(1);
  }
  require(start);
}
