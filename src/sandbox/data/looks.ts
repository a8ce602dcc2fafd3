// Seed looks and groups. The mix is chosen so every rule of contract §4.3 has a look that exercises it.
// The avatar_type enum has no `instant_avatar`, so an instant-avatar sibling (the only kind accepted
// as engine.reference_look_id) is a digital_twin look carrying the tag 'instant_avatar'.

export type AvatarType = 'studio_avatar' | 'digital_twin' | 'photo_avatar';
export type Engine = 'avatar_v' | 'avatar_iv' | 'avatar_iii';
export type LookStatus = 'processing' | 'pending_consent' | 'failed' | 'completed';

export interface SeedLook {
  seq: number;
  id: string;
  name: string;
  avatarType: AvatarType;
  ownership: 'public' | 'private';
  groupId: string;
  groupName: string;
  gender: 'male' | 'female' | null;
  defaultVoiceId: string | null;
  tags: string[];
  engines: Engine[];
  orientation: 'portrait' | 'landscape' | 'square';
  status: LookStatus | null;
  error: { code: string; message: string } | null;
  /** Not visible in the API (contract §2.1): decides whether webm / remove_background are accepted. */
  matting: boolean;
  createdAt: number;
}

const BASE_CREATED = 1_767_225_600; // 2026-01-01T00:00:00Z

type LookSeed = Omit<SeedLook, 'seq' | 'createdAt' | 'tags' | 'status' | 'error' | 'matting'> &
  Partial<Pick<SeedLook, 'tags' | 'status' | 'error' | 'matting'>>;

