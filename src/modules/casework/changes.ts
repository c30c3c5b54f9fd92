import { sql } from 'kysely';
import type { SignedInCtx } from '../../http/context.ts';
import { CORRECTABLE } from './corrections.ts';
import { RANK, type TimelineEntry } from './timeline.ts';

/** Field names as people know them, for saying what a correction changed. */
const FIELD_NAMES: Record<string, string> = {
  contact_on: 'date',
  contact_time: 'time',
  contact_type: 'type',
  outcome: 'whether it happened',
  help_given: 'help given',
  duration_minutes: 'duration',
  place: 'place',
  notes: 'notes',
  visited_on: 'date',
  appointment_on: 'date',
  appointment_time: 'time',
  agency: 'agency',
  purpose: 'purpose',
  domain: 'need',
  goal: 'goal',
  action: 'action',
  owner_text: 'who',
  due_on: 'due date',
  read_on: 'date',
  reoffending: 'reoffending',
  note: 'note',
  scores: 'scores',
  outcome_type: 'type of outcome',
  achieved_on: 'date achieved',
  evidence_kind: 'evidence',
  evidence_reference: 'evidence reference',
  verification: 'verification (undone)',
  verified_by: 'verified by',
  verified_at: 'verified at',
  rejection_reason: 'rejection reason',
  detail: 'detail',
  kind: 'kind',
  started_on: 'start date',
  ended_on: 'end date',
  employer: 'employer',
  job_title: 'job title',
  hours_per_week: 'hours a week',
  contract_type: 'contract',
  checked_on: 'date checked',
  in_work: 'whether still in work',
  left_on: 'date they left',
  left_reason: 'why they left',
  provider: 'provider',
  course: 'course',
  status: 'status',
};

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Corrections and "entered in error" marks on a person's records, for their timeline (never the values). */
export async function changeTimeline(ctx: SignedInCtx, personId: string): Promise<TimelineEntry[]> {
  const rows = await ctx.db
    .selectFrom('record_change as c')
    .innerJoin('episode as e', (j) => j.onRef('e.programme_id', '=', 'c.programme_id').onRef('e.id', '=', 'c.episode_id'))
    .leftJoin('app_user as u', (j) => j.onRef('u.programme_id', '=', 'c.programme_id').onRef('u.id', '=', 'c.changed_by'))
    .select([
      sql<string>`(c.changed_at at time zone ${ctx.actor.timeZone})::date::text`.as('on'),
      'c.record_type',
      'c.kind',
      'c.previous',
      'c.reason',
      'c.episode_id',
      'u.display_name as changedBy',
    ])
    .where('e.programme_id', '=', ctx.actor.programmeId)
    .where('e.person_id', '=', personId)
    .orderBy('c.changed_at', 'desc')
    .limit(200)
    .execute();
  return rows.map((row) => {
    const what = capitalised(CORRECTABLE[row.record_type].what);
    const by = row.changedBy ? ` by ${row.changedBy}` : '';
    const fields = Object.keys((row.previous ?? {}) as Record<string, unknown>).map((field) => FIELD_NAMES[field] ?? field);
    return {
      on: row.on,
      title: row.kind === 'corrected' ? `${what} corrected${by}` : `${what} marked entered in error${by}`,
      detail: row.kind === 'corrected' ? `Changed: ${fields.join(', ')}` : `Reason: ${row.reason ?? ''}`,
      href: `/people/${personId}/sign-ups/${row.episode_id}`,
      rank: RANK.correction,
    };
  });
}
