import { sql } from 'kysely';
import type { SignedInCtx } from '../../http/context.ts';
import { withoutOthers } from '../subject-access/audit-trail.ts';

/** The audit log's record types about a member of staff as staff (their account, staff record, lived experience, supervision). */
const STAFF_RECORD_TYPES = ['user', 'staff', 'lived-experience', 'staff-vetting', 'prison-clearance', 'staff-training', 'supervision'];

/** Lists that name members of staff: only how many were listed is shown, never the others. */
const STAFF_LISTS = ['userIds', 'superviseeIds'] as const;

/**
 * Who looked at or changed a member of staff's records, and when: every audit event about their
 * account, staff record, lived experience or supervision (by its id, or naming them as the worker or
 * supervisee), and every list that named them. Read from the events of those record types only, so
 * it never reads the rest of the log.
 */
export async function staffAuditTrail(ctx: SignedInCtx, userId: string) {
  const named = JSON.stringify([userId]);
  const events = await ctx.db
    .selectFrom('audit_event as a')
    .select(['a.occurred_at as occurredAt', 'a.actor_label as who', 'a.action', 'a.record_type as recordType', 'a.detail'])
    .where('a.programme_id', '=', ctx.actor.programmeId)
    .where('a.record_type', 'in', STAFF_RECORD_TYPES)
    .where(
      sql<boolean>`(a.record_id = ${userId} or a.detail ->> 'userId' = ${userId} or a.detail ->> 'superviseeId' = ${userId}
        or ${sql.join(
          STAFF_LISTS.map((key) => sql`(a.detail -> ${key}) @> ${named}::jsonb`),
          sql` or `,
        )})`,
    )
    .orderBy('a.occurred_at')
    .orderBy('a.id')
    .execute();
  return events.map((event) => ({ ...event, seenInSearch: false, detail: withoutOthers(event.detail, STAFF_LISTS) }));
}
