import { STAFF_ROLES, type Actor, type Role } from './roles.ts';

/**
 * What a user may do: one table of rules, pure functions of the actor and, where it matters, the
 * record. Anything not in the table is refused. Every route names the action it needs
 * (src/http/access.ts), and handlers ask again with the record when the answer depends on it.
 */
type Rule = (actor: Actor, resource?: Resource) => boolean;

/** The record a rule may look at. Later modules add their own shapes here. */
export type Resource = { kind: 'user'; id: string; programmeId: string };

const anyone: Rule = () => true;
const roles =
  (...allowed: Role[]): Rule =>
  (actor) =>
    allowed.includes(actor.role);
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
  'apiTokens.manage': roles('administrator'),
  'audit.read': roles('administrator'),
} satisfies Record<string, Rule>;

export type Action = keyof typeof rules;

export const ACTIONS = Object.keys(rules) as Action[];

export function can(actor: Actor | null, action: Action, resource?: Resource): boolean {
  if (actor === null) return false;
  const rule: Rule | undefined = rules[action];
  return rule !== undefined && rule(actor, resource);
}
