import type { ExpressionBuilder, Expression, SqlBool } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../auth/roles.ts';

/**
 * A partner agency's user sees a referral when it was sent to their organisation through Throughcare
 * ("live") and has not been marked entered in error. The pure rule is 'referrals.answer' in
 * auth/policy.ts; this is its SQL twin, for the agency's lists, with the referral table as `r`.
 * tests/integration/referral-portal*.test.ts checks that a second agency's user sees nothing.
 */
export function referralsOfActorsAgency(actor: Actor) {
  return (eb: ExpressionBuilder<Database & { r: Database['referral'] }, 'r'>): Expression<SqlBool> =>
    eb.and([
      eb('r.programme_id', '=', actor.programmeId),
      actor.role === 'partner_agency' && actor.organisationId !== null ? eb('r.organisation_id', '=', actor.organisationId) : eb.val(false),
      eb('r.mode', '=', 'live'),
      eb('r.entered_in_error_at', 'is', null),
    ]);
}
