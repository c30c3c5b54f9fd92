import { sql } from 'kysely';
import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldProblem } from '../../http/errors.ts';
import { JOB_OUTCOME_TYPES } from '../../seed/outcome-framework.ts';
import { audit } from '../audit/record.ts';
import { choiceProblems } from '../casework/choices.ts';
import type { OutcomeTypeInput } from './framework-schemas.ts';

/**
 * The outcome framework: each outcome type is an entry of the outcome_type list (its name, position
 * and whether it is in use) plus its rule (category, hard or soft, the need it answers, the evidence
 * it asks for, whether it must be verified before it counts). The two are always written together.
 */

/** The types job starts and in-work checks record: always in use. */
export const isJobOutcomeType = (code: string) => code === JOB_OUTCOME_TYPES.jobStart || code === JOB_OUTCOME_TYPES.sustainedJob;

/** Every outcome type of the programme with its rule, in list order. */
export function listOutcomeTypes(ctx: SignedInCtx) {
  return ctx.db
    .selectFrom('choice as c')
    .leftJoin('outcome_type_rule as r', (j) => j.onRef('r.programme_id', '=', 'c.programme_id').onRef('r.code', '=', 'c.code'))
    .leftJoin('choice as nd', (j) => j.onRef('nd.programme_id', '=', 'c.programme_id').on('nd.list', '=', 'need_domain').onRef('nd.code', '=', 'r.need_domain'))
    .leftJoin('choice as ek', (j) => j.onRef('ek.programme_id', '=', 'c.programme_id').on('ek.list', '=', 'evidence_kind').onRef('ek.code', '=', 'r.evidence_kind'))
    .select([
      'c.id',
      'c.code',
      'c.label',
      'c.sort_order as sortOrder',
      'c.active',
      'c.version',
      'r.category',
      'r.hard',
      'r.need_domain as needDomain',
      'nd.label as needDomainLabel',
      'r.evidence_kind as evidenceKind',
      'ek.label as evidenceKindLabel',
      'r.must_verify as mustVerify',
      'r.version as ruleVersion',
    ])
    .where('c.programme_id', '=', ctx.actor.programmeId)
    .where('c.list', '=', 'outcome_type')
    .orderBy('c.sort_order')
    .orderBy('c.label')
    .execute()
    .then((rows) => rows.map((row) => ({ ...row, recordedByEmployment: isJobOutcomeType(row.code) })));
}

export type OutcomeTypeRow = Awaited<ReturnType<typeof listOutcomeTypes>>[number];

/** One outcome type by its code, for its page: a read of the programme's settings, audited. */
export async function getOutcomeType(ctx: SignedInCtx, code: string): Promise<OutcomeTypeRow> {
  const found = (await listOutcomeTypes(ctx)).find((row) => row.code === code);
  if (!found) throw new NotFoundError();
  await audit(ctx, { action: 'read', recordType: 'outcome-type', recordId: found.id });
  return found;
}

/** The need domain and kind of evidence must be entries of the programme's lists (in use, or already the type's). */
async function checkRuleChoices(ctx: SignedInCtx, input: OutcomeTypeInput, current?: OutcomeTypeRow): Promise<void> {
  const problems: FieldProblem[] = [];
  const pairs = [
    ['needDomain', 'need_domain', 'Select a need domain from the list'],
    ['evidenceKind', 'evidence_kind', 'Select a kind of evidence from the list'],
  ] as const;
  for (const [field, list, message] of pairs) problems.push(...(await choiceProblems(ctx, list, input[field], field, message, current?.[field])));
  if (problems.length) throw new ValidationError(problems);
}

const ruleColumns = (input: OutcomeTypeInput) => ({
  category: input.category,
  hard: input.hard,
  need_domain: input.needDomain,
  evidence_kind: input.evidenceKind,
  must_verify: input.mustVerify,
});

