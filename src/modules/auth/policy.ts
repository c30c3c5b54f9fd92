import { STAFF_ROLES, type Actor, type Role } from './roles.ts';
import { roles, type Rule } from './rule-kit.ts';
import { STAFF_RULES } from './staff-rules.ts';

/**
 * What a user may do: one table of rules, pure functions of the actor and, where it matters, the
 * record. Anything not in the table is refused. Every route names the action it needs
 * (src/http/access.ts), and handlers ask again with the record when the answer depends on it.
 */

/** The record a rule may look at. Later modules add their own shapes here. */
export type Resource =
  | { kind: 'user'; id: string; programmeId: string }
  | { kind: 'person'; id: string; programmeId: string; access: PersonAccess }
  /** Something recorded on a sign-up (a contact, a visit...), by `createdBy`, about a person with `access`. */
  | { kind: 'casework-record'; id: string; programmeId: string; createdBy: string | null; access: PersonAccess }
  /** An API token, by the user it acts as (who made it). */
  | { kind: 'api-token'; id: string; programmeId: string; ownerId: string }
  /** A referral, by the organisation it was sent to and whether it went through Throughcare ('live'). */
  | { kind: 'referral'; id: string; programmeId: string; organisationId: string | null; mode: 'live' | 'logged'; enteredInError: boolean }
  /** An organisation of the agency directory (its feedback report). */
  | { kind: 'organisation'; id: string; programmeId: string }
  /** A family of family support, by the team holding it and the co-ordinator working with it. */
  | { kind: 'family'; id: string; programmeId: string; teamId: string; coordinatorId: string | null }
  /** A member of staff (their supervision, staff record, lived experience), by their team. */
  | { kind: 'staff'; id: string; programmeId: string; teamId: string | null }
  /** A supervision session, by who was supervised and who supervised them. */
  | { kind: 'supervision'; id: string; programmeId: string; superviseeId: string; supervisorId: string };

/**
 * Who works with a person, as the view person_link holds it: the teams holding them (between
 * sign-ups, and each sign-up's team), and the workers currently assigned to one of their sign-ups.
 */
export interface PersonAccess {
  teamIds: string[];
  workerIds: string[];
}

/** Case workers see their own and their team's clients; consultants and co-ordinators only theirs. */
const TEAM_CASEWORKERS: Role[] = ['prison_life_coach', 'community_life_coach', 'team_leader'];
export const REFERRED_ONLY: Role[] = ['employment_consultant', 'family_support_coordinator'];
export const CASEWORK_ROLES: Role[] = [...TEAM_CASEWORKERS, ...REFERRED_ONLY];

/**
 * Who may see a person. Its SQL twin is can_see_person() (migrations/0006_casework_core.sql), which
 * lists and searches use; tests/integration/visibility.test.ts checks the two agree.
 */
export function canSeePerson(actor: Actor, access: PersonAccess): boolean {
  if (access.workerIds.includes(actor.userId)) return CASEWORK_ROLES.includes(actor.role);
  return TEAM_CASEWORKERS.includes(actor.role) && actor.teamId !== null && access.teamIds.includes(actor.teamId);
}

/**
 * Contact notes are sensitive: the client's currently assigned workers and the team leader of a team
 * holding them read them; other caseworkers of the team see that a contact happened, not its notes.
 */
export function canReadNotes(actor: Actor, access: PersonAccess): boolean {
  if (!canSeePerson(actor, access)) return false;
  if (access.workerIds.includes(actor.userId)) return true;
  return actor.role === 'team_leader' && actor.teamId !== null && access.teamIds.includes(actor.teamId);
}

/**
 * Who may see a family's details (its members, safeguarding, referrals, support): the co-ordinator
 * working with it, the family support co-ordinators of the team holding it, and that team's leader.
 * A client's life coaches see only that a family is linked, and who to ask. Its SQL twin is
 * familiesVisibleTo() in families/access.ts; tests/integration/family-access.test.ts checks they agree.
 */
export function canSeeFamily(actor: Actor, family: { programmeId: string; teamId: string; coordinatorId: string | null }): boolean {
  if (family.programmeId !== actor.programmeId) return false;
  const ownTeam = actor.teamId !== null && actor.teamId === family.teamId;
  if (actor.role === 'family_support_coordinator') return family.coordinatorId === actor.userId || ownTeam;
  return actor.role === 'team_leader' && ownTeam;
}

const familyRule: Rule = (actor, resource) => {
  if (actor.role !== 'family_support_coordinator' && actor.role !== 'team_leader') return false;
  if (resource === undefined) return true;
  return resource.kind === 'family' && canSeeFamily(actor, resource);
};

