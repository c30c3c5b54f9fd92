import { sql } from 'kysely';
import type { FunderPeriodKind } from '../../db/schema/funder-returns.ts';
import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import { ConflictError, NotFoundError, type FieldProblem } from '../../http/errors.ts';
import { audit } from '../audit/record.ts';
import type { FundedScope } from '../reports/engagement-filters.ts';
import type { TemplateInput } from './schemas.ts';

/** A return template: who funds what, how often they ask, and which figures. */
export interface Template {
  id: string;
  name: string;
  funder: string;
  periodKind: FunderPeriodKind;
  figures: string[];
  ageBands: string[];
  sentenceMinMonths: number | null;
  sentenceMaxMonths: number | null;
  prisonIds: string[];
  areaIds: string[];
  active: boolean;
  version: number;
}

const months = (value: string | null) => (value === null ? null : Number(value));

/** The programme's templates (the active first, then by name), or one of them. */
async function readTemplates(ctx: SignedInCtx, id?: string): Promise<Template[]> {
  const rows = await ctx.db
    .selectFrom('funder_template as t')
    .select([
      't.id',
      't.name',
      't.funder',
      't.period_kind as periodKind',
      't.figures',
      't.age_bands as ageBands',
      't.sentence_min_months',
      't.sentence_max_months',
      't.active',
      't.version',
      sql<string[]>`array(select p.prison_id from funder_template_prison p where p.programme_id = t.programme_id and p.template_id = t.id)`.as('prisonIds'),
      sql<string[]>`array(select a.area_id from funder_template_area a where a.programme_id = t.programme_id and a.template_id = t.id)`.as('areaIds'),
    ])
    .where('t.programme_id', '=', ctx.actor.programmeId)
    .$if(id !== undefined, (q) => q.where('t.id', '=', id as string))
    .orderBy('t.active', 'desc')
    .orderBy('t.name')
    .execute();
  return rows.map(({ sentence_min_months, sentence_max_months, ...row }) => ({
    ...row,
    prisonIds: [...row.prisonIds].sort(),
    areaIds: [...row.areaIds].sort(),
    sentenceMinMonths: months(sentence_min_months),
    sentenceMaxMonths: months(sentence_max_months),
  }));
}

export const listTemplates = (ctx: SignedInCtx) => readTemplates(ctx);

export async function getTemplate(ctx: SignedInCtx, id: string): Promise<Template> {
  const [template] = await readTemplates(ctx, id);
  if (!template) throw new NotFoundError('No such return template');
  return template;
}

/** What a template funds, as the reports' sign-up selection takes it. */
export const fundedScopeOf = (template: Template): FundedScope => ({
  prisonIds: template.prisonIds,
  areaIds: template.areaIds,
  ageBands: template.ageBands,
  sentenceMinMonths: template.sentenceMinMonths,
  sentenceMaxMonths: template.sentenceMaxMonths,
});

/** The checks that need the database: the name unused by another template, prisons and areas the programme's. */
export async function templateProblems(ctx: SignedInCtx, input: Partial<TemplateInput>, exceptId?: string): Promise<FieldProblem[]> {
  const programmeId = ctx.actor.programmeId;
  const problems: FieldProblem[] = [];
  if (input.name !== undefined) {
    const taken = await ctx.db
      .selectFrom('funder_template')
      .select('id')
      .where('programme_id', '=', programmeId)
      .where(sql`lower(name)`, '=', input.name.toLowerCase())
      .$if(exceptId !== undefined, (q) => q.where('id', '!=', exceptId as string))
      .executeTakeFirst();
    if (taken) problems.push({ field: 'name', message: 'Another return template has this name: choose another' });
  }
  for (const [field, table, message] of [
    ['prisonIds', 'prison', 'Select prisons from the list'],
    ['areaIds', 'area', 'Select areas from the list'],
  ] as const) {
    const ids = input[field] ?? [];
    if (ids.length === 0) continue;
    const found = await ctx.db.selectFrom(table).select('id').where('programme_id', '=', programmeId).where('id', 'in', ids).execute();
    if (found.length !== new Set(ids).size) problems.push({ field, message });
  }
  return problems;
}

function columnsOf(input: TemplateInput) {
  return {
    name: input.name,
    funder: input.funder,
    period_kind: input.periodKind,
    figures: input.figures,
    age_bands: input.ageBands,
    sentence_min_months: input.sentenceMinMonths ?? null,
    sentence_max_months: input.sentenceMaxMonths ?? null,
  };
}

async function saveFunded(ctx: SignedInCtx, templateId: string, input: TemplateInput) {
  const programme_id = ctx.actor.programmeId;
  await ctx.db.deleteFrom('funder_template_prison').where('programme_id', '=', programme_id).where('template_id', '=', templateId).execute();
  await ctx.db.deleteFrom('funder_template_area').where('programme_id', '=', programme_id).where('template_id', '=', templateId).execute();
  const prisons = [...new Set(input.prisonIds)].map((prison_id) => ({ programme_id, template_id: templateId, prison_id }));
  const areas = [...new Set(input.areaIds)].map((area_id) => ({ programme_id, template_id: templateId, area_id }));
  if (prisons.length > 0) await ctx.db.insertInto('funder_template_prison').values(prisons).execute();
  if (areas.length > 0) await ctx.db.insertInto('funder_template_area').values(areas).execute();
}

export async function createTemplate(ctx: SignedInCtx, input: TemplateInput): Promise<{ id: string }> {
  return inTransaction(ctx, async (tx) => {
    const { id } = await tx.db
      .insertInto('funder_template')
      .values({ programme_id: ctx.actor.programmeId, ...columnsOf(input), created_by: ctx.actor.userId, updated_by: ctx.actor.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await saveFunded(tx, id, input);
    await audit(tx, { action: 'create', recordType: 'funder_template', recordId: id });
    return { id };
  });
}

/** Saves changes made from `version` (a stale version is refused); returns already produced keep what they stored. */
export async function updateTemplate(ctx: SignedInCtx, props: { id: string; version: number; input: TemplateInput & { active: boolean } }) {
  const { id, version, input } = props;
  return inTransaction(ctx, async (tx) => {
    const before = await getTemplate(tx, id);
    const result = await tx.db
      .updateTable('funder_template')
      .set({ ...columnsOf(input), active: input.active, version: sql`version + 1`, updated_at: sql`now()`, updated_by: ctx.actor.userId })
      .where('programme_id', '=', ctx.actor.programmeId)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new ConflictError('Someone else changed this template since you opened it.');
    await saveFunded(tx, id, input);
    const after = await getTemplate(tx, id);
    const fields = (Object.keys(after) as (keyof Template)[]).filter((key) => key !== 'version' && JSON.stringify(before[key]) !== JSON.stringify(after[key]));
    await audit(tx, { action: 'update', recordType: 'funder_template', recordId: id, detail: { fields } });
    return after;
  });
}
