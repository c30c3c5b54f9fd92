import type { SignedInCtx } from '../../http/context.ts';
import { listedUserName, programmeChoices, type Choice } from '../reports/filter-options.ts';

/**
 * What the family support report's filters can be set to, and the words its tables show: the
 * programme's teams, its co-ordinators (family support co-ordinators, and anyone else a family names
 * as its co-ordinator), and the lists it counts by. Entries no longer in use are included, as past
 * records still refer to them.
 */
export interface FamilyReportOptions {
  teams: { id: string; name: string }[];
  coordinators: { id: string; name: string }[];
  sources: Choice[];
  supportTypes: Choice[];
  outcomeTypes: Choice[];
}

export async function loadFamilyReportOptions(ctx: SignedInCtx): Promise<FamilyReportOptions> {
  const programmeId = ctx.actor.programmeId;
  const [teams, coordinators, choices] = await Promise.all([
    ctx.db.selectFrom('team').select(['id', 'name']).where('programme_id', '=', programmeId).orderBy('name').execute(),
    ctx.db
      .selectFrom('app_user as u')
      .select(['u.id', 'u.display_name as name', 'u.active'])
      .where('u.programme_id', '=', programmeId)
      .where((eb) =>
        eb.or([
          eb('u.role', '=', 'family_support_coordinator'),
          eb.exists(eb.selectFrom('family as f').select('f.id').whereRef('f.programme_id', '=', 'u.programme_id').whereRef('f.coordinator_id', '=', 'u.id')),
        ]),
      )
      .orderBy('u.display_name')
      .execute(),
    programmeChoices(ctx, ['family_referral_source', 'family_support_type', 'outcome_type']),
  ]);
  return {
    teams,
    coordinators: coordinators.map((user) => ({ id: user.id, name: listedUserName(user) })),
    sources: choices.family_referral_source,
    supportTypes: choices.family_support_type,
    outcomeTypes: choices.outcome_type,
  };
}
