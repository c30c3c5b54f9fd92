import type { SignedInCtx } from '../../http/context.ts';
import type { ChoiceList } from '../../db/schema.ts';
import type { FieldProblem } from '../../http/errors.ts';

interface Named {
  id: string;
  name: string;
}

export interface Choice {
  code: string;
  label: string;
  /** Still offered on forms; one that is not is reported only where sign-ups have it. */
  active: boolean;
}

/**
 * What a report's filters can be set to, and the labels its tables show: the programme's prisons,
 * teams, areas, staff (not partner agencies' users), genders, reasons for not engaging and need domains. Records
 * no longer in use are included, as past sign-ups still refer to them.
 */
export interface FilterOptions {
  prisons: Named[];
  teams: Named[];
  areas: Named[];
  workers: Named[];
  genders: Choice[];
  reasons: Choice[];
  needDomains: Choice[];
}

/** The filter's ids and codes that are well formed but not among `known`: refused with their field's message, never ignored. */
export function choicesNotKnown<Field extends string>(filter: object, known: Record<Field, string[]>, messages: Record<Field, string>): FieldProblem[] {
  const chosen = filter as Partial<Record<Field, string>>;
  return (Object.keys(known) as Field[]).filter((field) => chosen[field] !== undefined && !known[field].includes(chosen[field])).map((field) => ({ field, message: messages[field] }));
}

/** A user's name as a report's filter lists it: marked when they can no longer sign in, as past records still name them. */
export const listedUserName = (user: { name: string; active: boolean }) => (user.active ? user.name : `${user.name} (deactivated)`);

/** The programme's entries of `lists`, each list in its order, those no longer offered included (past records still have them). */
export async function programmeChoices<List extends ChoiceList>(ctx: SignedInCtx, lists: readonly List[]): Promise<Record<List, Choice[]>> {
  const rows = await ctx.db
    .selectFrom('choice')
    .select(['list', 'code', 'label', 'active'])
    .where('programme_id', '=', ctx.actor.programmeId)
    .where('list', 'in', lists)
    .orderBy('sort_order')
    .orderBy('label')
    .execute();
  const listed = (list: List) => rows.filter((row) => row.list === list).map(({ code, label, active }) => ({ code, label, active }));
  return Object.fromEntries(lists.map((list) => [list, listed(list)])) as Record<List, Choice[]>;
}

export async function loadFilterOptions(ctx: SignedInCtx): Promise<FilterOptions> {
  const programmeId = ctx.actor.programmeId;
  const named = (table: 'prison' | 'team' | 'area') =>
    ctx.db.selectFrom(table).select(['id', 'name']).where('programme_id', '=', programmeId).orderBy('name').execute();
  const [prisons, teams, areas, workers, choices] = await Promise.all([
    named('prison'),
    named('team'),
    named('area'),
    ctx.db
      .selectFrom('app_user')
      .select(['id', 'display_name as name', 'active'])
      .where('programme_id', '=', programmeId)
      .where('role', '!=', 'partner_agency')
      .orderBy('display_name')
      .execute(),
    programmeChoices(ctx, ['gender', 'non_engagement_reason', 'need_domain']),
  ]);
  return {
    prisons,
    teams,
    areas,
    workers: workers.map((worker) => ({ id: worker.id, name: listedUserName(worker) })),
    genders: choices.gender,
    reasons: choices.non_engagement_reason,
    needDomains: choices.need_domain,
  };
}
