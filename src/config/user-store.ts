// Writes user settings (`twin config set/unset`) through conf, into the same
// configDir()/config.json that load.ts reads as plain JSON: start-up never pays for
// importing conf, and only the commands that change settings do (hence the dynamic import).
import type Conf from 'conf';
import { UsageError } from '../shared/errors.js';
import { closest } from '../shared/spelling.js';
import { fileSystemError } from '../shared/safe-fs.js';
import { privateConfigDir } from './credentials.js';
import { readSettingsFile, userSettingsPath } from './load.js';
import { configDir, USER_SETTINGS_FILE } from './paths.js';
import {
  coerceSetting,
  isSecretKey,
  isSettingKey,
  SETTING_EXAMPLES,
  SETTING_KEYS,
  settingsSchema,
  settingTypeOf,
  type SettingKey,
  type Settings,
} from './schema.js';
import { twinInvocation } from '../shared/twin-invocation.js';

type Env = Record<string, string | undefined>;

/** A key as the user typed it → a known setting, or exit 2 listing the valid ones. */
export function toSettingKey(name: string): SettingKey {
  const key = name.trim().replace(/^--/, '');
  if (isSettingKey(key)) return key;
  if (isSecretKey(key)) {
    throw new UsageError(`"${name}" cannot be stored as a setting: API keys never go in settings files.`, {
      suggestion: `Use \`${twinInvocation()} auth login\` (saved with file mode 0600) or the HEYGEN_API_KEY environment variable.`,
      details: { key: name },
    });
  }
  const near = closest(key, SETTING_KEYS);
  throw new UsageError(`Unknown setting "${name}".${near ? ` Did you mean "${near}"?` : ''}`, {
    suggestion: `Valid keys: ${SETTING_KEYS.join(', ')}.`,
    details: { key: name },
  });
}

/** "1.2" → 1.2, "true" → true, then the schema's verdict; errors name the key. */
export function parseSettingValue(key: SettingKey, text: string): Settings[SettingKey] {
  const parsed = settingsSchema().shape[key].safeParse(coerceSetting(key, text));
  if (parsed.success && parsed.data !== undefined) return parsed.data;
  const typed = settingTypeOf(key) === 'boolean';
  // On the command line (and in TWIN_* variables) yes/no/on/off/1/0 work too; JSON files need true/false.
  const reason = parsed.success ? 'needs a value' : `${parsed.error.issues[0]!.message}${typed ? ' (or yes/no, on/off, 1/0)' : ''}`;
  throw new UsageError(`Invalid value for ${key}: "${text}" ${reason}.`, {
    suggestion: `For example: ${twinInvocation()} config set ${key} ${SETTING_EXAMPLES[key]}`,
    details: { key },
  });
}

interface StoreChange {
  file: string;
  /** The value before the change (undefined when the key was not set). */
  previous: unknown;
}

export async function setUserSetting(
  env: Env,
  key: SettingKey,
  value: Settings[SettingKey],
  warn?: (line: string) => void,
): Promise<StoreChange> {
  const store = await openStore(env, warn);
  const previous = store.get(key);
  writing(store.path, () => store.set(key, value));
  return { file: store.path, previous };
}

export async function unsetUserSetting(env: Env, key: SettingKey, warn?: (line: string) => void): Promise<StoreChange> {
  const store = await openStore(env, warn);
  const previous = store.get(key);
  if (previous !== undefined) writing(store.path, () => store.delete(key));
  return { file: store.path, previous };
}

/** conf writes synchronously; its errno errors become "cannot write PATH: the disk is full". */
function writing(path: string, write: () => void): void {
  try {
    write();
  } catch (error) {
    throw fileSystemError(error, path, 'write');
  }
}

async function openStore(env: Env, warn?: (line: string) => void): Promise<Conf<Settings>> {
  // A hand-edited file with a mistake is reported (file + key) rather than rewritten or
  // cleared: conf would throw a bare SyntaxError, or with clearInvalidConfig lose everything.
  await readSettingsFile(userSettingsPath(env), 'user settings');
  // The folder also holds the credentials file: keep it private (created 0700, or tightened).
  const warning = privateConfigDir(env);
  if (warning) warn?.(warning);
  const { default: Conf } = await import('conf');
  return new Conf<Settings>({
    projectName: 'heygen-twin',
    cwd: configDir(env),
    configName: USER_SETTINGS_FILE.replace(/\.json$/, ''),
    fileExtension: 'json',
    configFileMode: 0o600,
    // Keys such as "aspect-ratio" are flat names, never paths.
    accessPropertiesByDotNotation: false,
    clearInvalidConfig: false,
  });
}
