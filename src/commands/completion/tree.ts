// Walks the commander tree at run time, so completion always matches the commands, flags and
// enum values of this very build. The shell scripts are rendered from this plain description.
import type { Argument, Command, Option } from 'commander';
import { SETTING_KEYS } from '../../config/schema.js';
import { ASPECT_RATIOS, ENGINES, EXPRESSIVENESS_LEVELS, FITS, OUTPUT_FORMATS, RESOLUTIONS } from '../../shared/video-facts.js';

export interface FlagSpec {
  /** e.g. ['-q', '--quiet'] */
  names: string[];
  description: string;
  takesValue: boolean;
  /** Known values ([] when any value goes, e.g. a file name). */
  values: readonly string[];
}

export interface CommandSpec {
  /** 'twin video create': the key every shell script looks things up by. */
  path: string;
  subcommands: Array<{ name: string; description: string }>;
  /** Its own flags and those inherited from ancestors (commander accepts them anywhere). */
  flags: FlagSpec[];
  /** Known values of each positional argument, by position. */
  args: Array<readonly string[]>;
}

/**
 * Values of flags validated by zod rather than commander's .choices(): the settings enums
 * are the same wherever a flag of that name appears.
 */
const FLAG_VALUES: Record<string, readonly string[]> = {
  '--engine': ENGINES,
  '--resolution': RESOLUTIONS,
  '--aspect-ratio': ASPECT_RATIOS,
  '--fit': FITS,
  '--output-format': OUTPUT_FORMATS,
  '--expressiveness': EXPRESSIVENESS_LEVELS,
};

/** Positional arguments whose values are known but checked in the run function. */
const ARG_VALUES: Record<string, Array<readonly string[]>> = {
  'twin config get': [SETTING_KEYS],
  'twin config set': [SETTING_KEYS],
  'twin config unset': [SETTING_KEYS],
};

const HELP_FLAG: FlagSpec = { names: ['-h', '--help'], description: 'show help', takesValue: false, values: [] };

export function describeTree(program: Command): CommandSpec[] {
  const specs: CommandSpec[] = [];
  const visit = (command: Command, path: string, inherited: FlagSpec[]) => {
    const own = command.options.filter((o) => !o.hidden).map((o) => flagSpec(o));
    // --version belongs to the program alone; everything else the root defines is global.
    const passDown = [...inherited, ...own.filter((f) => !f.names.includes('--version'))];
    const visible = command.commands.filter((c) => !isHidden(c));
    specs.push({
      path,
      subcommands: visible.map((c) => ({ name: c.name(), description: firstLine(c.description()) })),
      flags: dedupe([...own, ...inherited, HELP_FLAG]),
      args: ARG_VALUES[path] ?? command.registeredArguments.map((a) => argValues(a)),
    });
    for (const child of visible) visit(child, `${path} ${child.name()}`, passDown);
  };
  visit(program, 'twin', []);
  return specs;
}

/** A command's own flag hides an inherited one of the same name. */
function dedupe(flags: FlagSpec[]): FlagSpec[] {
  const seen = new Set<string>();
  return flags.filter((f) => {
    if (f.names.some((n) => seen.has(n))) return false;
    f.names.forEach((n) => seen.add(n));
    return true;
  });
}

function flagSpec(option: Option): FlagSpec {
  const names = [option.short, option.long].filter((n): n is string => Boolean(n));
  const takesValue = option.required || option.optional;
  const values = option.argChoices ?? (takesValue && option.long ? FLAG_VALUES[option.long] : undefined) ?? [];
  return { names, description: firstLine(option.description), takesValue, values };
}

function argValues(argument: Argument): readonly string[] {
  return argument.argChoices ?? [];
}

function isHidden(command: Command): boolean {
  return (command as unknown as { _hidden?: boolean })._hidden === true;
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.trim();
}