const seeds: LookSeed[] = [
  // Private digital twins: the tool's main subject.
  {
    id: 'lk_alex_office',
    name: 'Alex – office',
    avatarType: 'digital_twin',
    ownership: 'private',
    groupId: 'grp_alex',
    groupName: 'Alex',
    gender: 'male',
    defaultVoiceId: 'v_en_m_01',
    engines: ['avatar_iv', 'avatar_v'],
    orientation: 'landscape',
  },
  {
    id: 'lk_alex_studio',
    name: 'Alex – studio',
    avatarType: 'digital_twin',
    ownership: 'private',
    groupId: 'grp_alex',
    groupName: 'Alex',
    gender: 'male',
    defaultVoiceId: 'v_en_m_01',
    engines: ['avatar_iv', 'avatar_iii'],
    orientation: 'landscape',
  },
  {
    id: 'lk_alex_instant',
    name: 'Alex – instant',
    avatarType: 'digital_twin',
    ownership: 'private',
    groupId: 'grp_alex',
    groupName: 'Alex',
    gender: 'male',
    defaultVoiceId: 'v_en_m_01',
    engines: ['avatar_iv', 'avatar_v'],
    orientation: 'landscape',
    tags: ['instant_avatar'],
  },
  {
    id: 'lk_maya_portrait',
    name: 'Maya – portrait',
    avatarType: 'digital_twin',
    ownership: 'private',
    groupId: 'grp_maya',
    groupName: 'Maya',
    gender: 'female',
    defaultVoiceId: 'v_en_f_01',
    engines: ['avatar_iv', 'avatar_v'],
    orientation: 'portrait',
  },
  {
    id: 'lk_maya_square',
    name: 'Maya – square',
    avatarType: 'digital_twin',
    ownership: 'private',
    groupId: 'grp_maya',
    groupName: 'Maya',
    gender: 'female',
    defaultVoiceId: 'v_en_f_01',
    engines: ['avatar_iv'],
    orientation: 'square',
  },
  {
    id: 'lk_maya_instant',
    name: 'Maya – instant',
    avatarType: 'digital_twin',
    ownership: 'private',
    groupId: 'grp_maya',
    groupName: 'Maya',
    gender: 'female',
    defaultVoiceId: 'v_en_f_01',
    engines: ['avatar_iv', 'avatar_v'],
    orientation: 'portrait',
    tags: ['instant_avatar'],
  },
  {
    id: 'lk_sam_desk',
    name: 'Sam – desk',
    avatarType: 'digital_twin',
    ownership: 'private',
    groupId: 'grp_sam',
    groupName: 'Sam',
    gender: 'male',
    defaultVoiceId: null,
    engines: ['avatar_iv'],
    orientation: 'landscape',
    matting: false,
  },
  {
    id: 'lk_jordan_new',
    name: 'Jordan – new',
    avatarType: 'digital_twin',
    ownership: 'private',
    groupId: 'grp_jordan',
    groupName: 'Jordan',
    gender: 'female',
    defaultVoiceId: 'v_en_f_02',
    engines: ['avatar_iv', 'avatar_v'],
    orientation: 'landscape',
    status: 'processing',
  },
  {
    id: 'lk_riley_failed',
    name: 'Riley – first take',
    avatarType: 'digital_twin',
    ownership: 'private',
    groupId: 'grp_riley',
    groupName: 'Riley',
    gender: 'male',
    defaultVoiceId: 'v_en_m_02',
    engines: ['avatar_iv'],
    orientation: 'landscape',
    status: 'failed',
    error: { code: 'training_failed', message: 'The face could not be tracked in the footage: record again in even light.' },
  },
  // Private photo avatars.
  {
    id: 'lk_photo_luna',
    name: 'Luna',
    avatarType: 'photo_avatar',
    ownership: 'private',
    groupId: 'grp_luna',
    groupName: 'Luna',
    gender: 'female',
    defaultVoiceId: 'v_en_f_03',
    engines: ['avatar_iv', 'avatar_v'],
    orientation: 'square',
  },
  {
    id: 'lk_photo_max',
    name: 'Max',
    avatarType: 'photo_avatar',
    ownership: 'private',
    groupId: 'grp_max',
    groupName: 'Max',
    gender: 'male',
    defaultVoiceId: 'v_en_m_03',
    engines: ['avatar_iv', 'avatar_iii'],
    orientation: 'portrait',
  },
  // Public HeyGen presets (no status field, contract §2.1).
  {
    id: 'lk_studio_anna',
    name: 'Anna – business',
    avatarType: 'studio_avatar',
    ownership: 'public',
    groupId: 'grp_anna',
    groupName: 'Anna',
    gender: 'female',
    defaultVoiceId: 'v_en_f_04',
    engines: ['avatar_iv', 'avatar_iii'],
    orientation: 'landscape',
  },
  {
    id: 'lk_studio_ben',
    name: 'Ben – casual',
    avatarType: 'studio_avatar',
    ownership: 'public',
    groupId: 'grp_ben',
    groupName: 'Ben',
    gender: 'male',
    defaultVoiceId: 'v_en_m_04',
    engines: ['avatar_iv', 'avatar_iii'],
    orientation: 'landscape',
  },
  {
    id: 'lk_studio_chen',
    name: 'Chen – lab coat',
    avatarType: 'studio_avatar',
    ownership: 'public',
    groupId: 'grp_chen',
    groupName: 'Chen',
    gender: 'male',
    defaultVoiceId: 'v_en_m_05',
    engines: ['avatar_iv', 'avatar_v'],
    orientation: 'landscape',
  },
  {
    id: 'lk_studio_dana',
    name: 'Dana – news desk',
    avatarType: 'studio_avatar',
    ownership: 'public',
    groupId: 'grp_dana',
    groupName: 'Dana',
    gender: 'female',
    defaultVoiceId: 'v_en_f_05',
    engines: ['avatar_iv'],
    orientation: 'landscape',
  },
  {
    id: 'lk_studio_eli',
    name: 'Eli – standing',
    avatarType: 'studio_avatar',
    ownership: 'public',
    groupId: 'grp_eli',
    groupName: 'Eli',
    gender: 'male',
    defaultVoiceId: 'v_es_m_01',
    engines: ['avatar_iv', 'avatar_iii'],
    orientation: 'portrait',
  },
  {
    id: 'lk_photo_nova',
    name: 'Nova',
    avatarType: 'photo_avatar',
    ownership: 'public',
    groupId: 'grp_nova',
    groupName: 'Nova',
    gender: 'female',
    defaultVoiceId: 'v_fr_f_01',
    engines: ['avatar_iv'],
    orientation: 'portrait',
  },
];

