// The layers of src/ (src/README.md says what each is for), checked in CI by `npm run lint`.
// A module may import its own layer and the layers listed before it; never a later one.
// Type-only imports count: a type is part of what a module needs to be understood.
const LAYERS = [
  ['shared', '^src/shared/'],
  ['api', '^src/api/'],
  ['config', '^src/config/'],
  ['core', '^src/core/'],
  ['flows', '^src/flows/'],
  ['ui', '^src/ui/'],
  ['wizard', '^src/wizard/'],
  ['commands', '^src/commands/'],
  ['entry', '^src/(lib/|startup/|[^/]+\\.ts$)'],
];

const upward = LAYERS.slice(0, -1).map(([name, path], i) => ({
  name: `no-upward-import-from-${name}`,
  comment: `${name} may import only ${LAYERS.slice(0, i + 1)
    .map(([n]) => n)
    .join(', ')} (src/README.md)`,
  severity: 'error',
  from: { path },
  to: { path: LAYERS.slice(i + 1).map(([, p]) => p) },
}));

module.exports = {
  forbidden: [
    ...upward,
    {
      name: 'no-cycle',
      comment: 'No two modules may need each other, type-only imports included: shared types go in their own file.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'sandbox-stands-apart',
      comment: 'The sandbox emulates the API from the contract: it may import only src/shared/ and itself.',
      severity: 'error',
      from: { path: '^src/sandbox/' },
      to: { path: '^src/', pathNot: '^src/(sandbox|shared)/' },
    },
    {
      name: 'only-the-sandbox-command-starts-the-sandbox',
      comment: 'The product reaches the sandbox through its public entry only (twin sandbox, twin demo, tests).',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(sandbox/|commands/(sandbox|demo)/)' },
      to: { path: '^src/sandbox/' },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, dependencyTypesNot: ['core'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^src/',
    exclude: { path: '^src/(build|sandbox/fixtures)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
