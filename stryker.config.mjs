// Mutation testing of the modules that keep the product's promises (issue 27): `npm run mutate`.
// Not in CI: it is slow (minutes to an hour a group on two shared cores); run one group at a time,
// `MUTATE=safe-fs npm run mutate`, or all of them (hours) with `npm run mutate`.
// A mutant that survives is either killed by a new test or, when it is truly equivalent, marked in
// the source with `// Stryker disable next-line <mutator>: <why>` (one line each).

import { readdirSync } from 'node:fs';

/**
 * The modules, by group (a group's name is what `MUTATE=` takes), each with the test files that
 * exercise it in this process; `MUTATE_TESTS=all` runs every in-process test file instead (slower:
 * a mutant of a module every command uses is then run against dozens of files).
 */
export const groups = {
  // downloads and .part files
  download: {
    mutate: ['src/core/download/**/*.ts'],
    tests: [
      'test/core/download*.test.ts',
      'test/core/file-names-windows.test.ts',
      'test/core/target-check.test.ts',
      'test/commands/video-download.test.ts',
    ],
  },
  // safe file writes and locks
  'safe-fs': {
    mutate: ['src/shared/safe-fs.ts', 'src/shared/file-lock.ts'],
    tests: ['test/core/safe-fs*.test.ts', 'test/config/fs-errors.test.ts'],
  },
  // retries, idempotency keys, body caps, redirects, which headers go to which host
  http: {
    mutate: ['src/api/http.ts', 'src/api/http-parts.ts', 'src/api/retry.ts', 'src/api/body-cap.ts', 'src/api/upload-put.ts', 'src/api/base-url.ts'],
    tests: ['test/api/*.test.ts'],
  },
  credentials: {
    mutate: ['src/config/credentials.ts'],
    tests: ['test/config/*.test.ts', 'test/commands/auth.test.ts', 'test/wizard/key.test.ts'],
  },
  preflight: {
    mutate: ['src/core/video/preflight.ts', 'src/core/video/rules.ts'],
    tests: ['test/core/preflight.test.ts', 'test/core/video-rules.test.ts', 'test/core/video-request.test.ts', 'test/commands/video-create-plan.test.ts'],
  },
  // the batch plan, keys, journal and lock file
  batch: {
    mutate: [
      'src/core/batch/plan.ts',
      'src/core/batch/keys.ts',
      'src/core/batch/journal.ts',
      'src/core/batch/lock-*.ts',
      'src/core/batch/out-names.ts',
      'src/core/batch/writable.ts',
      'src/core/batch/budget-unknown.ts',
    ],
    tests: ['test/core/batch-*.test.ts', 'test/commands/batch-lock*.test.ts', 'test/commands/batch-files.test.ts', 'test/commands/batch-trust.test.ts'],
  },
  // uploads and the upload cache
  media: {
    // host-store.ts is the per-host cache file under both the upload cache and the clone cache.
    mutate: ['src/core/media/upload.ts', 'src/core/media/upload-cache.ts', 'src/config/host-store.ts', 'src/core/media/local-media.ts'],
    tests: [
      'test/core/media-*.test.ts',
      'test/config/host-store.test.ts',
      'test/commands/assets.test.ts',
      'test/commands/*-media.test.ts',
      'test/core/batch-budget.test.ts',
    ],
  },
  webhooks: {
    mutate: ['src/shared/webhook-signature.ts'],
    tests: ['test/sandbox/signature.test.ts', 'test/core/webhook-*.test.ts', 'test/commands/webhooks-*.test.ts'],
  },
  // the review page's escaping
  review: {
    mutate: ['src/core/batch/review-page.ts'],
    tests: ['test/core/review-page*.test.ts', 'test/commands/batch-review.test.ts'],
  },
  // Issues 24/25/26: one create for N languages, the audited audio is the rendered audio, a scene
  // file's media uploaded once, a clone never made twice from one file.
  translate: {
    mutate: [
      'src/core/translate/**/*.ts',
      'src/shared/plain-text.ts',
      'src/flows/translate.ts',
      'src/core/batch/translate-column.ts',
      'src/core/batch/translate-journal.ts',
      'src/flows/batch-translate*.ts',
    ],
    tests: [
      'test/core/translate-*.test.ts',
      'test/api/translations.test.ts',
      'test/commands/translate.test.ts',
      'test/flows/batch-translate.test.ts',
      'test/commands/batch-translate.test.ts',
    ],
  },
  scenes: {
    mutate: ['src/core/scenes/**/*.ts', 'src/flows/scenes.ts', 'src/core/batch/scenes-row.ts'],
    tests: [
      'test/core/scenes-*.test.ts',
      'test/commands/scenes.test.ts',
      'test/commands/scenes-unknown.test.ts',
      'test/commands/batch-scenes.test.ts',
    ],
  },
  voice: {
    mutate: ['src/core/voice/**/*.ts', 'src/flows/audition.ts', 'src/flows/voice-clone.ts', 'src/flows/batch-audition.ts', 'src/core/batch/audition-files.ts'],
    tests: [
      'test/core/voice.test.ts',
      'test/core/voice-audio-cap.test.ts',
      'test/core/batch-audition-files.test.ts',
      'test/commands/say.test.ts',
      'test/commands/voices-clone.test.ts',
      'test/commands/video-audition.test.ts',
      'test/commands/batch-audition.test.ts',
    ],
  },
};

// Every test file that runs the code in this process (a mutant lives in src/, not in the built
// dist/): all but test/e2e (the built CLI, tmux, Chromium, the packed library) and the shell
// completion tests (the scripts' text in bash, zsh and fish: no promise of these modules).
const inProcess = ['api', 'commands', 'config', 'core', 'sandbox', 'ui', 'wizard'].flatMap((dir) =>
  readdirSync(`test/${dir}`)
    .filter((name) => name.endsWith('.test.ts') && !name.startsWith('completion'))
    .map((name) => `test/${dir}/${name}`),
);

const only = process.env.MUTATE;
if (only !== undefined && !(only in groups)) {
  throw new Error(`MUTATE=${only}: no such group (groups: ${Object.keys(groups).join(', ')})`);
}

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // Only the test files that import the mutated module run, and per mutant only the tests that reach it.
  vitest: { configFile: 'test/vitest.config.ts', related: true },
  coverageAnalysis: 'perTest',
  testFiles: only === undefined || process.env.MUTATE_TESTS === 'all' || groups[only].tests.length === 0 ? inProcess : groups[only].tests,
  mutate: only === undefined ? Object.values(groups).flatMap((g) => g.mutate) : groups[only].mutate,
  // A module-level constant's mutant would need the whole suite for each: too slow on this machine;
  // they are reported as ignored.
  ignoreStatic: true,
  // The machine is shared: one or two test processes, not one per core.
  concurrency: Number(process.env.MUTATE_CONCURRENCY ?? 2),
  // Tests run against the sandbox on the loopback; a loaded machine stretches them.
  timeoutMS: 20_000,
  timeoutFactor: 2,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${only ?? 'all'}.html` },
  jsonReporter: { fileName: `reports/mutation/${only ?? 'all'}.json` },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
