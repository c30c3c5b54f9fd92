import { sql } from 'kysely';
import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import { today } from '../../http/date-fields.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { can } from '../auth/policy.ts';
import { audit } from '../audit/record.ts';
import { authorizePerson } from '../people/access.ts';
import { normalisePrisonNumber } from '../people/names.ts';
import { addPrisonNumberTo } from '../people/service.ts';
import { checkChoice } from './checks.ts';
import type { AllocationInput, AppointmentInput, ClosureInput, LiberationInput, SignUpInput, VisitInput } from './schemas.ts';

/** The sign-up a route names must belong to the person it names, in the actor's programme. */
async function episodeOf(ctx: SignedInCtx, personId: string, episodeId: string) {
  const episode = await ctx.db
    .selectFrom('episode')
    .selectAll()
    .where('id', '=', episodeId)
    .where('person_id', '=', personId)
    .where('programme_id', '=', ctx.actor.programmeId)
    .executeTakeFirst();
  if (!episode) throw new NotFoundError();
  return episode;
}

export interface Eligibility {
  eligible: boolean;
  minMonths: number;
  maxMonths: number;
}

export async function eligibilityOf(ctx: SignedInCtx, sentenceMonths: number): Promise<Eligibility> {
  const rules = await ctx.db
    .selectFrom('programme')
    .select(['eligibility_min_months', 'eligibility_max_months'])
    .where('id', '=', ctx.actor.programmeId)
    .executeTakeFirstOrThrow();
  const minMonths = Number(rules.eligibility_min_months);
  const maxMonths = Number(rules.eligibility_max_months);
  return { eligible: sentenceMonths >= minMonths && sentenceMonths <= maxMonths, minMonths, maxMonths };
}

/** A sign-up's columns from the form or API, and who overrode eligibility (null when eligible). */
function signUpColumns(input: SignUpInput, override: { reason: string | null; by: string | null } | null) {
  return {
    prison_id: input.prisonId,
    prison_number: input.prisonNumber ? normalisePrisonNumber(input.prisonNumber) : null,
    sentence_months: input.sentenceMonths,
    sentenced_on: input.sentencedOn ?? null,
    expected_liberation_on: input.expectedLiberationOn ?? null,
    previous_sentences: input.previousSentences,
    signed_up_on: input.signedUpOn,
    eligibility_override_reason: override ? override.reason : null,
    eligibility_override_by: override ? override.by : null,
  };
}

/**
 * Signs a person up in prison: a new custody episode. The sentence must be within the programme's
 * eligibility (3 months to 4 years by default) unless a team leader overrides with a reason.
 */