/** Who recorded something, or a team leader, may correct it or mark it entered in error. */
function canCorrect(actor: Actor, resource?: Resource): boolean {
  if (!CASEWORK_ROLES.includes(actor.role)) return false;
  if (resource === undefined) return true;
  if (resource.kind !== 'casework-record' || resource.programmeId !== actor.programmeId) return false;
  if (!canSeePerson(actor, resource.access)) return false;
  return resource.createdBy === actor.userId || actor.role === 'team_leader';
}

/**
 * Verifying an outcome (verified, or rejected with a reason): a team leader or an employment
 * consultant who can see the client, and never the one who recorded it.
 */
function canVerify(actor: Actor, resource?: Resource): boolean {
  if (actor.role !== 'team_leader' && actor.role !== 'employment_consultant') return false;
  if (resource === undefined) return true;
  if (resource.kind !== 'casework-record' || resource.programmeId !== actor.programmeId) return false;
  return canSeePerson(actor, resource.access) && resource.createdBy !== actor.userId;
}

const personRule =
  (...allowed: Role[]): Rule =>
  (actor, resource) => {
    if (!allowed.includes(actor.role)) return false;
    if (resource === undefined) return true;
    return resource.kind === 'person' && resource.programmeId === actor.programmeId && canSeePerson(actor, resource.access);
  };

const anyone: Rule = () => true;
const sameProgramme = (actor: Actor, resource?: Resource) =>
  resource === undefined || resource.programmeId === actor.programmeId;

