import { sql, type JoinBuilder } from 'kysely';
import type { Database, FamilyReferralTable, FamilyTable } from '../../db/schema.ts';
import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import { formatCalendarDate } from '../../http/dates.ts';
import { ValidationError, type FieldProblem } from '../../http/errors.ts';
import { choiceProblems } from '../casework/choices.ts';
import { auditFamily } from './audit.ts';
import { familyRecord, saveRecord, type RecordRow } from './records.ts';
import type { ReferralInput, ReferralStep } from './schemas.ts';
import { loadFamily } from './store.ts';

/**
 * Referrals to family support and their steps: accepted, engaged (the first contact after the
 * referral), closed with a reason. No step's date may go before the referral's.
 */

export const referralProblems = (ctx: SignedInCtx, input: Partial<ReferralInput>): Promise<FieldProblem[]> =>
  choiceProblems(ctx, 'family_referral_source', input.source, 'source', 'Select who referred the family from the list');

/** Inside a transaction: adds a referral to a family already checked, and audits it. */
export async function insertReferral(tx: SignedInCtx, props: { familyId: string; input: ReferralInput }): Promise<string> {
  const { input } = props;
  const { id } = await tx.db
    .insertInto('family_referral')
    .values({
      programme_id: tx.actor.programmeId,
      family_id: props.familyId,
      referred_on: input.referredOn,
      source: input.source,
      source_detail: input.sourceDetail ?? null,
      reason: input.reason,
      created_by: tx.actor.userId,
      updated_by: tx.actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await auditFamily(tx, props.familyId, { action: 'create', recordType: 'family-referral', recordId: id });
  await engageFromSupport(tx, props.familyId);
  return id;
}

export async function addReferral(ctx: SignedInCtx, props: { familyId: string; input: ReferralInput }): Promise<string> {
  const family = await loadFamily(ctx, props.familyId, 'families.write');
  return inTransaction(ctx, (tx) => insertReferral(tx, { familyId: family.id, input: props.input }));
}

const STEP_COLUMN = { accepted: 'accepted_on', engaged: 'engaged_on', closed: 'closed_on' } as const;

/** The problems with taking a referral's step on `on` (its date against the referral's; a closure's reason). */
export async function stepProblems(ctx: SignedInCtx, row: RecordRow<'referrals'>, step: ReferralStep, input: { on?: string; closureReason?: string }): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  const referredOn = row.referred_on;
  if (row[STEP_COLUMN[step]]) problems.push({ field: 'form', message: `This referral is already ${step}` });
  if (row.closed_on && step !== 'closed') problems.push({ field: 'form', message: 'This referral is closed' });
  if (input.on && input.on < referredOn) problems.push({ field: 'on', message: `The date must be on or after the referral date, ${formatCalendarDate(referredOn)}` });
  if (step === 'closed') {
    if (input.closureReason === undefined) problems.push({ field: 'closureReason', message: 'Select why it closed' });
    else problems.push(...(await choiceProblems(ctx, 'family_closure_reason', input.closureReason, 'closureReason', 'Select why it closed from the list')));
  }
  return problems;
}

/** Takes a referral's step on `on`, from `version`. */
export async function takeStep(
  ctx: SignedInCtx,
  props: { familyId: string; referralId: string; step: ReferralStep; version: number; on: string; closureReason?: string },
): Promise<void> {
  const { row } = await familyRecord(ctx, { familyId: props.familyId, kind: 'referrals', recordId: props.referralId });
  const problems = await stepProblems(ctx, row, props.step, props);
  if (problems.length > 0) throw new ValidationError(problems);
  const changes = { [STEP_COLUMN[props.step]]: props.on, ...(props.step === 'closed' ? { closure_reason: props.closureReason } : {}) };
  await inTransaction(ctx, (tx) => saveRecord(tx, { kind: 'referrals', row, version: props.version, changes }));
}

/**
 * Inside a transaction: a family's open referrals not yet engaged become engaged on the date of the
 * first support given (not in error) on or after their referral date. Called whenever support is
 * recorded, corrected or marked in error, or a referral added. `datesGone`: the dates of support that
 * no longer stands there (marked in error, or moved to another day); a referral engaged on such a day
 * with no other support left on it takes the next support given instead (within its dates), or none.
 */
export async function engageFromSupport(tx: SignedInCtx, familyId: string, datesGone: string[] = []): Promise<void> {
  const current = sql`s.programme_id = r.programme_id and s.family_id = r.family_id and s.entered_in_error_at is null`;
  const first = sql<string>`(select min(s.support_on) from family_support s where ${current} and s.support_on >= r.referred_on and (r.closed_on is null or s.support_on <= r.closed_on))`;
  const changed: { id: string }[] = [];
  if (datesGone.length > 0) {
    const retaken = await sql<{ id: string }>`
      update family_referral r set engaged_on = ${first}, version = version + 1, updated_at = now(), updated_by = ${tx.actor.userId}
      where r.programme_id = ${tx.actor.programmeId} and r.family_id = ${familyId} and r.entered_in_error_at is null
        and r.engaged_on = any(${datesGone}::date[]) and not exists (select 1 from family_support s where ${current} and s.support_on = r.engaged_on)
      returning r.id`.execute(tx.db);
    changed.push(...retaken.rows);
  }
  const engaged = await sql<{ id: string }>`
    update family_referral r set engaged_on = ${first}, version = version + 1, updated_at = now(), updated_by = ${tx.actor.userId}
    where r.programme_id = ${tx.actor.programmeId} and r.family_id = ${familyId}
      and r.entered_in_error_at is null and r.engaged_on is null and r.closed_on is null and ${first} is not null
    returning r.id`.execute(tx.db);
  changed.push(...engaged.rows);
  for (const id of new Set(changed.map((row) => row.id))) {
    await auditFamily(tx, familyId, { action: 'update', recordType: 'family-referral', recordId: id, detail: { fields: ['engaged_on'], automatic: true } });
  }
}

/** A family's referrals, newest first (those in error too), with their lists' words and state. */
export async function familyReferrals(ctx: SignedInCtx, familyId: string) {
  const rows = await ctx.db
    .selectFrom('family_referral as r')
    .leftJoin('choice as s', (join) => join.onRef('s.programme_id', '=', 'r.programme_id').onRef('s.list', '=', 'r.source_list').onRef('s.code', '=', 'r.source'))
    .leftJoin('choice as c', (join) => join.onRef('c.programme_id', '=', 'r.programme_id').onRef('c.list', '=', 'r.closure_reason_list').onRef('c.code', '=', 'r.closure_reason'))
    .select([
      'r.id',
      'r.referred_on as referredOn',
      's.label as sourceLabel',
      'r.source_detail as sourceDetail',
      'r.reason',
      'r.accepted_on as acceptedOn',
      'r.engaged_on as engagedOn',
      'r.closed_on as closedOn',
      'c.label as closureReasonLabel',
      'r.version',
      'r.entered_in_error_reason as enteredInErrorReason',
    ])
    .where('r.programme_id', '=', ctx.actor.programmeId)
    .where('r.family_id', '=', familyId)
    .orderBy('r.referred_on', 'desc')
    .orderBy('r.created_at', 'desc')
    .execute();
  return rows.map((row) => ({ ...row, state: referralState(row) }));
}

/**
 * For a query of families (`f`) joining `family_referral as r`: r is the family's latest referral not
 * in error (by referral date, then the latest recorded), whose dates say where it has got to.
 */
export const joinLatestReferral = (join: JoinBuilder<Database & { f: FamilyTable; r: FamilyReferralTable }, 'f' | 'r'>) =>
  join.onRef('r.programme_id', '=', 'f.programme_id').on(
    'r.id',
    '=',
    sql<string>`(select l.id from family_referral l where l.programme_id = f.programme_id and l.family_id = f.id and l.entered_in_error_at is null
      order by l.referred_on desc, l.created_at desc limit 1)`,
  );
export const LATEST_REFERRAL_DATES = ['r.referred_on as referredOn', 'r.accepted_on as acceptedOn', 'r.engaged_on as engagedOn', 'r.closed_on as closedOn'] as const;

/** Where a referral has got to, in words. */
export function referralState(row: { closedOn: string | null; engagedOn: string | null; acceptedOn: string | null }): string {
  if (row.closedOn) return `Closed ${formatCalendarDate(row.closedOn)}`;
  if (row.engagedOn) return `Engaged ${formatCalendarDate(row.engagedOn)}`;
  if (row.acceptedOn) return `Accepted ${formatCalendarDate(row.acceptedOn)}`;
  return 'Referred, not yet accepted';
}
