import type { SharingConsent } from '../../db/schema.ts';
import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import { today } from '../../http/date-fields.ts';
import { formatCalendarDate } from '../../http/dates.ts';
import { throwProblems, type FieldProblem } from '../../http/errors.ts';
import { choiceProblems } from '../casework/choices.ts';
import { saveEpisode, writableEpisode, type EpisodeRow } from '../casework/episodes.ts';
import { authorizePerson } from '../people/access.ts';
import { MESSAGES, SHARING_CONSENT_WORDS, type ConsentChange, type LawfulBasisChange } from './schemas.ts';

/** What a sign-up records of the privacy notice, the lawful basis and consent to share. */
export interface LawfulBasisInput extends LawfulBasisChange {
  sharingConsent: SharingConsent;
}

/**
 * Each code must be an active entry of its programme list, or the one the sign-up already holds
 * (`episode`, when correcting it); the problems of the codes given.
 */
export async function lawfulBasisProblems(ctx: SignedInCtx, input: Partial<LawfulBasisChange>, episode?: EpisodeRow): Promise<FieldProblem[]> {
  return [
    ...(await choiceProblems(ctx, 'lawful_basis', input.lawfulBasis, 'lawfulBasis', MESSAGES.lawfulBasis, episode?.lawful_basis)),
    ...(await choiceProblems(ctx, 'offence_data_condition', input.offenceDataCondition, 'offenceDataCondition', MESSAGES.offenceDataCondition, episode?.offence_data_condition)),
    ...(await choiceProblems(ctx, 'health_data_condition', input.healthDataCondition, 'healthDataCondition', MESSAGES.healthDataCondition, episode?.health_data_condition)),
  ];
}

/** A new sign-up's columns: the basis is dated the day it is recorded, consent the day the notice was given. */
export function lawfulBasisColumns(ctx: SignedInCtx, input: LawfulBasisInput) {
  return {
    ...basisColumns(ctx, input),
    sharing_consent: input.sharingConsent,
    sharing_consent_on: input.sharingConsent === 'not_asked' ? null : input.privacyNoticeOn,
    sharing_consent_withdrawn_on: null,
  };
}

const basisColumns = (ctx: SignedInCtx, input: LawfulBasisChange) => ({
  privacy_notice_on: input.privacyNoticeOn,
  lawful_basis: input.lawfulBasis,
  offence_data_condition: input.offenceDataCondition,
  health_data_condition: input.healthDataCondition,
  lawful_basis_on: today(ctx.actor.timeZone),
});

/** A sign-up's lawful basis and consent to share, with the lists' labels; `missing` names what is not recorded. */
export async function lawfulBasisOf(ctx: SignedInCtx, episodeId: string) {
  const row = await ctx.db
    .selectFrom('episode as e')
    .leftJoin('choice as lb', (j) => j.onRef('lb.programme_id', '=', 'e.programme_id').on('lb.list', '=', 'lawful_basis').onRef('lb.code', '=', 'e.lawful_basis'))
    .leftJoin('choice as oc', (j) => j.onRef('oc.programme_id', '=', 'e.programme_id').on('oc.list', '=', 'offence_data_condition').onRef('oc.code', '=', 'e.offence_data_condition'))
    .leftJoin('choice as hc', (j) => j.onRef('hc.programme_id', '=', 'e.programme_id').on('hc.list', '=', 'health_data_condition').onRef('hc.code', '=', 'e.health_data_condition'))
    .select([
      'e.privacy_notice_on as privacyNoticeOn',
      'e.lawful_basis as lawfulBasis',
      'lb.label as lawfulBasisLabel',
      'e.offence_data_condition as offenceDataCondition',
      'oc.label as offenceDataConditionLabel',
      'e.health_data_condition as healthDataCondition',
      'hc.label as healthDataConditionLabel',
      'e.lawful_basis_on as lawfulBasisOn',
      'e.sharing_consent as sharingConsent',
      'e.sharing_consent_on as sharingConsentOn',
      'e.sharing_consent_withdrawn_on as sharingConsentWithdrawnOn',
    ])
    .where('e.programme_id', '=', ctx.actor.programmeId)
    .where('e.id', '=', episodeId)
    .executeTakeFirstOrThrow();
  const missing = [
    row.privacyNoticeOn ? null : 'the privacy notice',
    row.lawfulBasis ? null : 'the lawful basis',
    row.offenceDataCondition ? null : 'the condition for offence data',
    row.healthDataCondition ? null : 'the condition for health data',
    row.sharingConsent ? null : 'consent to share',
  ].filter((what): what is string => what !== null);
  return { ...row, sharingConsentWords: row.sharingConsent ? SHARING_CONSENT_WORDS[row.sharingConsent] : null, missing };
}
export type LawfulBasisRecord = Awaited<ReturnType<typeof lawfulBasisOf>>;

