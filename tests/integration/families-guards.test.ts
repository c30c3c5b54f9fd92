import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEpisode, buildPerson } from '../support/journey.ts';
import { buildFamily, buildFamilySamples, dateParts, daysAgo, pageText, postForm } from '../support/families.ts';
import { auditRows, buildTestApp, demoUser, errorSummary, sessionAs, type Browser, type TestApp } from '../support/test-app.ts';

/** What guards a family's pages: records of another family, hostile input, the audit's people, the referral from a client's record. */
let test: TestApp;
let coordinator: Browser;
let coach: Browser;
let samples: Awaited<ReturnType<typeof buildFamilySamples>>;
let clientId = '';
const db = () => test.database.db;
const versionOf = async (referralId: string) => (await db().selectFrom('family_referral').select('version').where('id', '=', referralId).executeTakeFirstOrThrow()).version;
const TABLES = { members: 'family_member', clients: 'family_client', referrals: 'family_referral', support: 'family_support', outcomes: 'family_outcome' } as const;
const KINDS = Object.keys(TABLES) as (keyof typeof TABLES)[];

beforeAll(async () => {
  test = await buildTestApp();
  coordinator = await sessionAs(test, 'family_support_coordinator');
  coach = await sessionAs(test, 'community_life_coach');
  clientId = (await buildPerson(test, { prisonNumber: 'G1111GG' })).id;
  samples = await buildFamilySamples(test, clientId);
}, 120_000);
afterAll(async () => test.close());

describe('a family’s records', () => {
  it('a record of another family is not found through this family’s addresses, and changes nothing', async () => {
    const other = await buildFamily(test, { name: 'Neighbour family', coordinator_id: (await demoUser(test, 'family_support_coordinator')).id });
    const urls = [
      `/families/${other.id}/members/${samples.members}`,
      `/families/${other.id}/support/${samples.support}`,
      `/families/${other.id}/referrals/${samples.referrals}/accepted`,
      ...KINDS.map((kind) => `/families/${other.id}/${kind}/${samples[kind]}/entered-in-error`),
    ];
    for (const url of urls) {
      expect((await coordinator.get(url)).statusCode, url).toBe(404);
      expect((await postForm(test, coordinator, url, { reason: 'Not ours', version: '1', ...dateParts('on', daysAgo(1)) })).statusCode, url).toBe(404);
    }
    for (const kind of KINDS) {
      const row = await db().selectFrom(TABLES[kind]).select('entered_in_error_at').where('id', '=', samples[kind]).executeTakeFirstOrThrow();
      expect(row.entered_in_error_at, kind).toBeNull();
    }
    expect((await db().selectFrom('family_referral').select('accepted_on').where('id', '=', samples.referrals).executeTakeFirstOrThrow()).accepted_on).toBeNull();
  });

  it('hostile input gets a message on the form, never a 500, and changes nothing', async () => {
    const me = await demoUser(test, 'family_support_coordinator');
    const base = `/families/${samples.familyId}`;
    const long = 'x'.repeat(5000);
    const before = await db().selectFrom('family').select('id').execute();
    const cases: [string, Record<string, string | string[]>][] = [
      ['/families/new', { name: ['A', 'B'], teamId: me.team_id ?? '', safeguarding: ['yes', 'no'] }],
      ['/families/new', { name: long, teamId: [me.team_id ?? '', me.team_id ?? ''], reference: long }],
      [`${base}/edit`, { name: 'Walk family', teamId: me.team_id ?? '', version: ['1', '2'] }],
      [`${base}/members/new`, { firstName: ['A', 'B'], relationship: ['partner', 'child'], 'dateOfBirth-day': ['1', '2'], 'dateOfBirth-month': '1', 'dateOfBirth-year': '2000' }],
      [`${base}/members/${samples.members}`, { firstName: long, relationship: 'partner', ageGroup: ['adult', 'child'], version: 'abc' }],
      [`${base}/support/new`, { ...dateParts('supportOn', daysAgo(1)), contactType: ['a', 'b'], memberIds: Array.from({ length: 25 }, () => samples.members), supportTypes: [long], minutes: ['1', '2'], notes: long }],
      [`${base}/support/${samples.support}`, { ...dateParts('supportOn', daysAgo(1)), contactType: 'phone', memberIds: 'not-a-member', supportTypes: 'housing', version: ['1'] }],
      [`${base}/referrals/new`, { 'referredOn-day': ['1', '2'], source: long, reason: ['a', 'b'] }],
      [`${base}/referrals/${samples.referrals}/closed`, { ...dateParts('on', daysAgo(1)), closureReason: ['declined', 'other'], version: '1' }],
      [`${base}/outcomes/new`, { outcomeType: ['family_contact', 'x'], ...dateParts('achievedOn', daysAgo(1)), note: long }],
      [`${base}/clients/new`, { prisonNumber: ['G1111GG', 'G1111GG'] }],
      [`${base}/clients/new`, { prisonNumber: 'G1111GG', personId: ['a', 'b'] }],
      [`${base}/members/${samples.members}/entered-in-error`, { reason: ['a', 'b'], version: '1' }],
      [`${base}/entered-in-error`, { reason: long, version: '1' }],
      [`/people/${clientId}/refer-family`, { 'referredOn-day': ['1'], reason: long }],
    ];
    const leader = await sessionAs(test, 'team_leader');
    for (const [url, fields] of cases) {
      const who = url.startsWith('/people') ? leader : coordinator;
      const response = await postForm(test, who, url, fields);
      expect(response.statusCode, url).toBe(400);
      expect(errorSummary(response.body).length, url).toBeGreaterThan(0);
    }
    expect(await db().selectFrom('family').select('id').execute()).toHaveLength(before.length);
    for (const query of ['q=a&q=b', 'page=abc', 'mine=no&page=-3', `q=${long}`]) expect((await coordinator.get(`/families?${query}`)).statusCode, query).toBe(200);
  });
});

