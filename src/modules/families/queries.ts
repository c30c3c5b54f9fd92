import { sql } from 'kysely';
import type { SignedInCtx } from '../../http/context.ts';
import { can } from '../auth/policy.ts';
import { PAGE_SIZE } from '../caseload/filters.ts';
import { audit } from '../audit/record.ts';
import { familiesVisibleTo } from './access.ts';
import { familyClients } from './clients.ts';
import { familyMembers } from './members.ts';
import { familyOutcomes } from './outcomes.ts';
import { familyReferrals, joinLatestReferral, LATEST_REFERRAL_DATES, referralState } from './referrals.ts';
import { familyResource, loadFamily } from './store.ts';
import { familySupport } from './support.ts';

/** A page of the list of families: the caseload lists' page size, so pageLinks counts its pages right. */
export const FAMILY_PAGE_SIZE = PAGE_SIZE;

/**
 * The families the actor may see (not in error), by name or reference, or only those they work with
 * (`mine`); with the co-ordinator, the team and the latest referral's state. Each page is audited.
 */
export async function listFamilies(ctx: SignedInCtx, props: { q: string; mine: boolean; page: number; limit?: number | null; view?: string }) {
  const limit = props.limit === undefined ? FAMILY_PAGE_SIZE : props.limit;
  const like = `%${props.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await ctx.db
    .selectFrom('family as f')
    .innerJoin('team as t', (join) => join.onRef('t.programme_id', '=', 'f.programme_id').onRef('t.id', '=', 'f.team_id'))
    .leftJoin('app_user as u', (join) => join.onRef('u.programme_id', '=', 'f.programme_id').onRef('u.id', '=', 'f.coordinator_id'))
    .leftJoin('family_referral as r', joinLatestReferral)
    .select([
      'f.id',
      'f.name',
      'f.reference',
      'f.safeguarding',
      't.name as teamName',
      'u.display_name as coordinatorName',
      ...LATEST_REFERRAL_DATES,
      sql<number>`count(*) over ()`.as('total'),
    ])
    .where(familiesVisibleTo(ctx.actor))
    .where('f.entered_in_error_at', 'is', null)
    .$if(props.q !== '', (q) => q.where((eb) => eb.or([eb('f.name', 'ilike', like), eb('f.reference', 'ilike', like)])))
    .$if(props.mine, (q) => q.where('f.coordinator_id', '=', ctx.actor.userId))
    .orderBy('f.name')
    .orderBy('f.id')
    .$if(limit !== null, (q) => q.limit(limit ?? 0).offset((props.page - 1) * (limit ?? 0)))
    .execute();
  await audit(ctx, { action: 'list', recordType: 'family', detail: { view: props.view ?? 'families', page: props.page, count: rows.length, ...(props.q ? { searched: true } : {}) } });
  return {
    total: Number(rows[0]?.total ?? 0),
    families: rows.map(({ total: _total, ...row }) => ({ ...row, state: row.referredOn ? referralState(row) : 'No referral yet' })),
  };
}

/** Everything on a family's page, for someone who may see the family: audited as a read naming its clients. */
export async function familyPage(ctx: SignedInCtx, familyId: string) {
  const family = await loadFamily(ctx, familyId, 'families.read');
  const [team, coordinator, members, clients, referrals, support, outcomes] = await Promise.all([
    ctx.db.selectFrom('team').select('name').where('programme_id', '=', ctx.actor.programmeId).where('id', '=', family.team_id).executeTakeFirst(),
    family.coordinator_id
      ? ctx.db.selectFrom('app_user').select('display_name').where('programme_id', '=', ctx.actor.programmeId).where('id', '=', family.coordinator_id).executeTakeFirst()
      : undefined,
    familyMembers(ctx, family.id),
    familyClients(ctx, family.id),
    familyReferrals(ctx, family.id),
    familySupport(ctx, family.id),
    familyOutcomes(ctx, family.id),
  ]);
  await audit(ctx, { action: 'read', recordType: 'family', recordId: family.id, detail: { personIds: [...new Set(clients.map((c) => c.personId))] } });
  return {
    family: {
      id: family.id,
      name: family.name,
      reference: family.reference,
      teamId: family.team_id,
      teamName: team?.name ?? null,
      coordinatorId: family.coordinator_id,
      coordinatorName: coordinator?.display_name ?? null,
      safeguarding: family.safeguarding,
      safeguardingNote: family.safeguarding_note,
      version: family.version,
    },
    members,
    clients,
    referrals,
    support,
    outcomes,
    mayWrite: can(ctx.actor, 'families.write', familyResource(family)),
  };
}
