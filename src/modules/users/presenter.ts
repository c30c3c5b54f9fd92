import { ROLE_NAMES } from '../auth/roles.ts';
import type { UserRecord } from './service.ts';

/** The API's view of a user: never the password hash, lock counters or sessions. */
export function userToJson(user: UserRecord) {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    teamId: user.teamId,
    teamName: user.teamName,
    organisationId: user.organisationId,
    organisationName: user.organisationName,
    active: user.active,
    locked: user.locked,
    lastSignedInAt: user.lastSignedInAt?.toISOString() ?? null,
    version: user.version,
  };
}

export const roleChoices = (selected?: unknown) =>
  Object.entries(ROLE_NAMES).map(([value, text]) => ({ value, text, selected: value === selected, checked: value === selected }));

/** What the list says of a user's access: deactivated first, then locked out (too many failed sign-ins). */
export function userStatus(user: Pick<UserRecord, 'active' | 'locked'>): 'Deactivated' | 'Locked' | 'Active' {
  if (!user.active) return 'Deactivated';
  return user.locked ? 'Locked' : 'Active';
}
