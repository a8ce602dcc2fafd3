// What each command line needs before dist/cli.cjs runs, written out command by command: the
// one home of the start-up choices that depend on the command (start.ts applies them; program.ts
// asks `registered` which commands get their flags). A test ties this table to the commands.
//
// Node's own modules come with compiled code that V8 accepts only under the flags it was made
// with, so those a command needs are loaded before start.ts changes the flags (measured:
// `twin looks list` 744 → 695 million instructions). Each command loads only what it uses: each
// module costs time and memory (node:http, say, ~2.5 ms), so listing and reading skip the file
// and timer promises and crypto, and only the commands that prompt, or serve HTTP, load readline
// or http.

/** A Node built-in that start.ts may load before the V8 flags change. */
type Builtin = 'tty' | 'os' | 'process' | 'assert' | 'perf_hooks' | 'fs/promises' | 'timers/promises' | 'crypto' | 'readline' | 'http';

interface Start {
  /** The built-ins loaded before the V8 flags change. */
  readonly preload: readonly Builtin[];
  /** Instead, with --dry-run (the command sends nothing: no crypto). */
  readonly dryRun?: readonly Builtin[];
  /** May download a video: V8's optimising compilers stay off (start.ts says why). */
  readonly downloads?: true;
}

// commander and chalk require('node:process'): compiled from source after the flags change, 1.3 ms.
/** Help, --version, completion: what printing the commander tree needs. */
const HELP: readonly Builtin[] = ['tty', 'os', 'process'];
/** One request, then print (list and get). */
const LIST: readonly Builtin[] = [...HELP, 'assert', 'perf_hooks'];
/** Reads files and waits, sends nothing that needs an id or a hash (settings, doctor, --dry-run). */
const READ: readonly Builtin[] = [...LIST, 'fs/promises', 'timers/promises'];
/** Sends, uploads, downloads: idempotency keys and checksums. */
const SEND: readonly Builtin[] = [...READ, 'crypto'];

const lists: Start = { preload: LIST };
const reads: Start = { preload: READ };
const sends: Start = { preload: SEND };
const prompts: Start = { preload: [...SEND, 'readline'] };
const serves: Start = { preload: [...SEND, 'http'] };
const downloads: Start = { preload: SEND, downloads: true };

/** Commands with verbs ("twin looks list"): their verbs. */
export const NOUNS: Readonly<Record<string, Readonly<Record<string, Start>>>> = {
  looks: { list: lists, get: lists, create: sends, consent: sends, wait: sends, rename: sends, delete: sends },
  voices: { list: lists, get: lists, clone: sends, wait: sends, delete: prompts, search: sends },
  video: {
    list: lists,
    get: lists,
    create: { ...downloads, dryRun: READ },
    wait: downloads,
    download: downloads,
    delete: sends,
  },
  groups: { list: lists, get: lists },
  assets: { upload: sends, get: lists, list: lists, delete: sends },
  // `twin batch lock merge`: only the first two words count (commandOf), so it is `lock`.
  batch: { run: prompts, status: prompts, lock: prompts, review: prompts },
  webhooks: {
    create: serves,
    list: serves,
    update: serves,
    delete: serves,
    'rotate-secret': serves,
    'event-types': serves,
    events: serves,
    listen: serves,
  },
  auth: { login: prompts, status: prompts, logout: prompts },
  config: { get: reads, set: reads, unset: reads, list: reads, path: reads },
  scenes: { check: reads },
  translations: {
    list: lists,
    get: lists,
    languages: lists,
    wait: downloads,
    download: downloads,
    delete: sends,
    rename: sends,
    generate: sends,
  },
};

/** Commands without verbs ("twin wizard"). */
export const LEAVES: Readonly<Record<string, Start>> = {
  wizard: { ...prompts, dryRun: [...READ, 'readline'] },
  say: downloads,
  translate: { ...downloads, dryRun: READ },
  doctor: reads,
  completion: { preload: HELP },
  sandbox: serves,
  demo: serves,
};

/** `twin` alone: the help, or the wizard in a terminal. */
const BARE: Start = { preload: [...HELP, 'readline'] };
/** A command line that names no command of the table (a typo: commander says so). */
const UNKNOWN: Start = sends;

/** The first two words of the command line that look like names ("video", "create"), options skipped. */
function wordsOf(argv: readonly string[]): string[] {
  const words: string[] = [];
  for (const arg of argv) {
    if (arg.startsWith('-')) continue;
    if (!/^[a-z][a-z-]{0,30}$/.test(arg) || words.push(arg) === 2) break;
  }
  return words;
}

/** The command line's name, which names its code cache file: "looks-list", "video-create", "help". */
export function commandOf(argv: readonly string[]): string {
  return wordsOf(argv).join('-') || 'help';
}

/**
 * What this command line loads before the flags change, and whether it may download. The V8
 * flags depend on the command alone, help included: its code cache file is made under them.
 */
export function startOf(argv: readonly string[]): { preload: readonly Builtin[]; downloads: boolean } {
  const [noun = '', verb = ''] = wordsOf(argv);
  const entry = NOUNS[noun]?.[verb] ?? LEAVES[noun] ?? UNKNOWN;
  const help = argv[0] === 'help' || argv.includes('--help') || argv.includes('-h');
  const start = argv.length === 0 ? BARE : help ? { preload: HELP } : entry;
  return {
    preload: (argv.includes('--dry-run') && start.dryRun) || start.preload,
    downloads: entry.downloads === true,
  };
}

/**
 * Which top-level commands get their verbs and flags registered for this command line: the ones
 * it names. The others stay a name and a description, all that the top-level help and "did you
 * mean" need (`twin completion` needs them all). A command without verbs shows its flags in
 * the top-level help ("wizard [options]"), so it is registered unless another command is named.
 * No command line (the library, tests): all.
 */
export function registered(argv: readonly string[] | undefined): (name: string) => boolean {
  if (argv === undefined || argv.includes('completion')) return () => true;
  const named = argv.find((arg) => !arg.startsWith('-'));
  return (name) => (name in NOUNS ? argv.includes(name) : named === undefined || named === name || named === 'help');
}
