import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserCommand } from '../../src/cli/create-user.ts';
import { migrate } from '../../src/db/migrate.ts';
import { seedDemo } from '../../src/seed/seed-demo.ts';
import { anonymous, buildTestApp, type TestApp } from '../support/test-app.ts';

let test: TestApp;
beforeAll(async () => {
  test = await buildTestApp();
});
afterAll(() => test.close());

describe('the command line', () => {
  it('migrate and seed do nothing the second time', async () => {
    expect(await migrate(test.database)).toEqual([]);
    expect(await seedDemo({ db: test.database.db, password: 'whatever it is now' })).toBe('already-present');
  });

  it('create-user adds a user who can sign in, audited as the command line', async () => {
    process.env.THROUGHCARE_PASSWORD = 'heather on the hill';
    try {
      const message = await createUserCommand({ db: test.database.db, email: 'ops@roop.example', name: 'Ops Person', role: 'administrator', team: 'Glasgow team', programme: 'roop' });
      expect(message).toMatch(/^Created Ops Person \(administrator\)/);
    } finally {
      delete process.env.THROUGHCARE_PASSWORD;
    }
    const signIn = await anonymous(test).post('/sign-in', { email: 'ops@roop.example', password: 'heather on the hill' });
    expect(signIn.headers.location).toBe('/');
    const event = await test.database.db.selectFrom('audit_event').selectAll().where('actor_label', '=', 'command line').executeTakeFirstOrThrow();
    expect(event).toMatchObject({ action: 'create', record_type: 'user' });
  });

  it('create-user refuses a weak password, an unknown team or programme, and adds nobody', async () => {
    process.env.THROUGHCARE_PASSWORD = 'password123456';
    try {
      await expect(createUserCommand({ db: test.database.db, email: 'weak@roop.example', name: 'Weak', role: 'analyst', programme: 'roop' })).rejects.toThrow(/too common/);
      await expect(createUserCommand({ db: test.database.db, email: 'x@roop.example', name: 'X', role: 'analyst', team: 'No such team', programme: 'roop' })).rejects.toThrow('No team "No such team" in roop');
      await expect(createUserCommand({ db: test.database.db, email: 'x@roop.example', name: 'X', role: 'analyst', programme: 'nowhere' })).rejects.toThrow('No programme "nowhere"');
    } finally {
      delete process.env.THROUGHCARE_PASSWORD;
    }
    const found = await test.database.db.selectFrom('app_user').select('id').where('email', 'in', ['weak@roop.example', 'x@roop.example']).execute();
    expect(found).toEqual([]);
  });

  it('create-user adds a partner agency user for an agency of the directory, and refuses one with no agency or an unknown one', async () => {
    process.env.THROUGHCARE_PASSWORD = 'heather on the hill';
    try {
      const base = { db: test.database.db, name: 'Agency Person', role: 'partner_agency' as const, programme: 'roop' };
      await expect(createUserCommand({ ...base, email: 'none@agency.example' })).rejects.toThrow(/agency/i);
      await expect(createUserCommand({ ...base, email: 'none@agency.example', agency: 'No Such Agency' })).rejects.toThrow('No agency "No Such Agency" in roop\'s directory');
      expect(await createUserCommand({ ...base, email: 'cli@agency.example', agency: 'northside housing partnership' })).toMatch(/^Created Agency Person \(partner_agency\)/);
    } finally {
      delete process.env.THROUGHCARE_PASSWORD;
    }
    const users = await test.database.db
      .selectFrom('app_user as u')
      .innerJoin('agency_organisation as o', (j) => j.onRef('o.programme_id', '=', 'u.programme_id').onRef('o.id', '=', 'u.organisation_id'))
      .select(['u.email', 'o.name'])
      .where('u.email', 'like', '%@agency.example')
      .where('u.email', '!=', 'partner@agency.example')
      .execute();
    expect(users).toEqual([{ email: 'cli@agency.example', name: 'Northside Housing Partnership' }]);
  });
});
