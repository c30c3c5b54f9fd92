import type { Resource } from './policy.ts';
import type { Actor, Role } from './roles.ts';

/** A rule of the policy: a pure function of the actor and, where it matters, the record. */
export type Rule = (actor: Actor, resource?: Resource) => boolean;

/** A rule any of these roles passes, whatever the record. */
export const roles =
  (...allowed: Role[]): Rule =>
  (actor) =>
    allowed.includes(actor.role);
