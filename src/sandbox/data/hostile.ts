// The `hostileIds` knob: looks and voices whose ids and names carry shell code, quotes and line
// breaks, as a broken or hostile API base could send them. A client must treat them as inert text
// (completion caches, tables, file names); nothing here is a valid id for a create.
import type { SeedLook } from './look-types.js';
import type { SeedVoice } from './voices.js';

/** Each one makes a file named pwned_… in the current folder if a shell ever evaluates it. */
const HOSTILE_IDS: readonly string[] = [
  '$(>pwned_dollar)',
  '`>pwned_backtick`',
  'lk_ok\n$(>pwned_newline)',
  '$(touch${IFS}pwned_ifs)',
  'x;>pwned_semicolon',
  '\'"$(>pwned_quotes)"\'',
  'lk_tab\t$(>pwned_tab)',
  '$(touch pwned_spaced)',
];

const NAME = 'Evil $(>pwned_name)\n`>pwned_name2`\u001b[31m';

export function hostileLooks(): SeedLook[] {
  return HOSTILE_IDS.map((id, i) => ({
    seq: -100 + i,
    id,
    name: NAME,
    avatarType: 'digital_twin',
    ownership: 'private',
    groupId: `grp_hostile_${i}`,
    groupName: NAME,
    gender: null,
    defaultVoiceId: null,
    tags: [],
    engines: ['avatar_iv'],
    orientation: 'landscape',
    status: 'completed',
    error: null,
    matting: true,
    createdAt: 1_767_225_600,
  }));
}

export const HOSTILE_VOICES: readonly SeedVoice[] = HOSTILE_IDS.map((id, i) => ({
  seq: -100 + i,
  id,
  name: NAME,
  language: 'English',
  locale: 'en-US',
  gender: 'female',
  type: 'public',
  engines: ['starfish'],
  supportPause: false,
  supportLocale: false,
  hasPreview: false,
  status: null,
  createdAt: 1_767_225_600,
}));
