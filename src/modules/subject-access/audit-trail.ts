import { sql } from 'kysely';
import type { SignedInCtx } from '../../http/context.ts';
import type { PersonRecords } from './records.ts';

/**
 * Who looked at or changed a person's record, and when: every audit event about the person (or a
 * record merged into theirs), about one of their sign-ups, contacts, needs, outcomes, appointments or referrals, and every list or
 * download that named them. A list's other people are never shown: only how many there were.
 */
export async function auditTrail(ctx: SignedInCtx, records: PersonRecords) {
  const personIds = [records.person.id, ...records.mergedIn.map((merged) => merged.id)];
  const episodeIds = records.signUps.map((signUp) => signUp.id);
  const contactIds = records.signUps.flatMap((signUp) => signUp.contacts.map((contact) => contact.id));
  const needIds = records.signUps.flatMap((signUp) => signUp.needs.map((need) => need.id));
  const outcomeIds = records.signUps.flatMap((signUp) => signUp.outcomes.map((outcome) => outcome.id));
  const appointmentIds = records.signUps.flatMap((signUp) => signUp.plannedAppointments.map((appointment) => appointment.id));
  const referralIds = records.signUps.flatMap((signUp) => signUp.referrals.map((referral) => referral.id));
  const about = (type: string, ids: string[]) =>
    ids.length ? sql<boolean>`(a.record_type = ${type} and a.record_id in (${sql.join(ids)}))` : sql<boolean>`false`;
  const events = await ctx.db
    .selectFrom('audit_event as a')
    .select(['a.occurred_at as occurredAt', 'a.actor_label as who', 'a.action', 'a.record_type as recordType', 'a.detail', 'a.address'])
    .where('a.programme_id', '=', ctx.actor.programmeId)
    .where(
      sql<boolean>`(${about('person', personIds)} or ${about('episode', episodeIds)} or ${about('contact', contactIds)} or ${about('need', needIds)} or ${about('outcome', outcomeIds)} or ${about('appointment', appointmentIds)} or ${about('referral', referralIds)}
        or ${sql.join(
          // The form audit_event_person_ids_idx (migration 0021) indexes: a person's appearances in lists without reading the whole log.
          personIds.map((id) => sql`(a.detail -> 'personIds') @> ${JSON.stringify([id])}::jsonb`),
          sql` or `,
        )})`,
    )
    .orderBy('a.occurred_at')
    .orderBy('a.id')
    .execute();
  return events.map((event) => ({ ...event, seenInSearch: seenInSearch(event), detail: withoutOthers(event.detail) }));
}

export type AuditTrail = Awaited<ReturnType<typeof auditTrail>>;

/**
 * An event's detail with its list of people (`personIds`, or a list of staff such as `userIds`)
 * replaced by its length: others' ids are not this person's data.
 */
export function withoutOthers(detail: unknown, listKeys: readonly string[] = ['personIds']): Record<string, unknown> | null {
  if (detail === null || typeof detail !== 'object') return null;
  const entries = Object.entries(detail as Record<string, unknown>);
  const listed = entries.find(([key, value]) => listKeys.includes(key) && Array.isArray(value))?.[1] as unknown[] | undefined;
  const rest = Object.fromEntries(entries.filter(([key]) => !listKeys.includes(key)));
  return listed ? { ...rest, peopleListed: listed.length } : rest;
}

/** A search whose results listed the person (the people search, its download, a subject-access search): who saw them in a list. */
function seenInSearch(event: { action: string; detail: unknown }): boolean {
  const detail = (event.detail ?? {}) as Record<string, unknown>;
  return Array.isArray(detail.personIds) && (Boolean(detail.searchBy) || detail.list === 'search' || detail.subjectAccessSearch === true);
}
