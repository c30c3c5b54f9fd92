import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { SignedInCtx } from '../../src/http/context.ts';
import { canSeePerson } from '../../src/modules/auth/policy.ts';
import { actorFromRow, ROLES, type Actor } from '../../src/modules/auth/roles.ts';
import { personAccess } from '../../src/modules/people/access.ts';
import { buildEpisode, buildPerson, programmeId } from '../support/journey.ts';
import { buildTestApp, type TestApp } from '../support/test-app.ts';

/**
 * Who may see a person is one rule with two forms: the pure policy (canSeePerson, fed by the links
 * the view person_link holds) and the SQL function can_see_person() that lists and searches use.
 * Here many situations are generated (every role, in a team or not, people held by teams, sign-ups
 * of other teams, current and ended assignments, several sign-ups, merged records, another
 * programme) and the two must give the same answer for every user and every person.
 */
let test: TestApp;
let seed = 20261130;
/** A small deterministic generator, so a failure can be reproduced. */
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const PARTS = ['prison_life_coach', 'community_life_coach', 'employment_consultant', 'family_support_coordinator'] as const;
interface UserRow {
  id: string;
  programme_id: string;
  role: string;
  team_id: string | null;
  display_name: string;
  time_zone: string;
}
let users: UserRow[];
let people: { id: string }[];

beforeAll(async () => {
  test = await buildTestApp();
  const db = test.database.db;
  const programme = await programmeId(test);
  const teams = await db.selectFrom('team').select(['id', 'name']).where('programme_id', '=', programme).execute();
  // A worker of every role in every team and in none, beside the demo users.
  for (const role of ROLES) {
    for (const team of [...teams.slice(0, 2), null]) {
      await db
        .insertInto('app_user')
        .values({
          programme_id: programme,
          email: `${role}.${team?.name.split(' ')[0] ?? 'none'}@visibility.example`.toLowerCase(),
          display_name: `${role} ${team?.name ?? 'no team'}`,
          role,
          team_id: team?.id ?? null,
          password_hash: 'x',
          locked_until: null,
          last_signed_in_at: null,
        })
        .execute();
    }
  }
  users = await db
    .selectFrom('app_user as u')
    .innerJoin('programme as p', 'p.id', 'u.programme_id')
    .select(['u.id', 'u.programme_id', 'u.role', 'u.team_id', 'u.display_name', 'p.time_zone'])
    .execute();
  const workersFor = (part: string) => users.filter((u) => u.role === part);
  const teamNames = [...teams.map((t) => t.name), null];

  for (let n = 0; n < 70; n += 1) {
    const home = pick(teamNames);
    const person = await buildPerson(test, home ? { teamName: home } : { team_id: null });
    const signUps = Math.floor(random() * 4);
    for (let s = 0; s < signUps; s += 1) {
      const team = pick(teamNames);
      const episode = await buildEpisode(test, { personId: person.id, signed_up_on: `200${s}-01-01`, ...(team ? { teamName: team } : { team_id: null }) });
      for (const part of PARTS) {
        const roll = random();
        if (roll < 0.4) continue;
        const worker = pick(workersFor(part));
        // Some assignments ended (a hand-over), some are current.
        const ended = roll < 0.6;
        await db
          .insertInto('assignment')
          .values({
            programme_id: programme,
            episode_id: episode.id,
            worker_id: worker.id,
            part,
            from_on: '2000-01-01',
            to_on: ended ? '2000-06-01' : null,
            ended_at: ended ? new Date('2000-06-01T12:00:00Z') : null,
            reason: 'generated',
          })
          .execute();
      }
    }
    if (random() < 0.1) {
      const kept = await buildPerson(test, { teamName: 'Glasgow team' });
      await db.updateTable('person').set({ merged_into: kept.id }).where('id', '=', person.id).execute();
    }
  }
  // Someone in another programme, seen by nobody here.
  const other = await db.insertInto('programme').values({ slug: 'elsewhere', name: 'Elsewhere' }).returning('id').executeTakeFirstOrThrow();
  await buildPerson(test, { programme_id: other.id, team_id: null, gender: null });
  people = await db.selectFrom('person').select('id').execute();
}, 120_000);

