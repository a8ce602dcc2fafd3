// The caller's own looks (private): digital twins, the tool's main subject, then photo avatars.
import { lookGroup } from './look-seed.js';
import type { LookSeed } from './look-types.js';

const twin = (groupName: string, gender: 'male' | 'female', defaultVoiceId: string | null) =>
  lookGroup({ avatarType: 'digital_twin', ownership: 'private', groupName, gender, defaultVoiceId });
const photo = (groupName: string, gender: 'male' | 'female', defaultVoiceId: string) =>
  lookGroup({ avatarType: 'photo_avatar', ownership: 'private', groupName, gender, defaultVoiceId });

const alex = twin('Alex', 'male', 'v_en_m_01');
const maya = twin('Maya', 'female', 'v_en_f_01');
const sam = twin('Sam', 'male', null);
const jordan = twin('Jordan', 'female', 'v_en_f_02');
const riley = twin('Riley', 'male', 'v_en_m_02');
const luna = photo('Luna', 'female', 'v_en_f_03');
const max = photo('Max', 'male', 'v_en_m_03');

export const PRIVATE_SEEDS: LookSeed[] = [
  // Private digital twins: the tool's main subject.
  alex({ id: 'lk_alex_office', look: 'office', engines: ['avatar_iv', 'avatar_v'], orientation: 'landscape' }),
  alex({ id: 'lk_alex_studio', look: 'studio', engines: ['avatar_iv', 'avatar_iii'], orientation: 'landscape' }),
  alex({ id: 'lk_alex_instant', look: 'instant', engines: ['avatar_iv', 'avatar_v'], orientation: 'landscape', tags: ['instant_avatar'] }),
  maya({ id: 'lk_maya_portrait', look: 'portrait', engines: ['avatar_iv', 'avatar_v'], orientation: 'portrait' }),
  maya({ id: 'lk_maya_square', look: 'square', engines: ['avatar_iv'], orientation: 'square' }),
  maya({ id: 'lk_maya_instant', look: 'instant', engines: ['avatar_iv', 'avatar_v'], orientation: 'portrait', tags: ['instant_avatar'] }),
  // The one look without matting: webm and remove_background are refused.
  sam({ id: 'lk_sam_desk', look: 'desk', engines: ['avatar_iv'], orientation: 'landscape', matting: false }),
  jordan({ id: 'lk_jordan_new', look: 'new', engines: ['avatar_iv', 'avatar_v'], orientation: 'landscape', status: 'processing' }),
  riley({
    id: 'lk_riley_failed',
    look: 'first take',
    engines: ['avatar_iv'],
    orientation: 'landscape',
    status: 'failed',
    error: { code: 'training_failed', message: 'The face could not be tracked in the footage: record again in even light.' },
  }),
  // Private photo avatars.
  luna({ id: 'lk_photo_luna', engines: ['avatar_iv', 'avatar_v'], orientation: 'square' }),
  max({ id: 'lk_photo_max', engines: ['avatar_iv', 'avatar_iii'], orientation: 'portrait' }),
];
