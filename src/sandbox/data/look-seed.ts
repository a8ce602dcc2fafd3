// A seed list states each group once: `lookGroup` fills in what every look of the group shares
// (avatar type, ownership, group id and name, gender, default voice), so each look states only
// what differs: its id, the name after the group's, engines, orientation and any exception.
import type { LookSeed } from './look-types.js';

type Shared = Pick<LookSeed, 'avatarType' | 'ownership' | 'groupName' | 'gender' | 'defaultVoiceId'>;

type Own = Pick<LookSeed, 'id' | 'engines' | 'orientation'> &
  Partial<Pick<LookSeed, 'tags' | 'status' | 'error' | 'matting'>> & {
    /** The look's name after the group's (`Alex – office`); none: the group's name alone. */
    look?: string;
  };

/** The group id is `grp_` and the group's name in lower case (`Alex` → `grp_alex`). */
export function lookGroup(shared: Shared): (own: Own) => LookSeed {
  const groupId = `grp_${shared.groupName.toLowerCase()}`;
  return ({ id, look, engines, orientation, ...exceptions }) => ({
    id,
    name: look === undefined ? shared.groupName : `${shared.groupName} – ${look}`,
    avatarType: shared.avatarType,
    ownership: shared.ownership,
    groupId,
    groupName: shared.groupName,
    gender: shared.gender,
    defaultVoiceId: shared.defaultVoiceId,
    engines,
    orientation,
    ...exceptions,
  });
}