export const LOOKS: readonly SeedLook[] = seeds.map((s, i) => ({
  tags: [],
  status: s.ownership === 'private' ? 'completed' : null,
  error: null,
  matting: true,
  ...s,
  seq: i,
  createdAt: BASE_CREATED + i * 86_400,
}));

const DIMENSIONS = {
  landscape: [1920, 1080],
  portrait: [1080, 1920],
  square: [1080, 1080],
} as const;

/** `looks`: a sandbox's own list (seeds plus twins created there); the seeds alone by default. */
export function findLook(id: string, looks: readonly SeedLook[] = LOOKS): SeedLook | undefined {
  return looks.find((l) => l.id === id);
}

/** A sandbox's own copy of the seeds, so renaming or deleting one never touches another sandbox. */
export function cloneSeedLooks(): SeedLook[] {
  return LOOKS.map((l) => ({ ...l, tags: [...l.tags], engines: [...l.engines], error: l.error && { ...l.error } }));
}

export function isInstantAvatar(look: SeedLook): boolean {
  return look.tags.includes('instant_avatar');
}

/** A look is usable once trained (contract §2.1 readiness heuristic: preview and size present). */
function trained(look: SeedLook): boolean {
  return look.status === null || look.status === 'completed';
}

export function lookView(look: SeedLook, baseUrl: string): Record<string, unknown> {
  const ready = trained(look);
  const [width, height] = DIMENSIONS[look.orientation];
  return {
    id: look.id,
    name: look.name,
    avatar_type: look.avatarType,
    group_id: look.groupId,
    gender: look.gender,
    preview_image_url: ready ? `${baseUrl}/static/looks/${look.id}.jpg` : null,
    preview_video_url: ready && look.avatarType !== 'photo_avatar' ? `${baseUrl}/static/looks/${look.id}.mp4` : null,
    default_voice_id: look.defaultVoiceId,
    tags: look.tags,
    supported_api_engines: look.engines,
    preferred_orientation: look.orientation,
    image_width: ready ? width : null,
    image_height: ready ? height : null,
    ...(look.ownership === 'private' ? { status: look.status, error: look.error } : {}),
  };
}

export function groupIds(all: readonly SeedLook[]): string[] {
  return [...new Set(all.map((l) => l.groupId))];
}

/** What a group created through POST /v3/avatars remembers beyond its looks. */
export interface GroupFacts {
  createdAt: number;
  /** null: consent is not required (contract §2.5). */
  consentStatus: string | null;
}

export function groupView(
  groupId: string,
  baseUrl: string,
  all: readonly SeedLook[],
  facts?: GroupFacts,
): Record<string, unknown> | undefined {
  const looks = all.filter((l) => l.groupId === groupId);
  const first = looks[0];
  if (!first) return undefined;
  const isPrivate = first.ownership === 'private';
  const firstReady = looks.find(trained);
  return {
    id: groupId,
    name: first.groupName,
    created_at: facts?.createdAt ?? first.createdAt,
    looks_count: looks.length,
    gender: first.gender,
    preview_image_url: firstReady ? `${baseUrl}/static/looks/${firstReady.id}.jpg` : null,
    preview_video_url: firstReady ? `${baseUrl}/static/looks/${firstReady.id}.mp4` : null,
    default_voice_id: first.defaultVoiceId,
    ...(isPrivate
      ? {
          status: firstReady ? 'completed' : first.status,
          consent_status: facts ? facts.consentStatus : 'approved',
          error: firstReady ? null : first.error,
        }
      : { consent_status: null }),
  };
}

export function groupOwnership(groupId: string, all: readonly SeedLook[]): 'public' | 'private' | undefined {
  return all.find((l) => l.groupId === groupId)?.ownership;
}
