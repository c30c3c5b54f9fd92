import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Ctx, SignedInCtx } from '../../http/context.ts';
import { NotFoundError } from '../../http/errors.ts';
import { authorize } from '../../http/access.ts';
import { CASEWORK_ROLES, type Action, type PersonAccess } from '../auth/policy.ts';
import type { Actor } from '../auth/roles.ts';

/**
 * Who may see a person, twice over and kept in step: `personAccess` loads what the pure policy
 * (canSeePerson) needs for one record; `visiblePeople` is the same rule as SQL, so that lists and
 * searches can never show a person the person page would refuse.
 */
export async function personAccess(ctx: Ctx, personId: string): Promise<PersonAccess & { programmeId: string } | null> {
  const person = await ctx.db
    .selectFrom('person')
    .select(['programme_id', 'team_id'])
    .where('id', '=', personId)
    .where('merged_into', 'is', null)
    .executeTakeFirst();
  if (!person) return null;
  const episodes = await ctx.db
    .selectFrom('episode')
    .select(['team_id', 'prison_coach_id', 'community_coach_id', 'employment_consultant_id', 'family_support_id'])
    .where('person_id', '=', personId)
    .execute();
  const teamIds = [person.team_id, ...episodes.map((e) => e.team_id)].filter((id): id is string => id !== null);
  const workerIds = episodes
    .flatMap((e) => [e.prison_coach_id, e.community_coach_id, e.employment_consultant_id, e.family_support_id])
    .filter((id): id is string => id !== null);
  return { programmeId: person.programme_id, teamIds: [...new Set(teamIds)], workerIds: [...new Set(workerIds)] };
}

/**
 * Loads a person's access and checks `action` against it: a person of another programme, a merged
 * record or one that does not exist is "not found"; one the actor may not see is refused (and audited).
 */
export async function authorizePerson(ctx: SignedInCtx, personId: string, action: Action): Promise<PersonAccess> {
  const access = await personAccess(ctx, personId);
  if (!access || access.programmeId !== ctx.actor.programmeId) throw new NotFoundError();
  await authorize(ctx, action, { kind: 'person', id: personId, programmeId: access.programmeId, access });
  return access;
}

/** The SQL form of canSeePerson, for a query with the person table as `p`. */
export function visiblePeople(actor: Actor) {
  return (eb: ExpressionBuilder<Database & { p: Database['person'] }, 'p'>): Expression<SqlBool> => {
    if (!CASEWORK_ROLES.includes(actor.role)) return sql<SqlBool>`false`;
    const teamCaseworker = actor.role !== 'employment_consultant' && actor.role !== 'family_support_coordinator';
    const me = actor.userId;
    const team = actor.teamId;
    const allocated = eb.exists(
      eb
        .selectFrom('episode as ve')
        .select(sql`1`.as('one'))
        .whereRef('ve.person_id', '=', 'p.id')
        .where((inner) =>
          inner.or([
            inner('ve.prison_coach_id', '=', me),
            inner('ve.community_coach_id', '=', me),
            inner('ve.employment_consultant_id', '=', me),
            inner('ve.family_support_id', '=', me),
            ...(teamCaseworker && team ? [inner('ve.team_id', '=', team)] : []),
          ]),
        ),
    );
    return teamCaseworker && team ? eb.or([eb('p.team_id', '=', team), allocated]) : allocated;
  };
}
