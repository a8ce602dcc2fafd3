// "Save these choices as defaults": the wizard's answers written to ./.heygenrc with the
// keys of the settings schema (never the key, never the script), merged into what the file
// already holds, validated by the same schema that reads it, and written atomically.
import { join } from 'node:path';
import { readSettingsFile, validateSettings } from '../config/load.js';
import { PROJECT_FILE } from '../config/paths.js';
import type { Settings } from '../config/schema.js';
import type { VideoInput } from '../core/video/request.js';
import { writeFileAtomic } from '../shared/safe-fs.js';

/** The inverse of inputFromSettings: only fields that have a settings key. */
function settingsFromInput(input: Partial<VideoInput>): Settings {
  const settings: Record<string, unknown> = {
    look: input.look,
    voice: input.voice,
    engine: input.engine,
    resolution: input.resolution,
    'aspect-ratio': input.aspectRatio,
    fit: input.fit,
    'output-format': input.outputFormat,
    expressiveness: input.expressiveness,
    'remove-background': input.removeBackground,
    background: input.background,
    'voice-speed': input.voiceSpeed,
    'voice-pitch': input.voicePitch,
    'voice-volume': input.voiceVolume,
    'voice-locale': input.voiceLocale,
    captions: input.captions,
    'callback-url': input.callbackUrl,
  };
  return Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined)) as Settings;
}

export async function saveDefaults(cwd: string, input: Partial<VideoInput>): Promise<{ path: string; keys: string[] }> {
  const path = join(cwd, PROJECT_FILE);
  const existing = await readSettingsFile(path, '.heygenrc');
  const chosen = settingsFromInput(input);
  const merged = validateSettings({ ...existing, ...chosen }, path);
  // Atomic, never through a link; "cannot write ./.heygenrc: read-only file system" on failure.
  writeFileAtomic(path, `${JSON.stringify(merged, null, 2)}\n`);
  return { path, keys: Object.keys(chosen) };
}
