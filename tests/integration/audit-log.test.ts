import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, demoUser, errorSummary, sessionAs, type TestApp } from '../support/test-app.ts';

let test: TestApp;
beforeAll(async () => {
  test = await buildTestApp();
});
afterAll(() => test.close());

describe('the audit log', () => {
  it('cannot be changed or deleted, even by the database owner', async () => {
    // The owner's connection: the service's own role may not even try (database-roles.test.ts).
    const db = test.database.ownerDb;
    await expect(sql`update audit_event set action = 'nothing'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_event`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_event`.execute(db)).rejects.toThrow(/append-only/);
    const count = await db.selectFrom('audit_event').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(count.n).toBeGreaterThan(0);
  });

  it('lists who read whose record, filtered by person and record', async () => {
    const admin = await sessionAs(test, 'administrator');
    const manager = await demoUser(test, 'manager');
    await admin.get(`/admin/users/${manager.id}`);
    const me = await demoUser(test, 'administrator');
    const page = await admin.get(`/admin/audit?actorUserId=${me.id}&action=read&recordId=${manager.id}`);
    expect(page.statusCode).toBe(200);
    const rows = page.body.match(/<tbody class="govuk-table__body">[\s\S]*?<\/tbody>/)?.[0] ?? '';
    expect(rows.match(/<tr class="govuk-table__row">/g)).toHaveLength(1);
    expect(rows).toContain('Ruth Kerr');
    expect(rows).toContain(manager.id);
  });

  it('explains a bad filter instead of guessing', async () => {
    const admin = await sessionAs(test, 'administrator');
    const page = await admin.get('/admin/audit?from-day=30&from-month=2&from-year=2026');
    expect(page.statusCode).toBe(400);
    expect(errorSummary(page.body)).toEqual(['Start date must be a real date']);
    const backwards = await admin.get('/admin/audit?from-day=1&from-month=2&from-year=2026&to-day=1&to-month=1&to-year=2026');
    expect(errorSummary(backwards.body)).toEqual(['The end date must be the same as or after the start date']);
  });

  it('filters by calendar day in UK time', async () => {
    const admin = await sessionAs(test, 'administrator');
    const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date()).split('-').map(Number);
    const todayQuery = (name: string) => `${name}-day=${day}&${name}-month=${month}&${name}-year=${year}`;
    expect((await admin.get(`/admin/audit?${todayQuery('from')}&${todayQuery('to')}`)).body).toContain('demo seed');
    expect((await admin.get('/admin/audit?to-day=1&to-month=1&to-year=2000')).body).toContain('No events match.');
  });
});
