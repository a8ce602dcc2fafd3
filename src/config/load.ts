// Settings precedence (DESIGN.md): flags > environment > .heygenrc > user settings > defaults.
// Flags are applied by each command on top of what this returns.
import { fileSystemError, readRegularFile } from '../shared/safe-fs.js';
import { dirname, join, parse as parsePath } from 'node:path';
import { statSync } from 'node:fs';
import type { z } from 'zod';
import { UsageError } from '../shared/errors.js';
import { closest } from '../shared/spelling.js';
import { DEFAULT_POLL_INTERVAL, DEFAULT_WAIT_TIMEOUT } from '../shared/video-facts.js';
import { configDir, PROJECT_FILE, USER_SETTINGS_FILE } from './paths.js';
import { coerceSetting, isSecretKey, SETTING_KEYS, settingsSchema, type SettingKey, type Settings } from './schema.js';
import { twinInvocation } from '../shared/twin-invocation.js';

export type SettingSource = 'env' | '.heygenrc' | 'user' | 'default';

export interface ResolvedSettings {
  values: Settings & Required<Pick<Settings, 'resolution' | 'aspect-ratio' | 'timeout' | 'interval' | 'concurrency' | 'output-dir'>>;
  sources: Partial<Record<SettingKey, SettingSource>>;
  /** The .heygenrc that applied, if any, and the user settings file (whether or not it exists). */
  projectFile?: string;
  userFile: string;
}

export const DEFAULTS = {
  resolution: '1080p',
  'aspect-ratio': 'auto',
  timeout: DEFAULT_WAIT_TIMEOUT,
  interval: DEFAULT_POLL_INTERVAL,
  concurrency: 10,
  'output-dir': '.',
} as const satisfies Settings;

/** The file `twin config set` writes (through conf) and every command reads as plain JSON. */
export function userSettingsPath(env: Record<string, string | undefined>): string {
  return join(configDir(env), USER_SETTINGS_FILE);
}

export async function loadSettings(opts: { cwd: string; env: Record<string, string | undefined> }): Promise<ResolvedSettings> {
  const userFile = userSettingsPath(opts.env);
  const projectFile = findProjectFile(opts.cwd);
  const layers: Array<[SettingSource, Settings]> = [
    ['default', DEFAULTS],
    ['user', await readSettingsFile(userFile, 'user settings')],
    ['.heygenrc', projectFile ? await readSettingsFile(projectFile, '.heygenrc') : {}],
    ['env', settingsFromEnv(opts.env)],
  ];
  const values: Record<string, unknown> = {};
  const sources: ResolvedSettings['sources'] = {};
  for (const [source, layer] of layers) {
    for (const [key, value] of Object.entries(layer)) {
      if (value === undefined) continue;
      values[key] = value;
      sources[key as SettingKey] = source;
    }
  }
  return { values: values as ResolvedSettings['values'], sources, projectFile, userFile };
}

/** The nearest .heygenrc from the working folder upward. */
export function findProjectFile(cwd: string): string | undefined {
  let dir = cwd;
  const { root } = parsePath(cwd);
  for (;;) {
    const candidate = join(dir, PROJECT_FILE);
    if (statSync(candidate, { throwIfNoEntry: false })?.isFile()) return candidate;
    if (dir === root) return undefined;
    dir = dirname(dir);
  }
}

export async function readSettingsFile(path: string, label: string): Promise<Settings> {
  let text: string;
  try {
    text = readRegularFile(path).toString('utf8');
  } catch (error) {
    // No file (or no folder for it) means no settings; anything else is the disk's problem (exit 1).
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return {};
    throw fileSystemError(error, path, 'read');
  }
  if (text.trim() === '') return {};
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${label} file ${path} is not valid JSON: ${(error as Error).message}`, {
      suggestion: fixAdvice(label),
      details: { file: path },
    });
  }
  return validateSettings(stripConfInternals(raw), path, label);
}

function fixAdvice(label: string): string {
  return label === PROJECT_FILE
    ? 'Fix the file (see .heygenrc.example) or remove it.'
    : `Fix or delete the file, then use \`${twinInvocation()} config set <key> <value>\`.`;
}

/** conf keeps its own bookkeeping under "__internal__" (migrations); it is not a setting. */
function stripConfInternals(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || !('__internal__' in raw)) return raw;
  const { __internal__: _ignored, ...rest } = raw as Record<string, unknown>;
  return rest;
}

export function validateSettings(raw: unknown, path: string, label = PROJECT_FILE): Settings {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new UsageError(`${label} file ${path} must hold a JSON object of settings.`, {
      suggestion: fixAdvice(label),
      details: { file: path },
    });
  }
  // Comment keys ("//...", as in .heygenrc.example) may mention keys; real names may not.
  const secret = Object.keys(raw).find((key) => !key.startsWith('//') && isSecretKey(key));
  if (secret) {
    throw new UsageError(`${path} contains an API key ("${secret}"); keys never belong in settings files.`, {
      suggestion: `Remove it from the file (and rotate it if the file was shared), then use \`${twinInvocation()} auth login\` or HEYGEN_API_KEY.`,
      details: { file: path, key: secret },
    });
  }
  // Keys starting with "//" are comments (JSON has none), as in .heygenrc.example.
  const settings = Object.fromEntries(Object.entries(raw).filter(([key]) => !key.startsWith('//')));
  const parsed = settingsSchema().safeParse(settings);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => describeIssue(issue));
  throw new UsageError(`${label} file ${path}: ${problems.join('; ')}`, {
    suggestion: `Valid keys: ${SETTING_KEYS.join(', ')}. See .heygenrc.example.`,
    details: { file: path, key: firstKey(parsed.error.issues[0]) },
  });
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    const named = issue.keys.map((k) => {
      const near = closest(k, SETTING_KEYS);
      return near ? `"${k}" (did you mean "${near}"?)` : `"${k}"`;
    });
    return `unknown key${issue.keys.length > 1 ? 's' : ''} ${named.join(', ')}`;
  }
  return `"${issue.path.join('.')}": ${issue.message}`;
}

function firstKey(issue: z.core.$ZodIssue | undefined): string | undefined {
  if (!issue) return undefined;
  if (issue.code === 'unrecognized_keys') return issue.keys[0];
  return issue.path.join('.');
}

/** TWIN_ASPECT_RATIO=9:16 and friends, typed by the schema. */
export function settingsFromEnv(env: Record<string, string | undefined>): Settings {
  const raw: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) {
    const value = env[envVarFor(key)];
    if (value === undefined || value === '') continue;
    raw[key] = coerceSetting(key, value);
  }
  if (Object.keys(raw).length === 0) return {};
  const parsed = settingsSchema().safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const name = envVarFor((firstKey(issue) ?? '') as SettingKey);
  throw new UsageError(`Environment variable ${name}: ${issue.message}`, {
    suggestion: `Fix or unset ${name}.`,
    details: { env: name },
  });
}

/** aspect-ratio → TWIN_ASPECT_RATIO */
export function envVarFor(key: SettingKey): string {
  return `TWIN_${key.toUpperCase().replace(/-/g, '_')}`;
}
