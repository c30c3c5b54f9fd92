import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can } from '../../src/modules/auth/policy.ts';
import { actorFromRow, ROLES, type Actor } from '../../src/modules/auth/roles.ts';
import { familiesVisibleTo } from '../../src/modules/families/access.ts';
import { programmeId } from '../support/journey.ts';
import { buildTestApp, type TestApp } from '../support/test-app.ts';

/**
 * Who may see a family's details is one rule with two forms: the policy (canSeeFamily, through
 * 'families.read') and its SQL twin familiesVisibleTo(), which the lists use. Every role, in each team
 * and in none, against families held by each team, with and without a co-ordinator of the same or
 * another team, and a family of another programme: the two must agree for every pair, and say who
 * sees what as the rule is written.
 */
let test: TestApp;
let users: Actor[];
let families: { id: string; programme_id: string; team_id: string; coordinator_id: string | null; name: string }[];

beforeAll(async () => {
  test = await buildTestApp();
  const db = test.database.db;
  const programme = await programmeId(test);
  const teams = await db.selectFrom('team').select(['id', 'name']).where('programme_id', '=', programme).orderBy('name').limit(2).execute();
  for (const role of ROLES) {
    for (const team of [...teams, null]) {
      await db
        .insertInto('app_user')
        .values({
          programme_id: programme,
          email: `${role}.${team?.name.split(' ')[0] ?? 'none'}@families.example`.toLowerCase(),
          display_name: `${role} ${team?.name ?? 'no team'}`,
          role,
          team_id: team?.id ?? null,
          organisation_id: null,
          password_hash: 'x',
        })
        .execute();
    }
  }
  const rows = await db
    .selectFrom('app_user as u')
    .innerJoin('programme as p', 'p.id', 'u.programme_id')
    .select(['u.id', 'u.programme_id', 'u.role', 'u.team_id', 'u.organisation_id', 'u.display_name', 'p.time_zone'])
    .where('u.email', 'like', '%@families.example')
    .execute();
  users = rows.map((row) => actorFromRow(row, 'session'));
  const coordinators = users.filter((user) => user.role === 'family_support_coordinator');
  for (const team of teams) {
    for (const coordinator of [null, ...coordinators]) {
      await db
        .insertInto('family')
        .values({
          programme_id: programme,
          name: `${team.name} family with ${coordinator?.displayName ?? 'no co-ordinator'}`,
          team_id: team.id,
          coordinator_id: coordinator?.userId ?? null,
        })
        .execute();
    }
  }
  const other = await db.insertInto('programme').values({ slug: 'elsewhere', name: 'Elsewhere' }).returning('id').executeTakeFirstOrThrow();
  const otherTeam = await db.insertInto('team').values({ programme_id: other.id, name: 'Their team' }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('family').values({ programme_id: other.id, name: 'Another programme’s family', team_id: otherTeam.id }).execute();
  families = await db.selectFrom('family').select(['id', 'programme_id', 'team_id', 'coordinator_id', 'name']).execute();
}, 120_000);

afterAll(async () => {
  await test?.close();
});

function familyNamed(name: string) {
  const family = families.find((candidate) => candidate.name === name);
  if (!family) throw new Error(`no family ${name}`);
  return family;
}

const resource = (family: (typeof families)[number]) =>
  ({ kind: 'family', id: family.id, programmeId: family.programme_id, teamId: family.team_id, coordinatorId: family.coordinator_id }) as const;

async function visibleInSql(actor: Actor): Promise<Set<string>> {
  const rows = await test.database.db.selectFrom('family as f').select('f.id').where(familiesVisibleTo(actor)).execute();
  return new Set(rows.map((row) => row.id));
}

describe('the one rule of who may see a family', () => {
  it('gives the same answer in SQL and in the policy for every user and family', async () => {
    const disagreements: string[] = [];
    let seen = 0;
    for (const actor of users) {
      const inSql = await visibleInSql(actor);
      for (const family of families) {
        const pure = can(actor, 'families.read', resource(family));
        if (pure) seen += 1;
        if (inSql.has(family.id) !== pure) disagreements.push(`${actor.displayName} / ${family.name}: SQL ${inSql.has(family.id)}, policy ${pure}`);
      }
    }
    expect(disagreements).toEqual([]);
    expect(seen).toBeGreaterThan(0);
    expect(seen).toBeLessThan(users.length * families.length);
  });

  it('shows a family to its co-ordinator, to the co-ordinators and leader of its team, and to no one else', async () => {
    const named = (role: string, team: string) => users.find((user) => user.displayName === `${role} ${team}`) as Actor;
    const [glasgow, other] = [...new Set(families.map((family) => family.name.split(' family')[0]))].filter((name) => name !== 'Another programme’s') as [
      string,
      string,
    ];
    const glasgowFamily = familyNamed(`${glasgow} family with no co-ordinator`);
    const ownCoordinatorElsewhere = familyNamed(`${other} family with family_support_coordinator ${glasgow}`);
    const names = async (actor: Actor) => [...(await visibleInSql(actor))].map((id) => families.find((family) => family.id === id)?.name).sort();

    // The team's co-ordinator and leader see the team's families; a co-ordinator also sees one of another team they work with.
    expect(await names(named('family_support_coordinator', glasgow))).toContain(glasgowFamily.name);
    expect(await names(named('family_support_coordinator', glasgow))).toContain(ownCoordinatorElsewhere.name);
    expect(await names(named('team_leader', glasgow))).toContain(glasgowFamily.name);
    expect(await names(named('team_leader', glasgow))).not.toContain(ownCoordinatorElsewhere.name);
    // Another team's co-ordinator and leader do not; nor do life coaches, managers, analysts, administrators or agencies.
    expect(await names(named('family_support_coordinator', other))).not.toContain(glasgowFamily.name);
    expect(await names(named('team_leader', other))).not.toContain(glasgowFamily.name);
    for (const role of ['prison_life_coach', 'community_life_coach', 'employment_consultant', 'manager', 'analyst', 'administrator', 'partner_agency']) {
      expect(await names(named(role, glasgow)), role).toEqual([]);
    }
    // A co-ordinator with no team sees only the families they work with; nobody here sees another programme's.
    expect(await names(named('family_support_coordinator', 'no team'))).toEqual(
      families
        .filter((family) => family.name.endsWith('with family_support_coordinator no team'))
        .map((family) => family.name)
        .sort(),
    );
    expect(users.some((actor) => can(actor, 'families.read', resource(familyNamed('Another programme’s family'))))).toBe(false);
  });
});
