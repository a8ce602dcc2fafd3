// The shape of a look and of a group's remembered facts, shared by the seed lists and the modules
// that read them.

type AvatarType = 'studio_avatar' | 'digital_twin' | 'photo_avatar';
export type Engine = 'avatar_v' | 'avatar_iv' | 'avatar_iii';
type LookStatus = 'processing' | 'pending_consent' | 'failed' | 'completed';

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

/** A seed as written in the lists: the fields every seed shares are filled in by looks.ts. */
export type LookSeed = Omit<SeedLook, 'seq' | 'createdAt' | 'tags' | 'status' | 'error' | 'matting'> &
  Partial<Pick<SeedLook, 'tags' | 'status' | 'error' | 'matting'>>;

/** What a group created through POST /v3/avatars remembers beyond its looks. */
export interface GroupFacts {
  createdAt: number;
  /** null: consent is not required (contract §2.5). */
  consentStatus: string | null;
}
