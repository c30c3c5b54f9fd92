import { sql } from 'kysely';
import type { SignedInCtx } from '../../http/context.ts';
import { NotFoundError } from '../../http/errors.ts';
import type { StoredChanges } from './changes.ts';
import type { StoredFigure } from './compute.ts';
import type { StoredScope } from './produce.ts';

/** A return as it was stored, with who produced it and the return that followed it, if any. */
export interface StoredReturn {
  id: string;
  templateId: string;
  periodFrom: string;
  periodTo: string;
  periodLabel: string;
  producedAt: Date;
  producedBy: string;
  previousId: string | null;
  followedById: string | null;
  reason: string | null;
  scope: StoredScope;
  figures: StoredFigure[];
  changes: StoredChanges | null;
}

function returnsQuery(ctx: SignedInCtx) {
  return ctx.db
    .selectFrom('funder_return as r')
    .innerJoin('app_user as u', (join) => join.onRef('u.programme_id', '=', 'r.programme_id').onRef('u.id', '=', 'r.produced_by'))
    .leftJoin('funder_return as next', (join) => join.onRef('next.programme_id', '=', 'r.programme_id').onRef('next.previous_id', '=', 'r.id'))
    .where('r.programme_id', '=', ctx.actor.programmeId)
    .select([
      'r.id',
      'r.template_id as templateId',
      sql<string>`r.period_from::text`.as('periodFrom'),
      sql<string>`r.period_to::text`.as('periodTo'),
      'r.period_label as periodLabel',
      'r.produced_at as producedAt',
      'u.display_name as producedBy',
      'r.previous_id as previousId',
      'next.id as followedById',
      'r.reason',
      sql<StoredScope>`r.scope`.as('scope'),
      sql<StoredFigure[]>`r.figures`.as('figures'),
      sql<StoredChanges | null>`r.changes`.as('changes'),
    ]);
}

/** The programme's returns (or one template's), the latest produced first. */
export function listReturns(ctx: SignedInCtx, templateId?: string): Promise<StoredReturn[]> {
  return returnsQuery(ctx)
    .$if(templateId !== undefined, (q) => q.where('r.template_id', '=', templateId as string))
    .orderBy('r.produced_at', 'desc')
    .execute();
}

export async function getReturn(ctx: SignedInCtx, id: string): Promise<StoredReturn> {
  const found = await returnsQuery(ctx).where('r.id', '=', id).executeTakeFirst();
  if (!found) throw new NotFoundError('No such funder return');
  return found;
}

/** The latest return of a template for a period (the one no other follows), if any. */
export function latestReturn(ctx: SignedInCtx, props: { templateId: string; period: { from: string; to: string } }) {
  return ctx.db
    .selectFrom('funder_return')
    .select(['id', 'produced_at as producedAt'])
    .where('programme_id', '=', ctx.actor.programmeId)
    .where('template_id', '=', props.templateId)
    .where('period_from', '=', props.period.from)
    .where('period_to', '=', props.period.to)
    .orderBy('produced_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Each period's latest return of a template (those no later return follows). */
export async function latestReturnsOf(ctx: SignedInCtx, templateId: string): Promise<StoredReturn[]> {
  const all = await listReturns(ctx, templateId);
  return all.filter((one) => one.followedById === null);
}
