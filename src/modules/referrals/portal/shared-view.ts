import type { SignedInCtx } from '../../../http/context.ts';
import { today } from '../../../http/date-fields.ts';
import { audit } from '../../audit/record.ts';
import { consentStateOf } from '../../lawful-basis/service.ts';
import { DECLINE_REASONS, isOverdue, OUTCOME_RESULTS, STATUS_WORDS, STEP_WORDS, stepsOpenTo, URGENCIES } from '../lifecycle.ts';
import { agencyReferral, stateOf, type ReferralRow } from '../service.ts';
import type { SharedItem } from '../sharing.ts';

/**
 * A referral as its agency's user sees it: the client's name, and of their record only what the
 * referral shares (referral.shared). Each item is read only when it is shared, so nothing else of the
 * record reaches the page (the page that shows it audits the reading: auditShown). If the sign-up's consent to share was withdrawn (or refused) after the
 * referral was made, only the name is shown, with that.
 */
export async function sharedReferral(ctx: SignedInCtx, referralId: string) {
  const referral = await agencyReferral(ctx, referralId);
  const programmeId = ctx.actor.programmeId;
  const episode = await ctx.db
    .selectFrom('episode as e')
    .innerJoin('person as p', (j) => j.onRef('p.programme_id', '=', 'e.programme_id').onRef('p.id', '=', 'e.person_id'))
    .select(['p.id as personId', 'p.first_name as firstName', 'p.last_name as lastName', 'e.sharing_consent', 'e.sharing_consent_on', 'e.sharing_consent_withdrawn_on'])
    .where('e.programme_id', '=', programmeId)
    .where('e.id', '=', referral.episode_id)
    .executeTakeFirstOrThrow();
  const consent = consentStateOf(episode);
  const consentEnded = consent.state === 'withdrawn' || consent.state === 'refused';
  const service = await ctx.db
    .selectFrom('agency_service')
    .select('name')
    .where('programme_id', '=', programmeId)
    .where('id', '=', referral.service_id ?? '')
    .executeTakeFirstOrThrow();
  const day = today(ctx.actor.timeZone);
  const shared = consentEnded ? null : await sharedDetails(ctx, referral);
  return {
    referral: {
      id: referral.id,
      episodeId: referral.episode_id,
      personId: episode.personId,
      version: referral.version,
      status: referral.status,
      statusText: STATUS_WORDS[referral.status],
      urgencyText: URGENCIES[referral.urgency],
      serviceName: service.name,
      sentOn: referral.sent_on,
      answerDueOn: referral.answer_due_on,
      appointmentOn: referral.appointment_on,
      appointmentTime: referral.appointment_time?.slice(0, 5) ?? null,
      overdue: isOverdue({ status: referral.status, answerDueOn: referral.answer_due_on, appointmentOn: referral.appointment_on }, day),
    },
    client: { firstName: episode.firstName, lastName: episode.lastName },
    consentEnded: consentEnded ? { on: consent.on } : null,
    shared,
    events: await eventsOf(ctx, referral.id, !consentEnded),
    state: stateOf(referral),
    steps: stepsOpenTo(stateOf(referral), 'agency').map((step) => ({ step, text: STEP_WORDS[step] })),
  };
}

const has = (referral: ReferralRow, item: SharedItem) => referral.shared.includes(item);

/** The shared items of the client's record, each read only when the referral shares it. */
async function sharedDetails(ctx: SignedInCtx, referral: ReferralRow) {
  const programmeId = ctx.actor.programmeId;
  const person = await ctx.db
    .selectFrom('episode as e')
    .innerJoin('person as p', (j) => j.onRef('p.programme_id', '=', 'e.programme_id').onRef('p.id', '=', 'e.person_id'))
    .select(['p.date_of_birth', 'p.phone', 'p.email', 'p.address', 'e.liberated_on', 'e.expected_liberation_on'])
    .where('e.programme_id', '=', programmeId)
    .where('e.id', '=', referral.episode_id)
    .executeTakeFirstOrThrow();
  const need = has(referral, 'needs')
    ? await ctx.db
        .selectFrom('choice')
        .select('label')
        .where('programme_id', '=', programmeId)
        .where('list', '=', 'need_domain')
        .where('code', '=', referral.need_domain)
        .executeTakeFirst()
    : undefined;
  const coach = has(referral, 'coach_contact')
    ? await ctx.db
        .selectFrom('app_user')
        .select(['display_name as name', 'email'])
        .where('programme_id', '=', programmeId)
        .where('id', '=', referral.created_by)
        .executeTakeFirst()
    : undefined;
  return {
    dateOfBirth: has(referral, 'date_of_birth') ? { value: person.date_of_birth } : null,
    contact: has(referral, 'contact_details') ? { phone: person.phone, email: person.email, address: person.address } : null,
    liberation: has(referral, 'liberation_date') ? { on: person.liberated_on ?? person.expected_liberation_on, expected: person.liberated_on === null } : null,
    need: has(referral, 'needs') ? { domain: need?.label ?? referral.need_domain, reason: referral.reason } : null,
    coach: coach ?? null,
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
    declineReason: row.decline_reason ? DECLINE_REASONS[row.decline_reason as keyof typeof DECLINE_REASONS] : null,
    appointmentOn: row.appointment_on,
    appointmentTime: row.appointment_time?.slice(0, 5) ?? null,
    accompanied: row.accompanied,
    outcomeResult: row.outcome_result ? OUTCOME_RESULTS[row.outcome_result as keyof typeof OUTCOME_RESULTS] : null,
    note: row.by_agency || programmeNotes ? row.note : null,
  }));
}

/** Audits that the agency's user was shown the referral (a page showing sharedReferral's answer calls it), naming the client for their subject access. */
export const auditShown = (ctx: SignedInCtx, referral: { id: string; episodeId: string; personId: string }) =>
  audit(ctx, { action: 'read', recordType: 'referral', recordId: referral.id, detail: { view: 'agency', episodeId: referral.episodeId, personIds: [referral.personId] } });
