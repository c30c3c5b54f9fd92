import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Ctx, SignedInCtx } from '../../http/context.ts';
import { NotFoundError } from '../../http/errors.ts';
import { authorize } from '../../http/access.ts';
import type { Action, PersonAccess } from '../auth/policy.ts';
import type { Actor } from '../auth/roles.ts';

/**
 * Who may see a person is one rule, held in the database (migrations/0006_casework_core.sql): the
 * view person_link (every link between a person and a team or a currently assigned worker) and the
 * function can_see_person() over it. The policy loader reads a person's links from the view for the
 * pure rule (canSeePerson in auth/policy.ts); lists and searches call the function. A test checks
 * that the two agree in many generated situations.
 */
export async function personAccess(ctx: Ctx, personId: string): Promise<(PersonAccess & { programmeId: string }) | null> {
  // One query: the person and their links' teams and workers beside it (JSON, read alike on PGlite and PostgreSQL).
  const person = await ctx.db
    .selectFrom('person as p')
    .select((eb) => [
      'p.programme_id',
      eb
        .selectFrom('person_link as l')
        .select(sql<{ teams: (string | null)[] | null; workers: (string | null)[] | null }>`json_build_object('teams', json_agg(l.team_id), 'workers', json_agg(l.worker_id))`.as('links'))
        .whereRef('l.programme_id', '=', 'p.programme_id')
        .whereRef('l.person_id', '=', 'p.id')
        .as('links'),
    ])
    .where('p.id', '=', personId)
    .$if(ctx.actor !== null, (q) => q.where('p.programme_id', '=', ctx.actor?.programmeId ?? ''))
    .where('p.merged_into', 'is', null)
    .executeTakeFirst();
  if (!person) return null;
  const present = (ids: (string | null)[] | null | undefined) => [...new Set((ids ?? []).filter((id): id is string => id !== null))];
  return { programmeId: person.programme_id, teamIds: present(person.links?.teams), workerIds: present(person.links?.workers) };
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

/** can_see_person() for the actor and the person whose id is `personId` (a column reference or a value). */
export function canSeePersonSql(actor: Actor, personId: Expression<string>): Expression<SqlBool> {
  return sql<SqlBool>`can_see_person(${actor.programmeId}::uuid, ${personId}, ${actor.userId}::uuid, ${actor.role}::text, ${actor.teamId}::uuid)`;
}

/** The one rule as a filter, for a query with the person table as `p`. */
export function visiblePeople(actor: Actor) {
  return (eb: ExpressionBuilder<Database & { p: Database['person'] }, 'p'>): Expression<SqlBool> => canSeePersonSql(actor, eb.ref('p.id'));
}
