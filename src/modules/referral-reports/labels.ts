import type { SignedInCtx } from '../../http/context.ts';

const NOT_IN_DIRECTORY = 'Agencies not in the directory';

/**
 * The names the reports show for the directory's organisations and services (inactive ones too:
 * past referrals still name them), and for an agency a coach typed because it is not in the directory.
 */
export async function agencyNames(ctx: SignedInCtx) {
  const programmeId = ctx.actor.programmeId;
  const [organisations, services] = await Promise.all([
    ctx.db.selectFrom('agency_organisation').select(['id', 'name']).where('programme_id', '=', programmeId).execute(),
    ctx.db
      .selectFrom('agency_service as s')
      .innerJoin('agency_organisation as o', (join) => join.onRef('o.programme_id', '=', 's.programme_id').onRef('o.id', '=', 's.organisation_id'))
      .select(['s.id', 's.name', 'o.name as organisation'])
      .where('s.programme_id', '=', programmeId)
      .execute(),
  ]);
  const organisationName = new Map(organisations.map((row) => [row.id, row.name]));
  const serviceName = new Map(services.map((row) => [row.id, `${row.name} (${row.organisation})`]));
  return {
    /** An organisation by id, or a typed name ('named:' and the name). */
    agency: (key: string | null) => {
      if (key === null) return NOT_IN_DIRECTORY;
      if (key.startsWith('named:')) return `${key.slice('named:'.length)} (not in the directory)`;
      return organisationName.get(key) ?? key;
    },
    service: (key: string | null) => (key === null ? NOT_IN_DIRECTORY : (serviceName.get(key) ?? key)),
  };
}
