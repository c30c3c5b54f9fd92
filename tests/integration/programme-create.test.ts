import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/acting-as.ts';
import { programmeCreateCommand } from '../../src/cli/programme-create.ts';
import { ROOP } from '../../src/seed/roop.ts';
import { seedDemo } from '../../src/seed/seed-demo.ts';
import { anonymous, buildTestApp, DEMO_PASSWORD, decodeEntities, sessionAs, type Browser, type TestApp } from '../support/test-app.ts';

/**
 * `throughcare programme create`: a second (and third) programme beside the demo one, each seeing
 * only its own configuration and users, in process on the test database (PGlite or PostgreSQL).
 * programme-create-command.test.ts runs it as an operator does, for the exit codes.
 */
let test: TestApp;
beforeAll(async () => {
  test = await buildTestApp();
});
afterAll(() => test.close());

const NEW_ADMIN = { email: 'ann.boss@north-east.example', name: 'Ann Boss', password: 'heather on the hill' };

/** Runs the command as `main.ts` does (`password`: THROUGHCARE_ADMIN_PASSWORD), collecting what it prints. */
async function create(options: Record<string, unknown>, env: { password?: string } = { password: NEW_ADMIN.password }): Promise<string[]> {
  const lines: string[] = [];
  await programmeCreateCommand({ db: test.database.db, options, password: env.password, out: (line) => lines.push(line) });
  return lines;
}

async function signIn(email: string, password: string): Promise<Browser> {
  const browser = anonymous(test);
  const response = await browser.post('/sign-in', { email, password });
  expect(response.headers.location).toBe('/');
  return browser;
}

/** The first cell of each row of the page's table: the names a list shows. */
async function listed(browser: Browser, path: string): Promise<string[]> {
  const page = await browser.get(path);
  expect(page.statusCode).toBe(200);
  const body = page.body.match(/<tbody[\s\S]*?<\/tbody>/)?.[0];
  expect(body).toBeDefined();
  return [...(body ?? '').matchAll(/<tr class="govuk-table__row">\s*<td class="govuk-table__cell">\s*(?:<a [^>]*>)?([^<]*)/g)].map((m) =>
    decodeEntities(m[1] ?? '').trim(),
  );
}

const programmeCount = async () => (await test.database.db.selectFrom('programme').select('id').execute()).length;

