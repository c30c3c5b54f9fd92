import { sql } from 'kysely';
import type { SignedInCtx } from '../../http/context.ts';
import { PLACES, STATUSES } from '../appointments/schemas.ts';
import { APPOINTMENT_COLUMNS } from '../appointments/queries.ts';
import { lawfulBasisOf } from '../lawful-basis/service.ts';
import { referralsHeld } from '../referrals/queries.ts';

/**
 * Everything held on one person, read straight from the tables (as the programme export does, and
 * unlike the casework pages, which show each worker only what their role allows): their record,
 * every name and prison number, the records merged into theirs, and each sign-up with all its work,
 * contact notes included. Field names are spelt out: this is the JSON a person is given.
 */
export async function personRecords(ctx: SignedInCtx, personId: string) {
  const db = ctx.db;
  const programmeId = ctx.actor.programmeId;
  const person = await db
    .selectFrom('person as p')
    .leftJoin('local_authority as la', 'la.id', 'p.local_authority_id')
    .leftJoin('team as t', 't.id', 'p.team_id')
    .select([
      'p.id',
      'p.first_name as firstName',
      'p.last_name as lastName',
      'p.date_of_birth as dateOfBirth',
      'p.gender',
      'la.name as localAuthority',
      'p.phone',
      'p.email',
      'p.address',
      'p.risk_to_staff as riskToStaff',
      'p.risk_note as riskNote',
      't.name as team',
      'p.created_at as createdAt',
      'p.updated_at as updatedAt',
    ])
    .where('p.id', '=', personId)
    .where('p.programme_id', '=', programmeId)
    .executeTakeFirstOrThrow();
  const mergedIn = await db
    .selectFrom('person')
    .select(['id', 'first_name as firstName', 'last_name as lastName', 'date_of_birth as dateOfBirth'])
    .where('merged_into', '=', personId)
    .execute();
  const recordIds = [personId, ...mergedIn.map((merged) => merged.id)];
  const [names, prisonNumbers, merges, custodyReturns, families, episodes] = await Promise.all([
    db
      .selectFrom('person_name')
      .select(['first_name as firstName', 'last_name as lastName', 'is_alias as isAlias', 'created_at as createdAt'])
      .where('person_id', 'in', recordIds)
      .orderBy('created_at')
      .execute(),
    db.selectFrom('prison_number').select(['number', 'created_at as createdAt']).where('person_id', 'in', recordIds).orderBy('created_at').execute(),
    db
      .selectFrom('person_merge as m')
      .innerJoin('app_user as u', 'u.id', 'm.merged_by')
      .leftJoin('app_user as undo', 'undo.id', 'm.undone_by')
      .select([
        'm.kept_person_id as keptPersonId',
        'm.merged_person_id as mergedPersonId',
        'u.display_name as mergedBy',
        'm.merged_at as mergedAt',
        'undo.display_name as undoneBy',
        'm.undone_at as undoneAt',
      ])
      .where((eb) => eb.or([eb('m.kept_person_id', 'in', recordIds), eb('m.merged_person_id', 'in', recordIds)]))
      .orderBy('m.merged_at')
      .execute(),
    db
      .selectFrom('custody_return')
      .select(['admitted_on as admittedOn', 'checked_on as checkedOn', 'created_at as createdAt'])
      .where('person_id', 'in', recordIds)
      .orderBy('checked_on')
      .execute(),
    // The families of family support they are linked to: the family and the link, not the members (others' data).
    db
      .selectFrom('family_client as fc')
      .innerJoin('family as f', (join) => join.onRef('f.programme_id', '=', 'fc.programme_id').onRef('f.id', '=', 'fc.family_id'))
      .select([
        'f.name as family',
        'fc.linked_on as linkedOn',
        'fc.created_at as createdAt',
        'fc.entered_in_error_at as enteredInErrorAt',
        'fc.entered_in_error_reason as enteredInErrorReason',
      ])
      .where('fc.programme_id', '=', programmeId)
      .where('fc.person_id', 'in', recordIds)
      .orderBy('fc.linked_on')
      .execute(),
    db
      .selectFrom('episode as e')
      .innerJoin('prison as pr', 'pr.id', 'e.prison_id')
      .leftJoin('team as t', 't.id', 'e.team_id')
      .select([
        'e.id',
        'pr.name as prison',
        'e.prison_number as prisonNumber',
        'e.sentence_months as sentenceMonths',
        'e.sentenced_on as sentencedOn',
        'e.expected_liberation_on as expectedLiberationOn',
        'e.previous_sentences as previousSentences',
        'e.signed_up_on as signedUpOn',
        'e.eligibility_override_reason as eligibilityOverrideReason',
        't.name as team',
        'e.liberated_on as liberatedOn',
        'e.liberation_type as liberationType',
        'e.gate_status as gateStatus',
        'e.gate_notes as gateNotes',
        'e.engaged',
        'e.first_contact_on as firstContactOn',
        'e.non_engagement_reason as nonEngagementReason',
        'e.non_engagement_note as nonEngagementNote',
        'e.closed_on as closedOn',
        'e.closure_reason as closureReason',
        'e.closure_note as closureNote',
      ])
      .where('e.person_id', 'in', recordIds)
      .orderBy('e.signed_up_on')
      .execute(),
  ]);
  return { person, names, prisonNumbers, mergedIn, merges, custodyReturns, families, signUps: await Promise.all(episodes.map((episode) => signUpRecords(ctx, episode))) };
}

