import type { SignedInCtx } from '../../../http/context.ts';
import { today } from '../../../http/date-fields.ts';
import { audit } from '../../audit/record.ts';
import { consentStateOf } from '../../lawful-basis/service.ts';
import { DECLINE_REASONS, isOverdue, OUTCOME_RESULTS, STATUS_WORDS, STEP_WORDS, stepsOpenTo, URGENCIES, wordsFor } from '../lifecycle.ts';
import { stateOf, type ReferralRow } from '../service.ts';
import type { SharedItem } from '../sharing.ts';

/**
 * A referral sent to the actor's agency (agencyReferral) as its user sees it: the client's name, and of their record only what the
 * referral shares (referral.shared). Only the columns of the items it shares are read, so nothing else of the
 * record reaches the page (the page that shows it audits the reading: auditShown). If the sign-up's consent to share was withdrawn (or refused) after the
 * referral was made, only the name is shown, with that.
 */
export async function sharedReferral(ctx: SignedInCtx, referral: ReferralRow) {
  const client = await ctx.db
    .selectFrom('episode as e')
    .innerJoin('person as p', (j) => j.onRef('p.programme_id', '=', 'e.programme_id').onRef('p.id', '=', 'e.person_id'))
    .innerJoin('agency_service as s', (j) => j.onRef('s.programme_id', '=', 'e.programme_id').on('s.id', '=', referral.service_id ?? ''))
    .select(['p.id as personId', 'p.first_name as firstName', 'p.last_name as lastName', 's.name as serviceName'])
    .select(['e.sharing_consent', 'e.sharing_consent_on', 'e.sharing_consent_withdrawn_on'])
    .where('e.programme_id', '=', ctx.actor.programmeId)
    .where('e.id', '=', referral.episode_id)
    .executeTakeFirstOrThrow();
  const consent = consentStateOf(client);
  const consentEnded = consent.state === 'withdrawn' || consent.state === 'refused';
  const day = today(ctx.actor.timeZone);
  return {
    referral: {
      id: referral.id,
      episodeId: referral.episode_id,
      personId: client.personId,
      version: referral.version,
      status: referral.status,
      statusText: STATUS_WORDS[referral.status],
      urgencyText: URGENCIES[referral.urgency],
      serviceName: client.serviceName,
      sentOn: referral.sent_on,
      answerDueOn: referral.answer_due_on,
      appointmentOn: referral.appointment_on,
      appointmentTime: referral.appointment_time?.slice(0, 5) ?? null,
      overdue: isOverdue({ status: referral.status, answerDueOn: referral.answer_due_on, appointmentOn: referral.appointment_on }, day),
    },
    client: { firstName: client.firstName, lastName: client.lastName },
    consentEnded: consentEnded ? { on: consent.on } : null,
    shared: consentEnded ? null : await sharedDetails(ctx, referral),
    events: await eventsOf(ctx, referral.id, !consentEnded),
    state: stateOf(referral),
    steps: stepsOpenTo(stateOf(referral), 'agency').map((step) => ({ step, text: STEP_WORDS[step] })),
  };
}

/** The shared items of the client's record, in one query selecting only the columns of the items the referral shares. */
async function sharedDetails(ctx: SignedInCtx, referral: ReferralRow) {
  const has = (item: SharedItem) => referral.shared.includes(item);
  const row = await ctx.db
    .selectFrom('episode as e')
    .innerJoin('person as p', (j) => j.onRef('p.programme_id', '=', 'e.programme_id').onRef('p.id', '=', 'e.person_id'))
    .leftJoin('choice as d', (j) => j.onRef('d.programme_id', '=', 'e.programme_id').on('d.list', '=', 'need_domain').on('d.code', '=', referral.need_domain))
    .leftJoin('app_user as u', (j) => j.onRef('u.programme_id', '=', 'e.programme_id').on('u.id', '=', referral.created_by))
    .select('e.id')
    .$if(has('date_of_birth'), (q) => q.select('p.date_of_birth'))
    .$if(has('contact_details'), (q) => q.select(['p.phone', 'p.email', 'p.address']))
    .$if(has('liberation_date'), (q) => q.select(['e.liberated_on', 'e.expected_liberation_on']))
    .$if(has('needs'), (q) => q.select('d.label as needLabel'))
    .$if(has('coach_contact'), (q) => q.select(['u.display_name as coachName', 'u.email as coachEmail']))
    .where('e.programme_id', '=', ctx.actor.programmeId)
    .where('e.id', '=', referral.episode_id)
    .executeTakeFirstOrThrow();
  const liberatedOn = row.liberated_on ?? null;
  return {
    dateOfBirth: has('date_of_birth') ? { value: row.date_of_birth ?? null } : null,
    contact: has('contact_details') ? { phone: row.phone ?? null, email: row.email ?? null, address: row.address ?? null } : null,
    liberation: has('liberation_date') ? { on: liberatedOn ?? row.expected_liberation_on ?? null, expected: liberatedOn === null } : null,
    need: has('needs') ? { domain: row.needLabel ?? referral.need_domain, reason: referral.reason } : null,
    coach: has('coach_contact') && row.coachName ? { name: row.coachName, email: row.coachEmail ?? null } : null,
    note: referral.shared_note,
  };
}

/**
 * The referral's steps, oldest first: what happened, when, and whether the agency or the programme
 * recorded it. Once consent has ended, the programme's notes are left out (they may say more of the client).
 */
async function eventsOf(ctx: SignedInCtx, referralId: string, programmeNotes: boolean) {
  const rows = await ctx.db
    .selectFrom('referral_event')
    .select([
      'kind',
      'happened_on',
      'by_agency',
      'decline_reason',
      'appointment_on',
      'appointment_time',
      'accompanied',
      'outcome_result',
      'note',
      'recorded_at',
    ])
    .where('programme_id', '=', ctx.actor.programmeId)
    .where('referral_id', '=', referralId)
    .where('kind', '!=', 'entered_in_error')
    .orderBy('recorded_at')
    .execute();
  return rows.map((row) => ({
    text: STEP_WORDS[row.kind],
    on: row.happened_on,
    by: row.by_agency ? 'Your agency' : 'The programme',
    declineReason: wordsFor(DECLINE_REASONS, row.decline_reason),
    appointmentOn: row.appointment_on,
    appointmentTime: row.appointment_time?.slice(0, 5) ?? null,
    accompanied: row.accompanied,
    outcomeResult: wordsFor(OUTCOME_RESULTS, row.outcome_result),
    note: row.by_agency || programmeNotes ? row.note : null,
  }));
}

/** Audits that the agency's user was shown the referral (a page showing sharedReferral's answer calls it), naming the client for their subject access. */
export const auditShown = (ctx: SignedInCtx, referral: { id: string; episodeId: string; personId: string }) =>
  audit(ctx, { action: 'read', recordType: 'referral', recordId: referral.id, detail: { view: 'agency', episodeId: referral.episodeId, personIds: [referral.personId] } });
