import type { FunderPeriodKind } from '../../db/schema/funder-returns.ts';
import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import { ConflictError, ValidationError } from '../../http/errors.ts';
import { audit } from '../audit/record.ts';
import { AGE_BANDS, allBands } from '../reports/bands.ts';
import { loadFilterOptions, type FilterOptions } from '../reports/filter-options.ts';
import { changesSince } from './changes.ts';
import { computeFigures } from './compute.ts';
import { periodKindLabel, recentPeriods, type FunderPeriod } from './periods.ts';
import { latestReturn } from './returns.ts';
import { fundedScopeOf, getTemplate, type Template } from './templates.ts';

/**
 * What a template funded and asked for when a return was produced, in words and codes: names, never
 * ids (a restored programme has new ids), so the stored return says what it covered on its own.
 */
export interface StoredScope {
  funder: string;
  template: string;
  periodKind: FunderPeriodKind;
  prisons: string[];
  areas: string[];
  ageBands: { code: string; label: string }[];
  sentenceMinMonths: number | null;
  sentenceMaxMonths: number | null;
  /** Each rule in words, "any" where the template sets none. */
  rules: string[];
}

const monthsText = (months: number) => `${months} month${months === 1 ? '' : 's'}`;

function sentenceRule(min: number | null, max: number | null): string {
  if (min !== null && max !== null) return `Sentences of ${monthsText(min)} to ${monthsText(max)}`;
  if (min !== null) return `Sentences of ${monthsText(min)} or more`;
  if (max !== null) return `Sentences of ${monthsText(max)} or less`;
  return 'Sentences of any length';
}

function scopeOf(template: Template, options: FilterOptions): StoredScope {
  const named = (list: { id: string; name: string }[], ids: string[]) => list.filter((one) => ids.includes(one.id)).map((one) => one.name);
  const prisons = named(options.prisons, template.prisonIds);
  const areas = named(options.areas, template.areaIds);
  const ageBands = allBands(AGE_BANDS).filter((band) => template.ageBands.includes(band.code)).map(({ code, label }) => ({ code, label }));
  return {
    funder: template.funder,
    template: template.name,
    periodKind: template.periodKind,
    prisons,
    areas,
    ageBands,
    sentenceMinMonths: template.sentenceMinMonths,
    sentenceMaxMonths: template.sentenceMaxMonths,
    rules: [
      `Reporting period: ${periodKindLabel(template.periodKind).toLowerCase()}`,
      prisons.length > 0 ? `Prisons: ${prisons.join(', ')}` : 'Prisons: any',
      areas.length > 0 ? `Community justice areas: ${areas.join(', ')}` : 'Community justice areas: any',
      ageBands.length > 0 ? `Age on the day of sign-up: ${ageBands.map((band) => band.label).join(', ')}` : 'Age: any',
      sentenceRule(template.sentenceMinMonths, template.sentenceMaxMonths),
    ],
  };
}

/** The period chosen on the produce page, if it is one of the template's recent periods. */
export const periodChosen = (template: Template, from: string | undefined, today: string): FunderPeriod | undefined =>
  recentPeriods(template.periodKind, today).find((period) => period.from === from);

/**
 * Produces a return for the period and stores it as it is now: the figures with their definitions,
 * the scope in words, who and when. A return for a period that already has one needs a reason, and
 * follows the latest (previous_id), with what changed in the records since that one stored beside it.
 */
export async function produceReturn(ctx: SignedInCtx, props: { templateId: string; period: FunderPeriod; reason?: string }): Promise<{ id: string }> {
  const { period } = props;
  const template = await getTemplate(ctx, props.templateId);
  if (!template.active) throw new ValidationError([{ field: 'period', message: 'This template is no longer in use: returns cannot be produced from it' }]);
  // The reports run outside the transaction (some open their own); the figures are those of this moment.
  const options = await loadFilterOptions(ctx);
  const figures = await computeFigures(ctx, { codes: template.figures, period, funded: fundedScopeOf(template), options });
  const scope = scopeOf(template, options);
  return inTransaction(ctx, async (tx) => {
    // One return at a time per template, so two produced at once cannot both follow the same one.
    await tx.db.selectFrom('funder_template').select('id').where('programme_id', '=', ctx.actor.programmeId).where('id', '=', template.id).forUpdate().executeTakeFirstOrThrow();
    const previous = await latestReturn(tx, { templateId: template.id, period });
    if (previous && props.reason === undefined) throw new ValidationError([{ field: 'reason', message: `Enter why the return for ${period.label} is produced again` }]);
    const changes = previous ? await changesSince(tx, { since: previous.producedAt, periodTo: period.to, funded: fundedScopeOf(template) }) : null;
    const row = await tx.db
      .insertInto('funder_return')
      .values({
        programme_id: ctx.actor.programmeId,
        template_id: template.id,
        period_from: period.from,
        period_to: period.to,
        period_label: period.label,
        produced_by: ctx.actor.userId,
        previous_id: previous?.id ?? null,
        reason: previous ? (props.reason ?? null) : null,
        scope: JSON.stringify(scope),
        figures: JSON.stringify(figures),
        changes: changes ? JSON.stringify(changes) : null,
      })
      .returning('id')
      .executeTakeFirst()
      .catch((error: unknown) => {
        if (String((error as { code?: string }).code) === '23505') throw new ConflictError('Someone else produced a return for this period at the same time.');
        throw error;
      });
    if (!row) throw new Error('The return was not stored');
    await audit(tx, { action: 'create', recordType: 'funder_return', recordId: row.id, detail: { template: template.id, period: period.label, follows: previous?.id ?? null } });
    return { id: row.id };
  });
}