const rules = {
  'home.view': anyone,
  'account.use': anyone,
  'reference.read': roles(...STAFF_ROLES),
  'reference.manage': roles('administrator'),
  'users.read': (actor, resource) => actor.role === 'administrator' && sameProgramme(actor, resource),
  'users.manage': (actor, resource) => actor.role === 'administrator' && sameProgramme(actor, resource),
  /** An administrator cannot lock themselves out by deactivating or demoting their own account. */
  'users.deactivate': (actor, resource) =>
    actor.role === 'administrator' && sameProgramme(actor, resource) && resource?.id !== actor.userId,
  /** Remove a user's second factor (a lost phone): their programme's administrators. */
  'secondFactor.reset': (actor, resource) => actor.role === 'administrator' && sameProgramme(actor, resource),
  /** Every user may make API tokens that act as themselves (never as anyone else), and list and revoke them. */
  'apiTokens.own': anyone,
  'apiTokens.revokeOwn': (actor, resource) =>
    resource === undefined || (resource.kind === 'api-token' && resource.programmeId === actor.programmeId && resource.ownerId === actor.userId),
  /** List and revoke every token of the programme. */
  'apiTokens.manage': (actor, resource) => actor.role === 'administrator' && sameProgramme(actor, resource),
  'audit.read': roles('administrator'),
  /** People and their sign-ups: find, read, record work. The record's own check is canSeePerson. */
  'people.read': personRule(...CASEWORK_ROLES),
  'people.write': personRule(...CASEWORK_ROLES),
  /** Create a person and sign them up: the life coaches and their team leaders. */
  'people.create': roles('prison_life_coach', 'community_life_coach', 'team_leader'),
  /** Allocate and move clients between workers; override eligibility; merge and unmerge records. */
  'people.allocate': personRule('team_leader'),
  'people.merge': roles('team_leader'),
  /** Sign up someone whose sentence is outside the programme's eligibility, with a reason. */
  'signups.override': roles('team_leader'),
  /**
   * A worker's diary of planned appointments (only clients they may see: planning and recording them
   * is people.write, like contacts); a team leader may open the diaries of their team's workers.
   */
  'diary.read': roles(...CASEWORK_ROLES),
  'diary.team': roles('team_leader'),
  /** Sensitive contact notes: the client's assigned workers and their team leader. */
  'contacts.notes': (actor, resource) =>
    CASEWORK_ROLES.includes(actor.role) &&
    (resource === undefined || (resource.kind === 'person' && resource.programmeId === actor.programmeId && canReadNotes(actor, resource.access))),
  /** Correct a contact, visit, appointment or plan action, or mark it entered in error. */
  'casework.correct': canCorrect,
  /** Verify an outcome, or reject it with a reason. */
  'outcomes.verify': canVerify,
  /** Judge a client job-ready and hand them to an employment consultant: their life coaches and team leaders. */
  'employment.handOver': personRule('prison_life_coach', 'community_life_coach', 'team_leader'),
  /**
   * Mark a return to custody from the prison service's extract entered in error (a wrong match): the
   * team leader of a team holding the client, who runs the imports and answers for their figures.
   * Managers and administrators do not read client records, so cannot see the match to judge it.
   */
  'custody.returnInError': personRule('team_leader'),
  /** Reopen a closed sign-up so that work can be recorded on it again. */
  'signups.reopen': personRule('team_leader'),
  /** Caseload lists: a caseworker's own clients; a team leader's team's clients, and moving them between workers. */
  'caseload.read': roles(...CASEWORK_ROLES),
  'caseload.team': roles('team_leader'),
  'caseload.move': roles('team_leader'),
  /** Programme reports (aggregate figures, no names). */
  'reports.read': roles('team_leader', 'manager', 'analyst'),
  /** The return-to-custody analysis: evaluation figures for the programme as a whole, read by its managers and analysts. */
  'reports.returns': roles('manager', 'analyst'),
  /**
   * An agency's feedback report (its referrals' figures, no names): the programme's report readers for
   * any organisation; a partner agency's user for their own organisation only.
   */
  'reports.agencyFeedback': (actor, resource) => {
    if (resource !== undefined && (resource.kind !== 'organisation' || resource.programmeId !== actor.programmeId)) return false;
    if (actor.role === 'partner_agency') return actor.organisationId !== null && (resource === undefined || resource.id === actor.organisationId);
    return ['team_leader', 'manager', 'analyst'].includes(actor.role);
  },
  /** Bring a programme's spreadsheets in (the whole programme's people, so not caseworkers). */
  'imports.run': roles('team_leader', 'administrator'),
  /** Undo an import, removing exactly what it created. */
  'imports.undo': roles('team_leader'),
  /** Everything the programme holds, as files (to move or keep a copy): its administrators. */
  'exports.programme': roles('administrator'),
  /** A subject-access request: everything held on one person, and who looked at their record. */
  'exports.subjectAccess': roles('administrator'),
  /** The pseudonymised research extract: no names, contact details, prison numbers or notes. */
  'exports.research': roles('analyst', 'manager'),
  /** Programme settings: eligibility, lists. */
  'settings.manage': roles('administrator'),
  /** Retention: the rules for how long records are kept, and what falls due (the deletion itself runs from the command line). */
  'retention.manage': roles('administrator'),
  /** The agency directory (organisations, services, agreements; no one's case data): caseworkers search it, team leaders and administrators keep it. */
  'agencies.read': roles(...CASEWORK_ROLES, 'manager', 'administrator'),
  'agencies.write': roles('team_leader', 'administrator'),
  /**
   * A partner agency's user answers the referrals sent to their organisation through Throughcare, and
   * sees nothing else. Its SQL twin is referralsOfActorsAgency() in referrals/access.ts.
   */
  'referrals.answer': (actor, resource) => {
    if (actor.role !== 'partner_agency' || actor.organisationId === null) return false;
    if (resource === undefined) return true;
    return (
      resource.kind === 'referral' &&
      resource.programmeId === actor.programmeId &&
      resource.organisationId === actor.organisationId &&
      resource.mode === 'live' &&
      !resource.enteredInError
    );
  },
  /**
   * Family support: a family's details, and recording its members, clients, referrals, support and
   * outcomes (canSeeFamily); adding a family: co-ordinators and team leaders.
   */
  'families.read': familyRule,
  'families.write': familyRule,
  'families.create': roles('family_support_coordinator', 'team_leader'),
  /** Refer a client's family to family support (a life coach's referral), from the client's record: people.write on the client as well. */
  'families.refer': roles('prison_life_coach', 'community_life_coach', 'team_leader', 'family_support_coordinator'),
  /** The family support report (aggregate figures, no names). */
  'reports.familySupport': roles('team_leader', 'manager', 'analyst', 'family_support_coordinator'),
  ...STAFF_RULES,
  /** The team comparison (aggregate figures per team and per worker, no clients' names). */
  'reports.teams': roles('team_leader', 'manager'),
  /**
   * Funder returns: templates are kept by administrators; returns are produced by managers and read by
   * managers and administrators (aggregate figures only).
   */
  'funderReturns.templates': roles('administrator'),
  'funderReturns.read': roles('manager', 'administrator'),
  'funderReturns.produce': roles('manager'),
} satisfies Record<string, Rule>;

export type Action = keyof typeof rules;

export function can(actor: Actor | null, action: Action, resource?: Resource): boolean {
  if (actor === null) return false;
  const rule: Rule | undefined = rules[action];
  return rule !== undefined && rule(actor, resource);
}