export type SharingState = 'given' | 'refused' | 'not_asked' | 'withdrawn' | 'not_recorded';

/**
 * Whether a sign-up's information may be shared with partner agencies, and since when: only while
 * consent given is not withdrawn (a referral sent through Throughcare needs it).
 */
export async function sharingConsentOf(ctx: SignedInCtx, episodeId: string): Promise<{ state: SharingState; on: string | null; mayShare: boolean }> {
  const row = await ctx.db
    .selectFrom('episode')
    .select(['sharing_consent', 'sharing_consent_on', 'sharing_consent_withdrawn_on'])
    .where('programme_id', '=', ctx.actor.programmeId)
    .where('id', '=', episodeId)
    .executeTakeFirstOrThrow();
  return consentStateOf(row);
}

/** The same, from a sign-up already read. */
export function consentStateOf(row: Pick<EpisodeRow, 'sharing_consent' | 'sharing_consent_on' | 'sharing_consent_withdrawn_on'>) {
  if (row.sharing_consent_withdrawn_on) return { state: 'withdrawn' as const, on: row.sharing_consent_withdrawn_on, mayShare: false };
  if (!row.sharing_consent) return { state: 'not_recorded' as const, on: null, mayShare: false };
  return { state: row.sharing_consent, on: row.sharing_consent_on, mayShare: row.sharing_consent === 'given' };
}

/** Records (or corrects) the privacy notice and lawful basis of a sign-up, from `version`. */
export async function recordLawfulBasis(props: { ctx: SignedInCtx; personId: string; episodeId: string; version: number; input: LawfulBasisChange }): Promise<void> {
  const { ctx, input } = props;
  await authorizePerson(ctx, props.personId, 'people.write');
  const episode = await writableEpisode(ctx, props.personId, props.episodeId);
  throwProblems(await lawfulBasisProblems(ctx, input, episode));
  await inTransaction(ctx, (tx) => saveEpisode(tx, { episodeId: props.episodeId, version: props.version, set: basisColumns(ctx, input), what: 'lawful basis' }));
}

/** What is wrong with a change to consent to share, given what the sign-up holds. */
export function consentChangeProblems(episode: EpisodeRow, input: Partial<ConsentChange>): FieldProblem[] {
  if (input.change !== 'withdrawn') return [];
  const state = consentStateOf(episode);
  if (state.state !== 'given') return [{ field: 'change', message: 'They have not agreed to sharing, so there is no agreement to withdraw' }];
  if (input.changedOn && state.on && input.changedOn < state.on) {
    return [{ field: 'changedOn', message: `The date they withdrew must be on or after ${formatCalendarDate(state.on)}, when they agreed` }];
  }
  return [];
}

/** Records that they now agree to sharing, refuse it, or withdraw the agreement they gave, on a date. */
export async function changeSharingConsent(props: { ctx: SignedInCtx; personId: string; episodeId: string; version: number; input: ConsentChange }): Promise<void> {
  const { ctx, input } = props;
  await authorizePerson(ctx, props.personId, 'people.write');
  const episode = await writableEpisode(ctx, props.personId, props.episodeId);
  throwProblems(consentChangeProblems(episode, input));
  const set =
    input.change === 'withdrawn'
      ? { sharing_consent_withdrawn_on: input.changedOn }
      : { sharing_consent: input.change, sharing_consent_on: input.changedOn, sharing_consent_withdrawn_on: null };
  await inTransaction(ctx, (tx) => saveEpisode(tx, { episodeId: props.episodeId, version: props.version, set, what: 'change to consent' }));
}