export async function signUp(props: { ctx: SignedInCtx; personId: string; input: SignUpInput }): Promise<string> {
  const { ctx, personId, input } = props;
  await authorizePerson(ctx, personId, 'people.write');
  const { eligible, overrideReason } = await checkSignUp(ctx, input);
  return inTransaction(ctx, async (tx) => {
    const open = await tx.db
      .selectFrom('episode as e')
      .innerJoin('prison as pr', 'pr.id', 'e.prison_id')
      .select(['pr.name'])
      .where('e.person_id', '=', personId)
      .where('e.closed_on', 'is', null)
      .executeTakeFirst();
    if (open) throw new ValidationError([{ field: 'signedUpOn', message: `They have an open sign-up at ${open.name}: close it before signing them up again` }]);
    if (input.prisonNumber) await addPrisonNumberTo(tx, personId, input.prisonNumber);
    const episode = await tx.db
      .insertInto('episode')
      .values({
        programme_id: ctx.actor.programmeId,
        person_id: personId,
        ...signUpColumns(input, eligible ? null : { reason: overrideReason, by: ctx.actor.userId }),
        team_id: ctx.actor.teamId,
        prison_coach_id: ctx.actor.role === 'prison_life_coach' ? ctx.actor.userId : null,
        community_coach_id: ctx.actor.role === 'community_life_coach' ? ctx.actor.userId : null,
        employment_consultant_id: null,
        family_support_id: null,
        liberated_on: null,
        liberation_type: null,
        gate_status: null,
        gate_notes: null,
        non_engagement_reason: null,
        non_engagement_note: null,
        closed_on: null,
        closure_reason: null,
        closure_note: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (ctx.actor.teamId) await tx.db.updateTable('person').set({ team_id: ctx.actor.teamId }).where('id', '=', personId).execute();
    await audit(tx, { action: 'create', recordType: 'episode', recordId: episode.id, detail: { personId, overridden: !eligible } });
    return episode.id;
  });
}

/** The checks a sign-up's details must pass, new or corrected: dates in order, the prison, eligibility. */
async function checkSignUp(ctx: SignedInCtx, input: SignUpInput): Promise<{ eligible: boolean; overrideReason: string | null }> {
  const problems = dateProblems(input);
  if (problems.length) throw new ValidationError(problems);
  const prison = await ctx.db
    .selectFrom('prison')
    .select('id')
    .where('id', '=', input.prisonId)
    .where('programme_id', '=', ctx.actor.programmeId)
    .executeTakeFirst();
  if (!prison) throw new ValidationError([{ field: 'prisonId', message: 'Select the prison' }]);
  const eligibility = await eligibilityOf(ctx, input.sentenceMonths);
  const overrideReason = input.overrideReason?.trim() || null;
  if (!eligibility.eligible) {
    const range = `${eligibility.minMonths} months to ${eligibility.maxMonths / 12} years`;
    if (!can(ctx.actor, 'signups.override')) {
      throw new ValidationError([{ field: 'sentenceMonths', message: `Sentence length must be from ${range} to be eligible. A team leader can sign them up anyway, with a reason` }]);
    }
    if (!overrideReason) {
      throw new ValidationError([{ field: 'overrideReason', message: `Sentence length is outside ${range}: give the reason for signing them up anyway` }]);
    }
  }
  return { eligible: eligibility.eligible, overrideReason };
}

/** Corrects a sign-up's details (from `version`), with the same checks as signing up. */
export async function updateSignUp(props: { ctx: SignedInCtx; personId: string; episodeId: string; version: number; input: SignUpInput }): Promise<void> {
  const { ctx, input } = props;
  await authorizePerson(ctx, props.personId, 'people.write');
  const episode = await episodeOf(ctx, props.personId, props.episodeId);
  const { eligible, overrideReason } = await checkSignUp(ctx, input);
  if (episode.liberated_on && input.signedUpOn > episode.liberated_on) {
    throw new ValidationError([{ field: 'signedUpOn', message: 'The sign-up date must be on or before the liberation date' }]);
  }
  await inTransaction(ctx, async (tx) => {
    if (input.prisonNumber) await addPrisonNumberTo(tx, props.personId, input.prisonNumber);
    const keepOverride = !eligible && episode.eligibility_override_reason === overrideReason;
    await saveEpisode(
      tx,
      episode.id,
      props.version,
      {
        ...signUpColumns(input, eligible ? null : { reason: overrideReason, by: keepOverride ? episode.eligibility_override_by : ctx.actor.userId }),
      },
      'correction',
    );
  });
}

function dateProblems(input: { signedUpOn: string; sentencedOn?: string; expectedLiberationOn?: string }) {
  const problems = [];
  if (input.sentencedOn && input.sentencedOn > input.signedUpOn) {
    problems.push({ field: 'sentencedOn', message: 'The date of sentence must be on or before the sign-up date' });
  }
  if (input.expectedLiberationOn && input.expectedLiberationOn < input.signedUpOn) {
    problems.push({ field: 'expectedLiberationOn', message: 'The expected liberation date must be on or after the sign-up date' });
  }
  return problems;
}

export async function recordVisit(props: { ctx: SignedInCtx; personId: string; episodeId: string; input: VisitInput }): Promise<void> {
  const { ctx, input } = props;
  await authorizePerson(ctx, props.personId, 'people.write');
  const episode = await episodeOf(ctx, props.personId, props.episodeId);
  if (input.visitedOn < episode.signed_up_on) throw new ValidationError([{ field: 'visitedOn', message: 'The visit must be on or after the sign-up date' }]);
  if (episode.liberated_on && input.visitedOn > episode.liberated_on) {
    throw new ValidationError([{ field: 'visitedOn', message: 'A pre-release visit must be on or before the liberation date' }]);
  }
  await inTransaction(ctx, async (tx) => {
    const visit = await tx.db
      .insertInto('pre_release_visit')
      .values({ programme_id: ctx.actor.programmeId, episode_id: episode.id, visited_on: input.visitedOn, worker_id: ctx.actor.userId, place: input.place ?? null, notes: input.notes ?? null, created_by: ctx.actor.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, { action: 'create', recordType: 'pre-release-visit', recordId: visit.id, detail: { episodeId: episode.id } });
  });
}

/** Saves sign-up fields from `version`; a stale version is refused. */
async function saveEpisode(ctx: SignedInCtx, episodeId: string, version: number, set: Record<string, unknown>, what: string) {
  const result = await ctx.db
    .updateTable('episode')
    .set({ ...set, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', episodeId)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new ConflictError(`Someone else changed this sign-up while you were editing it, so your ${what} was not saved.`);
  await audit(ctx, { action: 'update', recordType: 'episode', recordId: episodeId, detail: { fields: Object.keys(set) } });
}

export async function recordLiberation(props: { ctx: SignedInCtx; personId: string; episodeId: string; version: number; input: LiberationInput }): Promise<void> {
  const { ctx, input } = props;
  await authorizePerson(ctx, props.personId, 'people.write');
  const episode = await episodeOf(ctx, props.personId, props.episodeId);
  if (input.liberatedOn && input.liberatedOn < episode.signed_up_on) {
    throw new ValidationError([{ field: 'liberatedOn', message: 'The liberation date must be on or after the sign-up date' }]);
  }
  if (input.liberatedOn && input.liberatedOn > today(ctx.actor.timeZone)) {
    throw new ValidationError([{ field: 'liberatedOn', message: 'Liberation date must be today or in the past' }]);
  }
  if (input.liberationType) await checkChoice(ctx, 'liberation_type', input.liberationType, 'liberationType', 'Select how they were liberated');
  if ((input.gateStatus === 'met' || input.gateStatus === 'declined' || input.gateStatus === 'missed') && !input.liberatedOn && !episode.liberated_on) {
    throw new ValidationError([{ field: 'gateStatus', message: 'Enter the liberation date before recording what happened at the gate' }]);
  }
  await inTransaction(ctx, async (tx) => {
    await saveEpisode(
      tx,
      episode.id,
      props.version,
      {
        liberated_on: input.liberatedOn ?? null,
        liberation_type: input.liberationType ?? null,
        gate_status: input.gateStatus ?? null,
        gate_notes: input.gateNotes ?? null,
      },
      'liberation record',
    );
    await takeOnIfUnallocated(tx, episode.id);
  });
}

export async function addDayOneAppointment(props: { ctx: SignedInCtx; personId: string; episodeId: string; input: AppointmentInput }): Promise<void> {
  const { ctx, input } = props;
  await authorizePerson(ctx, props.personId, 'people.write');
  const episode = await episodeOf(ctx, props.personId, props.episodeId);
  if (input.appointmentOn < episode.signed_up_on) {
    throw new ValidationError([{ field: 'appointmentOn', message: 'The appointment must be on or after the sign-up date' }]);
  }
  await inTransaction(ctx, async (tx) => {
    const row = await tx.db
      .insertInto('day_one_appointment')
      .values({ programme_id: ctx.actor.programmeId, episode_id: episode.id, appointment_on: input.appointmentOn, appointment_time: input.appointmentTime ?? null, agency: input.agency, purpose: input.purpose ?? null, created_by: ctx.actor.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, { action: 'create', recordType: 'day-one-appointment', recordId: row.id, detail: { episodeId: episode.id } });
  });
}

/** A team leader allocates the sign-up's team and workers (or moves the client to others). */
export async function allocate(props: { ctx: SignedInCtx; personId: string; episodeId: string; version: number; input: AllocationInput }): Promise<void> {
  const { ctx, input } = props;
  await authorizePerson(ctx, props.personId, 'people.allocate');
  const episode = await episodeOf(ctx, props.personId, props.episodeId);
  const workers = [
    ['prisonCoachId', input.prisonCoachId, 'prison_life_coach'],
    ['communityCoachId', input.communityCoachId, 'community_life_coach'],
    ['employmentConsultantId', input.employmentConsultantId, 'employment_consultant'],
    ['familySupportId', input.familySupportId, 'family_support_coordinator'],
  ] as const;
  for (const [field, userId, role] of workers) {
    if (!userId) continue;
    const user = await ctx.db.selectFrom('app_user').select('id').where('id', '=', userId).where('programme_id', '=', ctx.actor.programmeId).where('role', '=', role).where('active', '=', true).executeTakeFirst();
    if (!user) throw new ValidationError([{ field, message: 'Select someone from the list' }]);
  }
  if (input.teamId) {
    const team = await ctx.db.selectFrom('team').select('id').where('id', '=', input.teamId).where('programme_id', '=', ctx.actor.programmeId).executeTakeFirst();
    if (!team) throw new ValidationError([{ field: 'teamId', message: 'Select a team' }]);
  }
  await inTransaction(ctx, async (tx) => {
    await saveEpisode(
      tx,
      episode.id,
      props.version,
      {
        team_id: input.teamId ?? null,
        prison_coach_id: input.prisonCoachId ?? null,
        community_coach_id: input.communityCoachId ?? null,
        employment_consultant_id: input.employmentConsultantId ?? null,
        family_support_id: input.familySupportId ?? null,
      },
      'allocation',
    );
    if (input.teamId) await tx.db.updateTable('person').set({ team_id: input.teamId }).where('id', '=', props.personId).execute();
  });
}

export async function closeEpisode(props: { ctx: SignedInCtx; personId: string; episodeId: string; version: number; input: ClosureInput }): Promise<void> {
  const { ctx, input } = props;
  await authorizePerson(ctx, props.personId, 'people.write');
  const episode = await episodeOf(ctx, props.personId, props.episodeId);
  if (episode.closed_on) throw new ValidationError([{ field: 'closedOn', message: 'This sign-up is already closed' }]);
  if (input.closedOn < episode.signed_up_on) throw new ValidationError([{ field: 'closedOn', message: 'The closure date must be on or after the sign-up date' }]);
  if (input.closedOn > today(ctx.actor.timeZone)) throw new ValidationError([{ field: 'closedOn', message: 'Closure date must be today or in the past' }]);
  await checkChoice(ctx, 'closure_reason', input.closureReason, 'closureReason', 'Select why the case is closing');
  await inTransaction(ctx, (tx) =>
    saveEpisode(tx, episode.id, props.version, { closed_on: input.closedOn, closure_reason: input.closureReason, closure_note: input.closureNote ?? null }, 'closure'),
  );
}

export { episodeOf };

/**
 * The community life coach who first works with a client after release (at the gate, or at a
 * contact) takes them on when nobody has been allocated yet; a team leader can still move them.
 */
export async function takeOnIfUnallocated(ctx: SignedInCtx, episodeId: string): Promise<void> {
  if (ctx.actor.role !== 'community_life_coach') return;
  await ctx.db.updateTable('episode').set({ community_coach_id: ctx.actor.userId }).where('id', '=', episodeId).where('community_coach_id', 'is', null).execute();
}