describe('the audit of a family’s pages names its clients', () => {
  it('every read and write of a family names the linked clients', async () => {
    const base = `/families/${samples.familyId}`;
    const requests: [string, Awaited<ReturnType<Browser['get']>>][] = [
      ['edit form', await coordinator.get(`${base}/edit`)],
      ['member form', await coordinator.get(`${base}/members/new`)],
      ['member added', await postForm(test, coordinator, `${base}/members/new`, { firstName: 'Audited', relationship: 'partner', ageGroup: 'adult' })],
      ['outcome added', await postForm(test, coordinator, `${base}/outcomes/new`, { outcomeType: 'family_contact', ...dateParts('achievedOn', daysAgo(1)) })],
      ['support added', await postForm(test, coordinator, `${base}/support/new`, { ...dateParts('supportOn', daysAgo(1)), contactType: 'phone', memberIds: samples.members, supportTypes: 'housing' })],
      ['referral accepted', await postForm(test, coordinator, `${base}/referrals/${samples.referrals}/accepted`, { ...dateParts('on', '2026-10-01'), version: String(await versionOf(samples.referrals)) })],
      ['family corrected', await postForm(test, coordinator, `${base}/edit`, { name: 'Walk family', teamId: (await demoUser(test, 'family_support_coordinator')).team_id ?? '', version: '1' })],
    ];
    for (const [what, response] of requests) {
      expect(response.statusCode, what).toBeLessThan(400);
      const events = (await auditRows(test, response.headers['x-request-id'])).filter((e) => String(e.record_type).startsWith('family'));
      expect(events.length, what).toBeGreaterThan(0);
      for (const event of events) expect((event.detail as { personIds?: string[] }).personIds, `${event.action} ${event.record_type}`).toEqual([clientId]);
    }
    const unlinked = await postForm(test, coordinator, `${base}/clients/${samples.clients}/entered-in-error`, { reason: 'Wrong client' });
    const [event] = (await auditRows(test, unlinked.headers['x-request-id'])).filter((e) => e.record_type === 'family-client');
    expect((event?.detail as { personIds?: string[] }).personIds).toEqual([clientId]);
  });
});