/** Adds an outcome type: its list entry and its rule, in one transaction, audited. */
export async function addOutcomeType(ctx: SignedInCtx, input: OutcomeTypeInput): Promise<void> {
  await checkRuleChoices(ctx, input);
  await inTransaction(ctx, async (tx) => {
    const taken = await tx.db
      .selectFrom('choice')
      .select('id')
      .where('programme_id', '=', ctx.actor.programmeId)
      .where('list', '=', 'outcome_type')
      .where('code', '=', input.code)
      .executeTakeFirst();
    if (taken) throw new ValidationError([{ field: 'code', message: 'An outcome type already has this code' }]);
    const row = await tx.db
      .insertInto('choice')
      .values({ programme_id: ctx.actor.programmeId, list: 'outcome_type', code: input.code, label: input.label, sort_order: input.sortOrder, active: input.active })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.db
      .insertInto('outcome_type_rule')
      .values({ programme_id: ctx.actor.programmeId, code: input.code, ...ruleColumns(input) })
      .execute();
    await audit(tx, { action: 'create', recordType: 'outcome-type', recordId: row.id, detail: { code: input.code, ...ruleColumns(input) } });
  });
}

/**
 * Changes an outcome type from the versions read (its entry and its rule): the code never changes.
 * The types job starts and in-work checks record cannot be taken out of use.
 */
export async function updateOutcomeType(
  ctx: SignedInCtx,
  props: { code: string; version: number; ruleVersion: number; input: Omit<OutcomeTypeInput, 'code'> },
): Promise<void> {
  const current = await getOutcomeType(ctx, props.code);
  const input = { ...props.input, code: props.code };
  if (!input.active && current.recordedByEmployment) {
    throw new ValidationError([{ field: 'active', message: 'Job starts and in-work checks record this outcome, so it must stay in use' }]);
  }
  await checkRuleChoices(ctx, input, current);
  await inTransaction(ctx, async (tx) => {
    const entry = await tx.db
      .updateTable('choice')
      .set({ label: input.label, sort_order: input.sortOrder, active: input.active, version: sql`version + 1`, updated_at: sql`now()` })
      .where('programme_id', '=', ctx.actor.programmeId)
      .where('list', '=', 'outcome_type')
      .where('code', '=', props.code)
      .where('version', '=', props.version)
      .executeTakeFirst();
    const rule =
      current.ruleVersion === null
        ? await tx.db.insertInto('outcome_type_rule').values({ programme_id: ctx.actor.programmeId, code: props.code, ...ruleColumns(input) }).executeTakeFirst()
        : await tx.db
            .updateTable('outcome_type_rule')
            .set({ ...ruleColumns(input), version: sql`version + 1`, updated_at: sql`now()` })
            .where('programme_id', '=', ctx.actor.programmeId)
            .where('code', '=', props.code)
            .where('version', '=', props.ruleVersion)
            .executeTakeFirst();
    const ruleRows = 'numInsertedOrUpdatedRows' in rule ? rule.numInsertedOrUpdatedRows : rule.numUpdatedRows;
    if (Number(entry.numUpdatedRows) === 0 || Number(ruleRows ?? 0) === 0) {
      throw new ConflictError('Someone else changed this outcome type while you were editing it, so your changes were not saved.');
    }
    await audit(tx, { action: 'update', recordType: 'outcome-type', recordId: current.id, detail: { code: props.code, active: input.active, ...ruleColumns(input) } });
  });
}

/** What an outcome type counts as, for recording an outcome of it; undefined when it is not an entry in use. */
export async function activeOutcomeType(ctx: SignedInCtx, code: string) {
  return ctx.db
    .selectFrom('choice as c')
    .leftJoin('outcome_type_rule as r', (j) => j.onRef('r.programme_id', '=', 'c.programme_id').onRef('r.code', '=', 'c.code'))
    .select(['c.code', 'c.label', 'r.evidence_kind as evidenceKind', 'r.must_verify as mustVerify'])
    .where('c.programme_id', '=', ctx.actor.programmeId)
    .where('c.list', '=', 'outcome_type')
    .where('c.code', '=', code)
    .where('c.active', '=', true)
    .executeTakeFirst();
}
