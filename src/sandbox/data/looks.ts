// Seed looks and groups. The mix is chosen so every rule of contract §4.3 has a look that exercises it.
// The avatar_type enum has no `instant_avatar`, so an instant-avatar sibling (the only kind accepted
// as engine.reference_look_id) is a digital_twin look carrying the tag 'instant_avatar'.
import type { GroupFacts, SeedLook } from './look-types.js';
import { PRIVATE_SEEDS } from './looks-private.js';
import { PUBLIC_SEEDS } from './looks-public.js';

const BASE_CREATED = 1_767_225_600; // 2026-01-01T00:00:00Z

// The order of the seeds sets each look's seq and creation date: private first, then public.
const seeds = [...PRIVATE_SEEDS, ...PUBLIC_SEEDS];

const LOOKS: readonly SeedLook[] = seeds.map((s, i) => ({
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