describe('support entered in error counts nowhere', () => {
  it('the engaged date it set is taken back (to the next support, or none), and the client’s panel says so', async () => {
    const me = await demoUser(test, 'family_support_coordinator');
    const person = await buildPerson(test, { prisonNumber: 'H2222HH' });
    const family = await buildFamily(test, { name: 'Engaged family', coordinator_id: me.id });
    const base = `/families/${family.id}`;
    await postForm(test, coordinator, `${base}/members/new`, { firstName: 'Pat', relationship: 'partner', ageGroup: 'adult' });
    await postForm(test, coordinator, `${base}/clients/new`, { prisonNumber: 'H2222HH', personId: person.id });
    const member = await db().selectFrom('family_member').select('id').where('family_id', '=', family.id).executeTakeFirstOrThrow();
    await postForm(test, coordinator, `${base}/referrals/new`, { ...dateParts('referredOn', daysAgo(30)), source: 'self', reason: 'Help' });
    const referral = () => db().selectFrom('family_referral').selectAll().where('family_id', '=', family.id).executeTakeFirstOrThrow();
    const give = (on: string) => postForm(test, coordinator, `${base}/support/new`, { ...dateParts('supportOn', on), contactType: 'phone', memberIds: member.id, supportTypes: 'housing' });
    await give(daysAgo(20));
    await give(daysAgo(10));
    expect((await referral()).engaged_on).toBe(daysAgo(20));
    const supports = await db().selectFrom('family_support').selectAll().where('family_id', '=', family.id).orderBy('support_on').execute();
    const mark = (row: (typeof supports)[number]) => postForm(test, coordinator, `${base}/support/${row.id}/entered-in-error`, { reason: 'Wrong family', version: String(row.version) });
    expect((await mark(supports[0] as (typeof supports)[number])).statusCode).toBe(302);
    expect((await referral()).engaged_on).toBe(daysAgo(10));
    const later = supports[1] as (typeof supports)[number];
    const moved = await postForm(test, coordinator, `${base}/support/${later.id}`, { ...dateParts('supportOn', daysAgo(5)), contactType: 'phone', memberIds: member.id, supportTypes: 'housing', version: String(later.version) });
    expect(moved.statusCode).toBe(302);
    expect((await referral()).engaged_on).toBe(daysAgo(5));
    const now = await db().selectFrom('family_support').selectAll().where('id', '=', later.id).executeTakeFirstOrThrow();
    expect((await mark(now)).statusCode).toBe(302);
    expect((await referral()).engaged_on).toBeNull();
    const leader = await sessionAs(test, 'team_leader');
    expect(pageText((await leader.get(`/people/${person.id}`)).body)).toContain('Referred, not yet accepted');
  });
});

describe('a life coach’s referral of a client’s family', () => {
  it('is refused to a coach who may not change the client, and creates nothing', async () => {
    const stranger = await buildPerson(test, { last_name: 'Stranger', teamName: 'Lanarkshire team' });
    await buildEpisode(test, { personId: stranger.id, teamName: 'Lanarkshire team' });
    expect((await coach.get(`/people/${stranger.id}/refer-family`)).statusCode).toBe(403);
    const posted = await postForm(test, coach, `/people/${stranger.id}/refer-family`, { ...dateParts('referredOn', daysAgo(1)), reason: 'Money' });
    expect(posted.statusCode).toBe(403);
    const invalid = await postForm(test, coach, `/people/${stranger.id}/refer-family`, { reason: '' });
    expect(invalid.statusCode).toBe(403);
    expect(await db().selectFrom('family').select('id').where('name', '=', 'Stranger family').execute()).toEqual([]);
  });
});
