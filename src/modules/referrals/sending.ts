import type { SignedInCtx } from '../../http/context.ts';
import { today } from '../../http/date-fields.ts';
import { formatCalendarDate } from '../../http/dates.ts';
import type { FieldProblem } from '../../http/errors.ts';
import { serviceWithOrganisation } from '../agencies/directory.ts';
import { choiceProblems } from '../casework/choices.ts';
import type { EpisodeRow } from '../casework/episodes.ts';
import { consentStateOf } from '../lawful-basis/service.ts';
import type { Urgency } from './lifecycle.ts';
import type { SharedItem } from './sharing.ts';

/** A referral as the coach makes it (the form and the API give the same). */
export interface ReferralInput {
  /** Send it to the agency through Throughcare, or record one made another way (phone, letter, in person). */
  how: 'send' | 'log';
  serviceId?: string;
  agencyName?: string;
  needDomain: string;
  reason: string;
  urgency: Urgency;
  shared: SharedItem[];
  sharedNote?: string;
  consent: 'given' | 'refused';
  consentHow?: 'verbal' | 'written' | 'electronic';
  consentOn: string;
  sentOn: string;
}

/** Organisations with an active user in Throughcare: a referral to their services can be sent here. */
export async function answeringOrganisations(ctx: SignedInCtx): Promise<Set<string>> {
  const rows = await ctx.db
    .selectFrom('app_user')
    .select('organisation_id')
    .distinct()
    .where('programme_id', '=', ctx.actor.programmeId)
    .where('active', '=', true)
    .where('organisation_id', 'is not', null)
    .execute();
  return new Set(rows.map((row) => row.organisation_id ?? ''));
}

/** The directory's service a referral names, if it is still offered, and whether its agency answers in Throughcare. */
async function serviceFor(ctx: SignedInCtx, serviceId: string) {
  const service = await serviceWithOrganisation(ctx, serviceId);
  if (!service?.open) return undefined;
  return { ...service, answersHere: (await answeringOrganisations(ctx)).has(service.organisationId) };
}

/**
 * What is wrong with a referral before it is made, and the service it names. Sending one through
 * Throughcare shares the client's information, so needs: a service whose agency has users here, the
 * client's consent recorded on the referral, and no refusal or withdrawal of consent on the sign-up.
 * Without consent a referral can only be recorded as made another way, sharing nothing.
 */
export async function referralProblems(ctx: SignedInCtx, episode: EpisodeRow, input: ReferralInput) {
  const problems: FieldProblem[] = [];
  const service = input.serviceId ? await serviceFor(ctx, input.serviceId) : undefined;
  if (input.serviceId && !service) problems.push({ field: 'serviceId', message: 'Select a service the directory still lists as open' });
  if (!input.serviceId && !input.agencyName) problems.push({ field: 'serviceId', message: 'Select the service, or enter the name of an agency not in the directory' });
  if (input.how === 'send') {
    if (!input.serviceId) problems.push({ field: 'how', message: 'Only a service from the directory can be sent a referral through Throughcare: record this one as made another way' });
    else if (service && !service.answersHere) problems.push({ field: 'how', message: `${service.organisationName} has no users in Throughcare, so record the referral as made another way` });
    if (input.consent !== 'given') problems.push({ field: 'consent', message: 'A referral sent through Throughcare shares their information, so they must agree to it. Without their agreement, record it as made another way' });
    const onSignUp = consentStateOf(episode);
    if (onSignUp.state === 'refused' || onSignUp.state === 'withdrawn') {
      problems.push({ field: 'consent', message: `Their sign-up records that they ${onSignUp.state === 'refused' ? 'refused' : 'withdrew'} consent to share on ${formatCalendarDate(onSignUp.on)}. Record on the sign-up that they now agree, or record this referral as made another way` });
    }
  }
  if (input.consent === 'refused' && (input.shared.length > 0 || input.sharedNote)) problems.push({ field: 'shared', message: 'Nothing can be shared without their consent' });
  if (input.consent === 'given' && !input.consentHow) problems.push({ field: 'consentHow', message: 'Select how they gave their consent' });
  const now = today(ctx.actor.timeZone);
  if (input.sentOn > now) problems.push({ field: 'sentOn', message: 'The date of the referral must be today or in the past' });
  if (input.sentOn < episode.signed_up_on) problems.push({ field: 'sentOn', message: `The date of the referral must be on or after ${formatCalendarDate(episode.signed_up_on)}, when they signed up` });
  if (input.consentOn > input.sentOn) problems.push({ field: 'consentOn', message: 'The date of their answer on consent must be on or before the date of the referral' });
  problems.push(...(await choiceProblems(ctx, 'need_domain', input.needDomain, 'needDomain', 'Select the need the referral is about')));
  return { problems, service };
}
