// Writes dist/THIRD-PARTY-NOTICES.md at build time: the name, version, licence and licence
// text of every npm package esbuild bundled into dist/ (read from its metafile), since the
// installed package carries their code but not their folders.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The package folder of a bundled input, e.g. node_modules/@inquirer/core/dist/x.js → node_modules/@inquirer/core. */
function packageDir(input) {
  const parts = input.split('/');
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return undefined;
  const take = parts[at + 1]?.startsWith('@') ? 3 : 2;
  return parts.slice(0, at + take).join('/');
}

function licenceText(dir) {
  const file = readdirSync(dir).find((name) => /^(licen[cs]e|copying|notice)(\.|$|-)/i.test(name));
  return file ? readFileSync(join(dir, file), 'utf8').trim() : undefined;
}

export function writeNotices(root, metafile, target) {
  const dirs = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const dir = packageDir(input);
    if (dir && existsSync(join(root, dir, 'package.json'))) dirs.add(dir);
  }
  const packages = [...dirs]
    .map((dir) => {
      const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
      const licence = typeof pkg.license === 'string' ? pkg.license : (pkg.license?.type ?? 'see the licence text');
      return { name: pkg.name, version: pkg.version, licence, text: licenceText(join(root, dir)), homepage: pkg.homepage };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  const lines = [
    '# Third-party notices',
    '',
    `heygen-twin bundles the code of these ${packages.length} npm packages into dist/ (generated at build time).`,
    '',
    ...packages.map((p) => `- ${p.name} ${p.version} (${p.licence})`),
    '',
  ];
  for (const p of packages) {
    lines.push(`## ${p.name} ${p.version}`, '', `Licence: ${p.licence}${p.homepage ? ` · ${p.homepage}` : ''}`, '');
    lines.push(p.text ? p.text.replace(/^/gm, '    ') : `    (no licence file in the package; its package.json says ${p.licence})`, '');
  }
  writeFileSync(target, `${lines.join('\n')}\n`);
  return packages;
}
