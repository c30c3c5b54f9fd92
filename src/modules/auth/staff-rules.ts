import { STAFF_ROLES, type Actor, type Role } from './roles.ts';
import { roles, type Rule } from './rule-kit.ts';

/**
 * The policy's rules about staff (issue 16): supervision, staff records and lived experience.
 * They are spread into the policy's one table (policy.ts), kept here so that each file holds one part.
 */

/**
 * Supervision is confidential to the supervisee, the supervisor who held the session and the
 * programme's managers; no one else reads it (not administrators, not other team leaders). Its SQL
 * twin is supervisionsVisibleTo() in supervision/access.ts; tests/integration/supervision-access.test.ts
 * checks they agree.
 */
export function canReadSupervision(actor: Actor, session: { programmeId: string; superviseeId: string; supervisorId: string }): boolean {
  if (session.programmeId !== actor.programmeId) return false;
  return actor.userId === session.superviseeId || actor.userId === session.supervisorId || actor.role === 'manager';
}

/** Who may supervise a worker (and so record a session with them): the leader of their team, or a manager; never themselves. */
export function canSupervise(actor: Actor, staff: { id: string; programmeId: string; teamId: string | null }): boolean {
  if (staff.programmeId !== actor.programmeId || staff.id === actor.userId) return false;
  if (actor.role === 'manager') return true;
  return actor.role === 'team_leader' && actor.teamId !== null && actor.teamId === staff.teamId;
}

/** Lived experience is given by the worker only, and shown only to them and to managers. */
export function canReadLivedExperience(actor: Actor, staff: { id: string; programmeId: string }): boolean {
  if (staff.programmeId !== actor.programmeId) return false;
  return actor.userId === staff.id || actor.role === 'manager';
}

/** A worker's staff record (vetting, prison clearances, training): kept by administrators and the leader of the worker's team. */
export function canKeepStaffRecord(actor: Actor, staff: { id: string; programmeId: string; teamId: string | null }): boolean {
  if (staff.programmeId !== actor.programmeId) return false;
  if (actor.role === 'administrator') return true;
  return actor.role === 'team_leader' && actor.teamId !== null && actor.teamId === staff.teamId && staff.id !== actor.userId;
}

/** Read by those who keep it, the programme's managers, and the worker themselves. */
export function canSeeStaffRecord(actor: Actor, staff: { id: string; programmeId: string; teamId: string | null }): boolean {
  if (staff.programmeId !== actor.programmeId) return false;
  return actor.userId === staff.id || actor.role === 'manager' || canKeepStaffRecord(actor, staff);
}

/** A rule on a member of staff: with no record, whether the actor's role could ever pass it. */
const staffRule =
  (check: (actor: Actor, staff: { id: string; programmeId: string; teamId: string | null }) => boolean, ...possible: Role[]): Rule =>
  (actor, resource) => {
    if (resource === undefined) return possible.includes(actor.role);
    return resource.kind === 'staff' && check(actor, resource);
  };

/** The staff rules, spread into the policy's one table (policy.ts). */
export const STAFF_RULES = {
  /**
   * Supervision: reading a session (canReadSupervision; every member of staff may read their own),
   * recording one with a worker (canSupervise), correcting it or marking it entered in error (the
   * supervisor who held it), and the list of whose supervision is due or overdue (team leaders for
   * their team, managers for everyone).
   */
  'supervision.read': (actor, resource) => {
    if (resource === undefined) return STAFF_ROLES.includes(actor.role);
    if (resource.kind === 'staff') return resource.programmeId === actor.programmeId && (resource.id === actor.userId || canSupervise(actor, resource) || actor.role === 'manager');
    return resource.kind === 'supervision' && canReadSupervision(actor, resource);
  },
  'supervision.record': staffRule(canSupervise, 'team_leader', 'manager'),
  'supervision.correct': (actor, resource) => {
    if (resource === undefined) return actor.role === 'team_leader' || actor.role === 'manager';
    return resource.kind === 'supervision' && resource.programmeId === actor.programmeId && resource.supervisorId === actor.userId;
  },
  'supervision.due': roles('team_leader', 'manager'),
  /**
   * Staff records: a worker's vetting, prison clearances and training (canSeeStaffRecord,
   * canKeepStaffRecord); the list of what expires soon (team leaders for their team, administrators for
   * everyone); lived experience, given and withdrawn by the worker only (livedExperience.own) and read
   * by managers (canReadLivedExperience).
   */
  'staff.read': staffRule(canSeeStaffRecord, ...STAFF_ROLES),
  'staff.keep': staffRule(canKeepStaffRecord, 'team_leader', 'administrator'),
  'staff.list': roles('team_leader', 'manager', 'administrator'),
  'staff.expiring': roles('team_leader', 'administrator'),
  'livedExperience.own': roles(...STAFF_ROLES),
  'livedExperience.read': staffRule(canReadLivedExperience, ...STAFF_ROLES),
} satisfies Record<string, Rule>;