describe('throughcare programme create', () => {
  it('starts a programme with the Scottish defaults beside the demo one; its administrator signs in to it', async () => {
    const out = await create({ slug: 'north-east', name: 'North East Throughcare', adminEmail: NEW_ADMIN.email, adminName: NEW_ADMIN.name });
    expect(out.join('\n')).toContain('Created the programme "North East Throughcare" (north-east), time zone Europe/London, with the Scottish starter');
    expect(out.join('\n')).toContain('7 prisons, 4 community justice areas, 13 local authorities, 0 teams');
    expect(out.join('\n')).not.toContain(NEW_ADMIN.password);

    const admin = await signIn(NEW_ADMIN.email, NEW_ADMIN.password);
    const home = await admin.get('/');
    expect(home.body).toContain('<span class="govuk-caption-l">North East Throughcare</span>');
    expect(home.body).toContain('Welcome, Ann Boss');
    expect(home.body).not.toContain(ROOP.name);

    expect((await listed(admin, '/admin/reference/prisons')).sort()).toEqual([...ROOP.prisons].sort());
    expect(await listed(admin, '/admin/reference/local-authorities')).toHaveLength(13);
    expect(await listed(admin, '/admin/reference/teams')).toEqual([]);
    expect(await listed(admin, '/admin/users')).toEqual(['Ann Boss']);
    expect(await listed(admin, '/admin/settings/lists/contact_type')).toContain('Face to face');
    expect(await listed(admin, '/admin/settings/lists/gender')).toEqual(['Male', 'Female', 'Another gender', 'Prefers not to say']);

    const programme = await test.database.db.selectFrom('programme').selectAll().where('slug', '=', 'north-east').executeTakeFirstOrThrow();
    expect(programme).toMatchObject({ time_zone: 'Europe/London', no_contact_days: 14 });
    expect([Number(programme.eligibility_min_months), Number(programme.eligibility_max_months)]).toEqual([3, 48]);
    const events = await test.database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('programme_id', '=', programme.id)
      .where('actor_label', '=', 'command line')
      .orderBy('id')
      .execute();
    expect(events.map((e) => [e.actor_label, e.action, e.record_type])).toEqual([
      ['command line', 'create', 'programme'],
      ['command line', 'create', 'user'],
    ]);
    expect(events[0]?.record_id).toBe(programme.id);
  });

  it('starts a blank programme whose administrator gets a password shown once, and nothing refills it at start-up', async () => {
    const out = await create(
      {
        slug: 'west-coast',
        name: 'West Coast Gate',
        timeZone: 'europe/dublin',
        adminEmail: 'Lead@West-Coast.example',
        adminName: 'Dara Lead',
        starter: 'blank',
      },
      {},
    );
    expect(out.join('\n')).toContain('time zone Europe/Dublin, with the blank starter');
    // A blank programme still has the two outcome types job starts and in-work checks record.
    expect(out.join('\n')).toContain('0 prisons, 0 community justice areas, 0 local authorities, 0 teams, 2 list entries');
    const password = out.join('\n').match(/shown only this once[^:]*: (\S+)/)?.[1] ?? '';
    expect(password).toMatch(/^[\w-]{24}$/);

    // Every start of the demo server runs the demo seed, which tops up the demo programme's lists.
    expect(await seedDemo({ db: test.database.db, password: DEMO_PASSWORD })).toBe('already-present');

    const admin = await signIn('lead@west-coast.example', password);
    expect((await admin.get('/')).body).toContain('<span class="govuk-caption-l">West Coast Gate</span>');
    expect(await listed(admin, '/admin/reference/prisons')).toEqual([]);
    expect(await listed(admin, '/admin/reference/areas')).toEqual([]);
    expect((await admin.get('/admin/reference')).body).toContain('Prisons</a> (0 in use)');
    for (const list of ['contact_type', 'gender', 'closure_reason', 'need_domain']) expect(await listed(admin, `/admin/settings/lists/${list}`)).toEqual([]);
    expect(await listed(admin, '/admin/users')).toEqual(['Dara Lead']);

    // What it adds, it adds to its own programme only.
    const added = await admin.post('/admin/reference/prisons', { name: 'Barlinnie', code: '', active: 'yes' });
    expect(added.statusCode).toBe(302);
    expect(await listed(admin, '/admin/reference/prisons')).toEqual(['Barlinnie']);
  });

  it('leaves the demo programme as it was: its administrator sees their own prisons once and none of the new users', async () => {
    const demoAdmin = await sessionAs(test, 'administrator');
    expect((await demoAdmin.get('/')).body).toContain(`<span class="govuk-caption-l">${ROOP.name}</span>`);
    const users = await listed(demoAdmin, '/admin/users');
    expect(users).toContain('Ruth Kerr');
    expect(users).not.toContain('Ann Boss');
    expect(users).not.toContain('Dara Lead');
    expect((await listed(demoAdmin, '/admin/reference/prisons')).sort()).toEqual([...ROOP.prisons].sort());
    expect(await listed(demoAdmin, '/admin/reference/teams')).toHaveLength(4);
    const found = await demoAdmin.get('/admin/users?q=Ann+Boss&status=all');
    expect(found.statusCode).toBe(200);
    expect(found.body).not.toContain(NEW_ADMIN.email);
  });

  it.each([
    ['a slug already taken', { slug: 'roop' }, 'There is already a programme "roop": choose another slug'],
    ['a time zone that is not one', { timeZone: 'Europe/Glasgow' }, '--time-zone "Europe/Glasgow" is not a time zone: give an IANA name like Europe/London'],
    ['an email address another programme’s user has', { adminEmail: 'Admin@ROOP.example' }, 'A user with the email address admin@roop.example already exists'],
    ['a slug with capitals and spaces', { slug: 'North East' }, '--slug must be 2 to 40 lower-case letters, digits and hyphens'],
    ['a slug of one letter', { slug: 'n' }, '--slug must be 2 to 40 lower-case letters, digits and hyphens'],
    ['a blank starter misspelt', { starter: 'empty' }, '--starter must be scottish or blank'],
  ])('refuses %s, saying so, and creates nothing', async (_what, change, message) => {
    const before = await programmeCount();
    const options = { slug: 'third-programme', name: 'Third', adminEmail: 'third@third.example', adminName: 'Third Admin', ...change };
    const refusal = create(options);
    await expect(refusal).rejects.toThrow(UsageError);
    await expect(refusal).rejects.toThrow(message);
    expect(await programmeCount()).toBe(before);
    expect(await test.database.db.selectFrom('app_user').select('id').where('email', '=', 'third@third.example').execute()).toEqual([]);
  });

  it('refuses a weak administrator password from THROUGHCARE_ADMIN_PASSWORD', async () => {
    const before = await programmeCount();
    await expect(create({ slug: 'weak', name: 'Weak', adminEmail: 'weak@weak.example', adminName: 'Weak' }, { password: 'password12345' })).rejects.toThrow(
      'THROUGHCARE_ADMIN_PASSWORD: Password is too common',
    );
    expect(await programmeCount()).toBe(before);
  });
});
