import { sql, type RawBuilder, type SqlBool } from 'kysely';

/**
 * The SQL twin of lifecycle's isOverdue, on a referral aliased `r`: unanswered after its answer day,
 * or an appointment gone by with no attendance recorded, on `day` (an ISO date, or a date expression).
 * The agency's lists and the overdue notifications use it; tests/integration/notifications-overdue.test.ts
 * checks it agrees with isOverdue.
 */
export function overdueOn(day: string | RawBuilder<unknown>): RawBuilder<SqlBool> {
  const on = typeof day === 'string' ? sql`${day}::date` : day;
  // Never null (an appointment without a date is not overdue): the agency's lists negate it.
  return sql<SqlBool>`((r.status = 'sent' and r.answer_due_on < ${on})
    or (r.status = 'appointment_booked' and r.appointment_on is not null and r.appointment_on < ${on}))`;
}

/** The day an overdue referral waited for: a rebooked appointment that goes by is a new one. */
export const dueOn = sql<string>`case when r.status = 'sent' then r.answer_due_on else r.appointment_on end`;
