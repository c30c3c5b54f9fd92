import type { SignedInCtx } from '../../http/context.ts';
import { can } from '../auth/policy.ts';
import { activeChoices } from '../reference/service.ts';
import { keptIds } from '../settings/lists.ts';
import { ALLOCATION_PARTS } from './schemas.ts';
import { eligibilityOf } from './service.ts';

/** The prisons to choose from, the eligible range, and whether the user may sign up outside it. */
export async function signUpChoices(ctx: SignedInCtx, values: Record<string, unknown>) {
  return {
    eligibility: await eligibilityOf(ctx, 12),
    canOverride: can(ctx.actor, 'signups.override'),
    prisons: await activeChoices(ctx, { table: 'prison', selected: values.prisonId, empty: 'Choose a prison' }),
  };
}

/**
 * The teams and the active workers of each part, for the allocation form; and the workers the
 * sign-up has now though no longer active (saying so), so that saving the form does not end their
 * assignments unasked.
 */
export async function allocationChoices(ctx: SignedInCtx, values: Record<string, unknown>) {
  const kept = Object.keys(ALLOCATION_PARTS).flatMap((field) => keptIds(values[field]));
  const users = await ctx.db
    .selectFrom('app_user as u')
    .leftJoin('team as t', (join) => join.onRef('t.programme_id', '=', 'u.programme_id').onRef('t.id', '=', 'u.team_id'))
    .select(['u.id', 'u.display_name', 'u.role', 'u.active', 't.name as team'])
    .where('u.programme_id', '=', ctx.actor.programmeId)
    .where((eb) => (kept.length ? eb.or([eb('u.active', '=', true), eb('u.id', 'in', kept)]) : eb('u.active', '=', true)))
    .where('u.role', 'in', ['prison_life_coach', 'community_life_coach', 'employment_consultant', 'family_support_coordinator'])
    .orderBy('u.display_name')
    .execute();
  const of = (role: string, field: string) => [
    { value: '', text: 'Nobody' },
    ...users
      .filter((u) => u.role === role)
      .map((u) => {
        const name = u.team ? `${u.display_name} (${u.team})` : u.display_name;
        return { value: u.id, text: u.active ? name : `${name} (account closed)`, selected: u.id === values[field] };
      }),
  ];
  return {
    teams: await activeChoices(ctx, { table: 'team', selected: values.teamId, empty: 'No team' }),
    prisonCoaches: of('prison_life_coach', 'prisonCoachId'),
    communityCoaches: of('community_life_coach', 'communityCoachId'),
    employmentConsultants: of('employment_consultant', 'employmentConsultantId'),
    familySupport: of('family_support_coordinator', 'familySupportId'),
  };
}
