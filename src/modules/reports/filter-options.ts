import type { SignedInCtx } from '../../http/context.ts';
import type { ChoiceList } from '../../db/schema.ts';

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
    ctx.db
      .selectFrom('choice')
      .select(['list', 'code', 'label', 'active'])
      .where('programme_id', '=', programmeId)
      .where('list', 'in', ['gender', 'non_engagement_reason', 'need_domain'])
      .orderBy('sort_order')
      .orderBy('label')
      .execute(),
  ]);
  const listed = (list: ChoiceList) => choices.filter((choice) => choice.list === list).map(({ code, label, active }) => ({ code, label, active }));
  return {
    prisons,
    teams,
    areas,
    workers: workers.map((worker) => ({ id: worker.id, name: worker.active ? worker.name : `${worker.name} (deactivated)` })),
    genders: listed('gender'),
    reasons: listed('non_engagement_reason'),
    needDomains: listed('need_domain'),
  };
}
