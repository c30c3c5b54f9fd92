import type { Insertable } from 'kysely';
import type { FamilyTable } from '../../src/db/schema.ts';
import { programmeId } from './journey.ts';
import type { TestApp } from './test-app.ts';

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
