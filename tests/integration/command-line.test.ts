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
});