export type PersonRecords = Awaited<ReturnType<typeof personRecords>>;

/** One sign-up's work: visits, day-one and planned appointments, contacts (with notes), referrals and their steps, needs and their history, the assessment, the plan and outcomes. */
async function signUpRecords<E extends { id: string }>(ctx: SignedInCtx, episode: E) {
  const db = ctx.db;
  const [assignments, visits, appointments, contacts, needs, assessments, actions, outcomes, changes, plannedAppointments] = await Promise.all([
    db
      .selectFrom('assignment as a')
      .innerJoin('app_user as u', 'u.id', 'a.worker_id')
      .innerJoin('assignment_part as ap', 'ap.code', 'a.part')
      .select(['ap.label as part', 'u.display_name as worker', 'a.from_on as fromOn', 'a.to_on as toOn', 'a.reason', 'a.end_reason as endReason'])
      .where('a.episode_id', '=', episode.id)
      .orderBy('a.created_at')
      .execute(),
    db
      .selectFrom('pre_release_visit as v')
      .leftJoin('app_user as u', 'u.id', 'v.worker_id')
      .select(['v.visited_on as visitedOn', 'u.display_name as worker', 'v.place', 'v.notes', 'v.entered_in_error_reason as enteredInErrorReason'])
      .where('v.episode_id', '=', episode.id)
      .orderBy('v.visited_on')
      .execute(),
    db
      .selectFrom('day_one_appointment')
      .select(['appointment_on as appointmentOn', 'appointment_time as appointmentTime', 'agency', 'purpose', 'entered_in_error_reason as enteredInErrorReason'])
      .where('episode_id', '=', episode.id)
      .orderBy('appointment_on')
      .execute(),
    db
      .selectFrom('contact as c')
      .leftJoin('app_user as u', 'u.id', 'c.worker_id')
      .select([
        'c.id',
        'c.contact_on as contactOn',
        'c.contact_time as contactTime',
        'c.contact_type as contactType',
        'c.outcome',
        'c.help_given as helpGiven',
        'c.duration_minutes as durationMinutes',
        'u.display_name as worker',
        'c.place',
        'c.notes',
        'c.entered_in_error_reason as enteredInErrorReason',
      ])
      .where('c.episode_id', '=', episode.id)
      .orderBy('c.contact_on')
      .orderBy('c.created_at')
      .execute(),
    db.selectFrom('need').select(['id', 'domain', 'identified', 'status', 'notes']).where('episode_id', '=', episode.id).orderBy('domain').execute(),
    db
      .selectFrom('assessment')
      .select(['id', 'assessed_on as assessedOn', 'months_out_of_work as monthsOutOfWork'])
      .where('episode_id', '=', episode.id)
      .orderBy('assessed_on')
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('plan_action')
      .select(['domain', 'goal', 'action', 'owner_text as owner', 'due_on as dueOn', 'status', 'entered_in_error_reason as enteredInErrorReason'])
      .where('episode_id', '=', episode.id)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('outcome as o')
      .leftJoin('app_user as rec', 'rec.id', 'o.created_by')
      .leftJoin('app_user as ver', 'ver.id', 'o.verified_by')
      .select([
        'o.id',
        'o.outcome_type as outcomeType',
        'o.achieved_on as achievedOn',
        'o.detail',
        'o.evidence_kind as evidenceKind',
        'o.evidence_reference as evidenceReference',
        'rec.display_name as recordedBy',
        'o.verification',
        'ver.display_name as verifiedBy',
        'o.verified_at as verifiedAt',
        'o.rejection_reason as rejectionReason',
        'o.entered_in_error_reason as enteredInErrorReason',
        sql<string[]>`(select coalesce(array_agg(f.file_name order by f.uploaded_at), '{}') from evidence_file f where f.programme_id = o.programme_id and f.outcome_id = o.id)`.as('evidenceFiles'),
      ])
      .where('o.episode_id', '=', episode.id)
      .orderBy('o.achieved_on')
      .execute(),
    db
      .selectFrom('record_change as c')
      .leftJoin('app_user as u', 'u.id', 'c.changed_by')
      .select(['c.record_type as recordType', 'c.kind', 'c.previous', 'c.reason', 'u.display_name as changedBy', 'c.changed_at as changedAt'])
      .where('c.episode_id', '=', episode.id)
      .orderBy('c.changed_at')
      .execute(),
    db
      .selectFrom('appointment as a')
      .leftJoin('app_user as u', 'u.id', 'a.worker_id')
      .select([
        ...APPOINTMENT_COLUMNS,
        'u.display_name as worker',
        'a.entered_in_error_reason as enteredInErrorReason',
      ])
      .where('a.episode_id', '=', episode.id)
      .orderBy('a.planned_on')
      .orderBy('a.created_at')
      .execute(),
  ]);
  const found = assessments.length
    ? await db
        .selectFrom('assessment_need')
        .select(['assessment_id', 'domain', 'status'])
        .where(
          'assessment_id',
          'in',
          assessments.map((a) => a.id),
        )
        .execute()
    : [];
  const history = needs.length
    ? await db
        .selectFrom('need_status_change as h')
        .leftJoin('app_user as u', 'u.id', 'h.changed_by')
        .select(['h.need_id', 'h.status', 'u.display_name as changedBy', 'h.changed_at as changedAt', 'h.note'])
        .where(
          'h.need_id',
          'in',
          needs.map((need) => need.id),
        )
        .orderBy('h.changed_at')
        .execute()
    : [];
  return {
    ...episode,
    lawfulBasis: await lawfulBasisOf(ctx, episode.id),
    referrals: await referralsHeld(ctx, episode.id),
    assignments,
    visits,
    dayOneAppointments: appointments,
    plannedAppointments: plannedAppointments.map((row) => ({ ...row, placeLabel: PLACES[row.place], statusLabel: STATUSES[row.status] })),
    contacts,
    assessments: assessments.map(({ id, ...assessment }, index) => ({
      ...assessment,
      kind: index === 0 ? 'baseline' : 'review',
      needs: found.filter((need) => need.assessment_id === id).map(({ domain, status }) => ({ domain, status })),
    })),
    needs: needs.map((need) => ({ ...need, history: history.filter((h) => h.need_id === need.id).map(({ need_id: _needId, ...change }) => change) })),
    planActions: actions,
    outcomes,
    corrections: changes,
  };
}
