import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../auth/roles.ts';

/**
 * The families whose details the actor may see, with the family table as `f`: the SQL twin of
 * canSeeFamily in auth/policy.ts (the co-ordinator working with the family, the team's co-ordinators
 * and its leader), for lists and searches. tests/integration/family-access.test.ts checks they agree.
 */
export function familiesVisibleTo(actor: Actor) {
  return (eb: ExpressionBuilder<Database & { f: Database['family'] }, 'f'>): Expression<SqlBool> => {
    const ownTeam = actor.teamId === null ? eb.val(false) : eb('f.team_id', '=', actor.teamId);
    const seen =
      actor.role === 'family_support_coordinator'
        ? eb.or([eb('f.coordinator_id', '=', actor.userId), ownTeam])
        : actor.role === 'team_leader'
          ? ownTeam
          : eb.val(false);
    return eb.and([eb('f.programme_id', '=', actor.programmeId), seen]);
  };
}
