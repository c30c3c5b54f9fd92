import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../auth/roles.ts';

/**
 * The supervision sessions the actor may read, with the supervision table as `s`: the SQL twin of
 * canReadSupervision in auth/staff-rules.ts (the supervisee, the supervisor who held the session, and the
 * programme's managers), used by every list of sessions. tests/integration/supervision-access.test.ts
 * checks the two agree.
 */
export function supervisionsVisibleTo(actor: Actor) {
  return (eb: ExpressionBuilder<Database & { s: Database['supervision'] }, 's'>): Expression<SqlBool> => {
    const inProgramme = eb('s.programme_id', '=', actor.programmeId);
    if (actor.role === 'manager') return inProgramme;
    return eb.and([inProgramme, eb.or([eb('s.supervisee_id', '=', actor.userId), eb('s.supervisor_id', '=', actor.userId)])]);
  };
}
