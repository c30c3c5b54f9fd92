import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { buildServices } from '../../src/services.ts';
import { seedDemo } from '../../src/seed/seed-demo.ts';
import { createTestDatabase } from '../support/database.ts';
import { decodeEntities, DEMO_PASSWORD, sessionAs, type TestApp } from '../support/test-app.ts';

/** The served demo (server.ts seeds it with its example referrals), which the other tests' programmes do not have. */
let test: TestApp;
beforeAll(async () => {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DEMO_PASSWORD });
  const database = await createTestDatabase();
  await seedDemo({ db: database.db, password: DEMO_PASSWORD, exampleReferrals: true });
  const app = await createApp(buildServices(config, database));
  test = { ...app, database, config, close: () => app.app.close() };
});
afterAll(() => test.close());

describe('the served demo’s example referrals', () => {
  it('give the partner agency one referral waiting for its answer and one with an appointment booked', async () => {
    const home = decodeEntities((await (await sessionAs(test, 'partner_agency')).get('/')).body);
    const waiting = home.slice(home.indexOf('id="waiting-referrals"'), home.indexOf('id="booked-referrals"'));
    const booked = home.slice(home.indexOf('id="booked-referrals"'));
    expect(waiting).toContain('Ryan Gallacher');
    expect(waiting).toContain('Tenancy support');
    expect(booked).toContain('Ryan Gallacher');
    expect(booked).toContain('Money and benefits advice');
  });

  it('are on a client the coach finds by name, with the agency’s answer in the referral’s history', async () => {
    const coach = await sessionAs(test, 'prison_life_coach');
    const search = decodeEntities((await coach.get('/people?q=Ryan+Gallacher')).body);
    expect(search).toContain('Ryan Gallacher');
    const episode = await test.database.db.selectFrom('episode as e').innerJoin('person as p', 'p.id', 'e.person_id').select(['e.id', 'p.id as personId']).where('p.last_name', '=', 'Gallacher').executeTakeFirstOrThrow();
    const signUp = decodeEntities((await coach.get(`/people/${episode.personId}/sign-ups/${episode.id}`)).body);
    expect(signUp).not.toContain('Record the lawful basis');
    expect(signUp).toContain('Correct the lawful basis');
    const partner = await sessionAs(test, 'partner_agency');
    const list = decodeEntities((await partner.get('/agency/referrals?status=appointment_booked')).body);
    const href = /href="(\/agency\/referrals\/[0-9a-f-]{36})"/.exec(list)?.[1] ?? '';
    const referral = decodeEntities((await partner.get(href)).body);
    expect(referral).toContain('Accepted');
    expect(referral).toContain('Appointment booked');
    expect(referral).toContain('Your agency');
  });
});

describe('the served demo’s example family', () => {
  it('is on the co-ordinator’s home page, referred by the coach, taken on, with its members and first support given', async () => {
    const coordinator = await sessionAs(test, 'family_support_coordinator');
    const home = decodeEntities((await coordinator.get('/')).body);
    expect(home).toContain('Gallacher family');
    const family = await test.database.db.selectFrom('family').select('id').where('name', '=', 'Gallacher family').executeTakeFirstOrThrow();
    const page = decodeEntities((await coordinator.get(`/families/${family.id}`)).body);
    expect(page).toContain('Kirsty Gallacher');
    expect(page).toContain('Lily Gallacher');
    expect(page).toContain('Engaged');
    expect(page).toContain('Went through the rent arrears letter');
  });
});
