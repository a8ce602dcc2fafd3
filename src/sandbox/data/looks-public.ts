// HeyGen's public presets: studio avatars and a photo avatar (no status field, contract §2.1).
import { lookGroup } from './look-seed.js';
import type { LookSeed } from './look-types.js';

const studio = (groupName: string, gender: 'male' | 'female', defaultVoiceId: string) =>
  lookGroup({ avatarType: 'studio_avatar', ownership: 'public', groupName, gender, defaultVoiceId });

const anna = studio('Anna', 'female', 'v_en_f_04');
const ben = studio('Ben', 'male', 'v_en_m_04');
const chen = studio('Chen', 'male', 'v_en_m_05');
const dana = studio('Dana', 'female', 'v_en_f_05');
const eli = studio('Eli', 'male', 'v_es_m_01');
const nova = lookGroup({
  avatarType: 'photo_avatar',
  ownership: 'public',
  groupName: 'Nova',
  gender: 'female',
  defaultVoiceId: 'v_fr_f_01',
});

export const PUBLIC_SEEDS: LookSeed[] = [
  anna({ id: 'lk_studio_anna', look: 'business', engines: ['avatar_iv', 'avatar_iii'], orientation: 'landscape' }),
  ben({ id: 'lk_studio_ben', look: 'casual', engines: ['avatar_iv', 'avatar_iii'], orientation: 'landscape' }),
  chen({ id: 'lk_studio_chen', look: 'lab coat', engines: ['avatar_iv', 'avatar_v'], orientation: 'landscape' }),
  dana({ id: 'lk_studio_dana', look: 'news desk', engines: ['avatar_iv'], orientation: 'landscape' }),
  eli({ id: 'lk_studio_eli', look: 'standing', engines: ['avatar_iv', 'avatar_iii'], orientation: 'portrait' }),
  nova({ id: 'lk_photo_nova', engines: ['avatar_iv'], orientation: 'portrait' }),
];
