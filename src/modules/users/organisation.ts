import type { Ctx, SignedInCtx } from '../../http/context.ts';
import type { FieldProblem } from '../../http/errors.ts';
import { listOrganisations } from '../agencies/search.ts';
import type { Role } from '../auth/roles.ts';

/**
 * A partner agency's user belongs to one organisation of the agency directory, whose referrals they
 * answer; no other role belongs to one (the database's app_user_organisation_role_check says the same).
 */
export async function organisationProblems(ctx: Ctx, props: { programmeId: string; role: Role; organisationId: string | null }): Promise<FieldProblem[]> {
  const { role, organisationId } = props;
  if (role === 'partner_agency' && organisationId === null) return [{ field: 'organisationId', message: 'Select the agency they work for' }];
  if (role !== 'partner_agency' && organisationId !== null)
    return [{ field: 'organisationId', message: 'Only a partner agency user works for an agency: select “No agency”' }];
  if (organisationId === null) return [];
  const organisation = await ctx.db
    .selectFrom('agency_organisation')
    .select('id')
    .where('programme_id', '=', props.programmeId)
    .where('id', '=', organisationId)
    .where('active', '=', true)
    .executeTakeFirst();
  return organisation ? [] : [{ field: 'organisationId', message: 'Select an agency from the list' }];
}

/** The user form's agency choices: the directory's organisations still in it. */
export async function organisationChoices(ctx: SignedInCtx, selected: unknown) {
  const organisations = (await listOrganisations(ctx)).filter((organisation) => organisation.active);
  return [
    { value: '', text: 'No agency' },
    ...organisations.map((organisation) => ({ value: organisation.id, text: organisation.name, selected: organisation.id === selected })),
  ];
}
