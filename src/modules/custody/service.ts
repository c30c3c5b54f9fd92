import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import { today } from '../../http/date-fields.ts';
import { throwProblems, ValidationError, type FieldProblem } from '../../http/errors.ts';
import { can } from '../auth/policy.ts';
import { audit } from '../audit/record.ts';
import { assign, checkWorkerFor, currentAssignments, takeOnIfUnassigned } from '../casework/assignments.ts';
import { choiceProblems } from '../casework/choices.ts';
import { findEpisode, saveEpisode, writableEpisode, type EpisodeRow } from '../casework/episodes.ts';
import { authorizePerson } from '../people/access.ts';
import { normalisePrisonNumber } from '../people/names.ts';
import { addPrisonNumberTo } from '../people/service.ts';
import { lawfulBasisColumns, lawfulBasisProblems } from '../lawful-basis/service.ts';
import { ALLOCATION_PARTS, type AllocationInput, type ClosureInput, type LiberationInput, type NewSignUpInput, type SignUpInput } from './schemas.ts';

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
export async function signUp(props: { ctx: SignedInCtx; personId: string; input: NewSignUpInput }): Promise<string> {
  const { ctx, personId, input } = props;
  await authorizePerson(ctx, personId, 'people.write');
  const { eligible, overrideReason } = await checkSignUp(ctx, input);
  throwProblems(await lawfulBasisProblems(ctx, input));
  return inTransaction(ctx, async (tx) => {
    throwProblems(await openSignUpProblems(tx, personId));
    if (input.prisonNumber) await addPrisonNumberTo(tx, personId, input.prisonNumber);
    const episode = await tx.db
      .insertInto('episode')
      .values({
        programme_id: ctx.actor.programmeId,
        person_id: personId,
        ...signUpColumns(input, eligible ? null : { reason: overrideReason, by: ctx.actor.userId }),
        team_id: ctx.actor.teamId,
        liberated_on: null,
        liberation_type: null,
        gate_status: null,
        gate_notes: null,
        non_engagement_reason: null,
        non_engagement_note: null,
        closed_on: null,
        closure_reason: null,
        closure_note: null,
        ...lawfulBasisColumns(ctx, input),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (ctx.actor.teamId) await tx.db.updateTable('person').set({ team_id: ctx.actor.teamId }).where('programme_id', '=', ctx.actor.programmeId).where('id', '=', personId).execute();
    await audit(tx, { action: 'create', recordType: 'episode', recordId: episode.id, detail: { personId, overridden: !eligible } });
    const part = ctx.actor.role === 'prison_life_coach' || ctx.actor.role === 'community_life_coach' ? ctx.actor.role : null;
    if (part) await assign(tx, { episodeId: episode.id, part, workerId: ctx.actor.userId, reason: 'Signed them up' });
    return episode.id;
  });
}

/** The checks a sign-up's details must pass, new or corrected: every problem with the fields given. */
async function checkSignUp(ctx: SignedInCtx, input: SignUpInput, episode?: EpisodeRow): Promise<{ eligible: boolean; overrideReason: string | null }> {
  throwProblems(await signUpProblems(ctx, input, episode));
  return { eligible: (await eligibilityOf(ctx, input.sentenceMonths)).eligible, overrideReason: input.overrideReason?.trim() || null };
}

/**
 * What is wrong with a sign-up's details (dates in order, the prison, eligibility, and for a
 * correction the liberation date), looking only at the fields given: a form shows these with its own.
 */
export async function signUpProblems(ctx: SignedInCtx, input: Partial<SignUpInput>, episode?: EpisodeRow): Promise<FieldProblem[]> {
  const problems = dateProblems(input);
  if (input.prisonId) {
    const prison = await ctx.db
      .selectFrom('prison')
      .select('id')
      .where('id', '=', input.prisonId)
      .where('programme_id', '=', ctx.actor.programmeId)
      .executeTakeFirst();
    if (!prison) problems.push({ field: 'prisonId', message: 'Select the prison' });
  }
  if (input.sentenceMonths !== undefined) {
    const eligibility = await eligibilityOf(ctx, input.sentenceMonths);
    const range = `${eligibility.minMonths} months to ${eligibility.maxMonths / 12} years`;
    if (eligibility.eligible) {
      // Eligible: nothing to override.
    } else if (!can(ctx.actor, 'signups.override')) {
      problems.push({ field: 'sentenceMonths', message: `Sentence length must be from ${range} to be eligible. A team leader can sign them up anyway, with a reason` });
    } else if (!input.overrideReason?.trim()) {
      problems.push({ field: 'overrideReason', message: `Sentence length is outside ${range}: give the reason for signing them up anyway` });
    }
  }
  if (episode?.liberated_on && input.signedUpOn && input.signedUpOn > episode.liberated_on) {
    problems.push({ field: 'signedUpOn', message: 'The sign-up date must be on or before the liberation date' });
  }
  return problems;
}

/** A person with an open sign-up cannot be signed up again until it is closed. */
export async function openSignUpProblems(ctx: SignedInCtx, personId: string): Promise<FieldProblem[]> {
  const open = await ctx.db
    .selectFrom('episode as e')
    .innerJoin('prison as pr', (join) => join.onRef('pr.programme_id', '=', 'e.programme_id').onRef('pr.id', '=', 'e.prison_id'))
    .select(['pr.name'])
    .where('e.programme_id', '=', ctx.actor.programmeId)
    .where('e.person_id', '=', personId)
    .where('e.closed_on', 'is', null)
    .executeTakeFirst();
  return open ? [{ field: 'signedUpOn', message: `They have an open sign-up at ${open.name}: close it before signing them up again` }] : [];
}

/** Corrects a sign-up's details (from `version`), with the same checks as signing up. */
export async function updateSignUp(props: { ctx: SignedInCtx; personId: string; episodeId: string; version: number; input: SignUpInput }): Promise<void> {
  const { ctx, input } = props;
  await authorizePerson(ctx, props.personId, 'people.write');
  const episode = await writableEpisode(ctx, props.personId, props.episodeId);
  const { eligible, overrideReason } = await checkSignUp(ctx, input, episode);
  await inTransaction(ctx, async (tx) => {
    if (input.prisonNumber) await addPrisonNumberTo(tx, props.personId, input.prisonNumber);
    const keepOverride = !eligible && episode.eligibility_override_reason === overrideReason;
    await saveEpisode(tx, {
      episodeId: episode.id,
      version: props.version,
      set: signUpColumns(input, eligible ? null : { reason: overrideReason, by: keepOverride ? episode.eligibility_override_by : ctx.actor.userId }),
      what: 'correction',
    });
  });
}

function dateProblems(input: { signedUpOn?: string; sentencedOn?: string; expectedLiberationOn?: string }): FieldProblem[] {
  const problems = [];
  if (!input.signedUpOn) return [];
  if (input.sentencedOn && input.sentencedOn > input.signedUpOn) {
    problems.push({ field: 'sentencedOn', message: 'The date of sentence must be on or before the sign-up date' });
  }
  if (input.expectedLiberationOn && input.expectedLiberationOn < input.signedUpOn) {
    problems.push({ field: 'expectedLiberationOn', message: 'The expected liberation date must be on or after the sign-up date' });
  }
  return problems;
}

export async function recordLiberation(props: { ctx: SignedInCtx; personId: string; episodeId: string; version: number; input: LiberationInput }): Promise<void> {
  const { ctx, input } = props;
  await authorizePerson(ctx, props.personId, 'people.write');
  const episode = await writableEpisode(ctx, props.personId, props.episodeId);
  throwProblems(await liberationProblems(ctx, episode, input));
  await inTransaction(ctx, async (tx) => {
    await saveEpisode(tx, {
      episodeId: episode.id,
      version: props.version,
      set: { liberated_on: input.liberatedOn ?? null, liberation_type: input.liberationType ?? null, gate_status: input.gateStatus ?? null, gate_notes: input.gateNotes ?? null },
      what: 'liberation record',
    });
    await takeOnIfUnassigned(tx, { episodeId: episode.id, reason: 'Recorded the liberation and gate meeting' });
  });
}

/** What is wrong with a liberation record against the sign-up and the lists (the sign-up's own liberation type allowed though no longer in use), on the fields given. */
export async function liberationProblems(ctx: SignedInCtx, episode: EpisodeRow, input: Partial<LiberationInput>): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  if (input.liberatedOn && input.liberatedOn < episode.signed_up_on) {
    problems.push({ field: 'liberatedOn', message: 'The liberation date must be on or after the sign-up date' });
  }
  if (input.liberatedOn && input.liberatedOn > today(ctx.actor.timeZone)) problems.push({ field: 'liberatedOn', message: 'Liberation date must be today or in the past' });
  problems.push(...(await choiceProblems(ctx, 'liberation_type', input.liberationType || undefined, 'liberationType', 'Select how they were liberated', episode.liberation_type)));
  if ((input.gateStatus === 'met' || input.gateStatus === 'declined' || input.gateStatus === 'missed') && !input.liberatedOn && !episode.liberated_on) {
    problems.push({ field: 'gateStatus', message: 'Enter the liberation date before recording what happened at the gate' });
  }
  return problems;
}

/**
 * A team leader allocates the sign-up's team and its workers, or moves the client to others: each
 * part whose worker changes ends its current assignment and starts a new one, with the reason given.
 */
export async function allocate(props: { ctx: SignedInCtx; personId: string; episodeId: string; version: number; input: AllocationInput }): Promise<void> {
  const { ctx, input } = props;
  await authorizePerson(ctx, props.personId, 'people.allocate');
  const episode = await writableEpisode(ctx, props.personId, props.episodeId);
  const current = await currentAssignments(ctx, episode.id);
  for (const [field, part] of Object.entries(ALLOCATION_PARTS)) {
    const workerId = input[field as keyof typeof ALLOCATION_PARTS];
    // A worker the sign-up has now stays, though their account has since been closed: only a change is checked.
    if (workerId && workerId !== current.find((a) => a.part === part)?.workerId) await checkWorkerFor(ctx, { part, workerId, field });
  }
  if (input.teamId) {
    const team = await ctx.db.selectFrom('team').select('id').where('programme_id', '=', ctx.actor.programmeId).where('id', '=', input.teamId).executeTakeFirst();
    if (!team) throw new ValidationError([{ field: 'teamId', message: 'Select a team' }]);
  }
  const reason = input.reason ?? 'Allocated by a team leader';
  await inTransaction(ctx, async (tx) => {
    await saveEpisode(tx, { episodeId: episode.id, version: props.version, set: { team_id: input.teamId ?? null }, what: 'allocation' });
    for (const [field, part] of Object.entries(ALLOCATION_PARTS)) {
      await assign(tx, { episodeId: episode.id, part, workerId: input[field as keyof typeof ALLOCATION_PARTS] ?? null, reason });
    }
    if (input.teamId) await tx.db.updateTable('person').set({ team_id: input.teamId }).where('programme_id', '=', ctx.actor.programmeId).where('id', '=', props.personId).execute();
  });
}

export async function closeEpisode(props: { ctx: SignedInCtx; personId: string; episodeId: string; version: number; input: ClosureInput }): Promise<void> {
  const { ctx, input } = props;
  await authorizePerson(ctx, props.personId, 'people.write');
  const episode = await writableEpisode(ctx, props.personId, props.episodeId);
  throwProblems(await closureProblems(ctx, episode, input));
  await inTransaction(ctx, (tx) =>
    saveEpisode(tx, {
      episodeId: episode.id,
      version: props.version,
      set: { closed_on: input.closedOn, closure_reason: input.closureReason, closure_note: input.closureNote ?? null },
      what: 'closure',
    }),
  );
}

/** What is wrong with a closure against the sign-up and the list of reasons, on the fields given. */
export async function closureProblems(ctx: SignedInCtx, episode: EpisodeRow, input: Partial<ClosureInput>): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  if (input.closedOn && input.closedOn < episode.signed_up_on) problems.push({ field: 'closedOn', message: 'The closure date must be on or after the sign-up date' });
  if (input.closedOn && input.closedOn > today(ctx.actor.timeZone)) problems.push({ field: 'closedOn', message: 'Closure date must be today or in the past' });
  problems.push(...(await choiceProblems(ctx, 'closure_reason', input.closureReason, 'closureReason', 'Select why the case is closing')));
  return problems;
}

/** A team leader reopens a closed sign-up, so that work can be recorded on it again; the closure is kept in the audit log. */
export async function reopenEpisode(props: { ctx: SignedInCtx; personId: string; episodeId: string; version: number }): Promise<void> {
  const { ctx } = props;
  await authorizePerson(ctx, props.personId, 'signups.reopen');
  const episode = await findEpisode(ctx, props.personId, props.episodeId);
  if (!episode.closed_on) throw new ValidationError([{ field: 'reopen', message: 'This sign-up is open already' }]);
  const open = await ctx.db
    .selectFrom('episode')
    .select('id')
    .where('programme_id', '=', ctx.actor.programmeId)
    .where('person_id', '=', props.personId)
    .where('closed_on', 'is', null)
    .executeTakeFirst();
  if (open) throw new ValidationError([{ field: 'reopen', message: 'They have another open sign-up: close it before reopening this one' }]);
  await inTransaction(ctx, (tx) =>
    saveEpisode(tx, {
      episodeId: episode.id,
      version: props.version,
      set: { closed_on: null, closure_reason: null, closure_note: null },
      what: 'reopening',
    }),
  );
}