/** 'it''s' for bash and zsh: single quotes, with ' written as '\''. */
export function shQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Every (path, flag) pair whose flag takes a value, as "path flag" keys. */
export function valueFlagKeys(specs: CommandSpec[]): string[] {
  return specs.flatMap((s) => s.flags.filter((f) => f.takesValue).flatMap((f) => f.names.map((n) => `${s.path} ${n}`)));
}

/** "path flag" → known values, for flags that have them. */
export function flagValueEntries(specs: CommandSpec[]): Array<[string, readonly string[]]> {
  return specs.flatMap((s) =>
    s.flags
      .filter((f) => f.values.length > 0)
      .flatMap((f) => f.names.map((n): [string, readonly string[]] => [`${s.path} ${n}`, f.values])),
  );
}

/** "path index" → known values of that positional argument. */
export function argValueEntries(specs: CommandSpec[]): Array<[string, readonly string[]]> {
  return specs.flatMap((s) =>
    s.args.flatMap((values, i): Array<[string, readonly string[]]> => (values.length ? [[`${s.path} ${i}`, values]] : [])),
  );
}

/** Flags and arguments whose values are ids of the account: completed from a cache (live.ts). */
const LIVE_FLAGS: Record<string, 'looks' | 'voices'> = { '--look': 'looks', '--reference-look': 'looks', '--voice': 'voices' };
const LIVE_ARGS: Record<string, 'looks' | 'voices'> = { 'twin looks get 0': 'looks', 'twin voices get 0': 'voices' };

/** "path flag" and "path index" keys → the cached list (looks or voices) that completes them. */
export function liveEntries(specs: CommandSpec[]): Array<[string, 'looks' | 'voices']> {
  const flags = specs.flatMap((s) =>
    s.flags.flatMap((f) =>
      f.names.filter((n) => LIVE_FLAGS[n]).map((n): [string, 'looks' | 'voices'] => [`${s.path} ${n}`, LIVE_FLAGS[n]!]),
    ),
  );
  const args = specs.flatMap((s) =>
    s.args.map((_, i): [string, 'looks' | 'voices'] | undefined =>
      LIVE_ARGS[`${s.path} ${i}`] ? [`${s.path} ${i}`, LIVE_ARGS[`${s.path} ${i}`]!] : undefined,
    ),
  );
  return [...flags, ...args.filter((e): e is [string, 'looks' | 'voices'] => e !== undefined)];
}

/**
 * The shell function (bash and zsh share it) that prints the cached look or voice ids of the
 * current API base; a missing or stale (10 min) cache is refreshed in the background, never
 * waited for. `detach` is how the shell starts a job it will not report: `&` in bash, `&!` in zsh.
 */
/**
 * The only ids completion offers (cached by live.ts, read back by the scripts): letters, digits,
 * `_`, `.` and `-`, a letter or digit first. An API answer is data: an id with `$(…)`, a backtick,
 * a quote or a line break would be code or a second line to a shell's completion, so it is left
 * out when caching, and the scripts check again when reading (a cache written by an older twin).
 * One pattern for JavaScript, POSIX ERE (grep -E) and fish's PCRE.
 */
export const SAFE_ID = '[A-Za-z0-9][A-Za-z0-9_.-]*';

export function liveFunction(detach: '&' | '&!'): string {
  return `# Look and voice ids from the cache \`twin completion --refresh\` writes; a missing or stale
# (10 min) cache is refreshed in the background. Never waits for the network.
_twin_live() {
  [[ -n $1 ]] || return 0
  local base=\${HEYGEN_API_BASE:-https://api.heygen.com} file
  base=\${base%/}
  file=\${TWIN_CONFIG_DIR:-\${XDG_CONFIG_HOME:-$HOME/.config}/heygen-twin}/completion/\${base//[^A-Za-z0-9]/_}/$1
  if [[ ! -f $file || -n $(find "$file" -mmin +10 2>/dev/null) ]]; then
    (command twin completion --refresh --quiet >/dev/null 2>&1 ${detach})
  fi
  [[ -f $file ]] && cut -f1 "$file" | LC_ALL=C grep -E '^${SAFE_ID}$'
}`;
}
