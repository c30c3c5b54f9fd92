import type { Insertable } from 'kysely';
import type { FamilyTable } from '../../src/db/schema.ts';
import { programmeId } from './journey.ts';
import type { Browser, TestApp } from './test-app.ts';

/** Factories for family support: records straight into the database. */

export async function teamId(test: TestApp, name = 'Glasgow team'): Promise<string> {
  return (await test.database.db.selectFrom('team').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}

export async function buildFamily(test: TestApp, props: Partial<Insertable<FamilyTable>> = {}) {
  return test.database.db
    .insertInto('family')
    .values({ programme_id: await programmeId(test), name: 'Test family', team_id: props.team_id ?? (await teamId(test)), ...props })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A user of a role in a team (another team's co-ordinator, say). */
export async function buildUser(test: TestApp, props: { role: string; teamName: string; email: string; name: string }) {
  return test.database.db
    .insertInto('app_user')
    .values({ programme_id: await programmeId(test), email: props.email, display_name: props.name, role: props.role, team_id: await teamId(test, props.teamName), password_hash: 'x' })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export const dateParts = (name: string, iso: string) => {
  const [year, month, day] = iso.split('-');
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year ?? '' };
};

export const daysAgo = (n: number) => {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() - n);
  return date.toISOString().slice(0, 10);
};

export const pageText = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;|&rsquo;/g, '’').replace(/\s+/g, ' ');

/**
 * A family of the demo co-ordinator (Glasgow team) with one of everything, linked to `personId`:
 * the route-access walk's samples.
 */
export async function buildFamilySamples(test: TestApp, personId: string) {
  const db = test.database.db;
  const coordinator = await db.selectFrom('app_user').select('id').where('email', '=', 'family.support@roop.example').executeTakeFirstOrThrow();
  const family = await buildFamily(test, { name: 'Walk family', coordinator_id: coordinator.id });
  const base = { programme_id: family.programme_id, family_id: family.id };
  const member = await db.insertInto('family_member').values({ ...base, first_name: 'Walker', relationship: 'partner', age_group: 'adult' }).returning('id').executeTakeFirstOrThrow();
  const client = await db.insertInto('family_client').values({ ...base, person_id: personId, linked_on: '2026-10-01' }).returning('id').executeTakeFirstOrThrow();
  const referral = await db.insertInto('family_referral').values({ ...base, referred_on: '2026-10-01', source: 'prison', reason: 'Walk' }).returning('id').executeTakeFirstOrThrow();
  const support = await db.insertInto('family_support').values({ ...base, support_on: '2026-10-02', contact_type: 'phone', support_types: ['housing'] }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('family_support_member').values({ programme_id: family.programme_id, support_id: support.id, member_id: member.id }).execute();
  const outcome = await db.insertInto('family_outcome').values({ ...base, outcome_type: 'family_contact', achieved_on: '2026-10-03' }).returning('id').executeTakeFirstOrThrow();
  return { familyId: family.id, members: member.id, clients: client.id, referrals: referral.id, support: support.id, outcomes: outcome.id };
}

/** Posts a form with repeated fields (checkboxes) as a browser does, with the session's CSRF token. */
export async function postForm(test: TestApp, browser: Browser, url: string, fields: Record<string, string | string[]>) {
  const body = new URLSearchParams({ _csrf: await browser.csrfToken('/account') });
  for (const [key, value] of Object.entries(fields)) for (const one of [value].flat()) body.append(key, one);
  return test.app.inject({ method: 'POST', url, cookies: browser.cookies, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() });
}