afterAll(async () => {
  await test?.close();
});

const ctxFor = (actor: Actor): SignedInCtx => ({ actor, requestId: 'visibility-test', address: '127.0.0.1', db: test.database.db, log: pino({ level: 'silent' }) });

describe('the one rule of who may see a person', () => {
  it('gives the same answer in SQL and in the policy for every user and person generated', async () => {
    const answers = await sql<{ user_id: string; person_id: string; visible: boolean }>`
      select u.id as user_id, p.id as person_id, can_see_person(u.programme_id, p.id, u.id, u.role, u.team_id) as visible
      from app_user u cross join person p`.execute(test.database.db);
    const inSql = new Map(answers.rows.map((row) => [`${row.user_id} ${row.person_id}`, row.visible]));
    const disagreements: string[] = [];
    let seen = 0;
    for (const user of users) {
      const actor = actorFromRow(user, 'session');
      for (const person of people) {
        const access = await personAccess(ctxFor(actor), person.id);
        const pure = access !== null && access.programmeId === actor.programmeId && canSeePerson(actor, access);
        if (pure) seen += 1;
        if (inSql.get(`${user.id} ${person.id}`) !== pure) disagreements.push(`${user.display_name} / ${person.id}: SQL ${inSql.get(`${user.id} ${person.id}`)}, policy ${pure}`);
      }
    }
    expect(disagreements).toEqual([]);
    // Not a vacuous agreement: many pairs are visible and many are not.
    const pairs = users.length * people.length;
    expect(seen).toBeGreaterThan(pairs * 0.05);
    expect(seen).toBeLessThan(pairs * 0.6);
  }, 300_000);

  it('lets a worker see a client only while assigned, and nobody see a merged record or another programme’s', async () => {
    const db = test.database.db;
    const consultant = users.find((u) => u.role === 'employment_consultant' && u.team_id === null) as UserRow;
    const person = await buildPerson(test, { team_id: null });
    const episode = await buildEpisode(test, { personId: person.id, team_id: null });
    const visible = async () =>
      (await sql<{ v: boolean }>`select can_see_person(${consultant.programme_id}::uuid, ${person.id}::uuid, ${consultant.id}::uuid, ${consultant.role}, null) as v`.execute(db))
        .rows[0]?.v;
    expect(await visible()).toBe(false);
    const assignment = await db
      .insertInto('assignment')
      .values({ programme_id: consultant.programme_id, episode_id: episode.id, worker_id: consultant.id, part: 'employment_consultant', from_on: '2009-03-01', reason: 'test' })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(await visible()).toBe(true);
    await db.updateTable('assignment').set({ to_on: '2009-04-01', ended_at: new Date() }).where('id', '=', assignment.id).execute();
    expect(await visible()).toBe(false);

    const coach = users.find((u) => u.role === 'community_life_coach' && u.team_id !== null) as UserRow;
    const teamPerson = await buildPerson(test, { team_id: coach.team_id });
    const coachSees = async (id: string) =>
      (await sql<{ v: boolean }>`select can_see_person(${coach.programme_id}::uuid, ${id}::uuid, ${coach.id}::uuid, ${coach.role}, ${coach.team_id}::uuid) as v`.execute(db)).rows[0]?.v;
    expect(await coachSees(teamPerson.id)).toBe(true);
    const kept = await buildPerson(test, { team_id: coach.team_id });
    await db.updateTable('person').set({ merged_into: kept.id }).where('id', '=', teamPerson.id).execute();
    expect(await coachSees(teamPerson.id)).toBe(false);
    expect(await coachSees(kept.id)).toBe(true);
  });
});
