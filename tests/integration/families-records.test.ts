import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEpisode, buildPerson } from '../support/journey.ts';
import { buildFamily, buildUser, dateParts, daysAgo, pageText, postForm } from '../support/families.ts';
import { apiHeadersAs, auditRows, buildTestApp, demoUser, errorSummary, sessionAs, type Browser, type TestApp } from '../support/test-app.ts';

/** Support given, outcomes, closing a referral, unlinking a client, the co-ordinator's home page and the API. */
let test: TestApp;
let coordinator: Browser;
let coach: Browser;
let familyId = '';
let memberIds: string[] = [];
let contactType = '';
const db = () => test.database.db;
const referralRow = (id: string) => db().selectFrom('family_referral').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const referralOf = async (referredOn: string) => {
  await postForm(test, coordinator, `/families/${familyId}/referrals/new`, { ...dateParts('referredOn', referredOn), source: 'self', reason: 'Asked for help' });
  return db().selectFrom('family_referral').selectAll().where('family_id', '=', familyId).where('referred_on', '=', referredOn).executeTakeFirstOrThrow();
};
const support = (on: string, extra: Record<string, string | string[]> = {}) =>
  postForm(test, coordinator, `/families/${familyId}/support/new`, { ...dateParts('supportOn', on), contactType, memberIds: memberIds.slice(0, 1), supportTypes: ['money'], notes: 'Talked about debts', ...extra });

beforeAll(async () => {
  test = await buildTestApp();
  coordinator = await sessionAs(test, 'family_support_coordinator');
  coach = await sessionAs(test, 'community_life_coach');
  const me = await demoUser(test, 'family_support_coordinator');
  familyId = (await buildFamily(test, { name: 'Reid family', coordinator_id: me.id })).id;
  for (const [firstName, ageGroup] of [['Mum', 'adult'], ['Kid', 'child']]) {
    await postForm(test, coordinator, `/families/${familyId}/members/new`, { firstName: firstName ?? '', relationship: 'other', ageGroup: ageGroup ?? '' });
  }
  memberIds = (await db().selectFrom('family_member').select('id').where('family_id', '=', familyId).orderBy('created_at').execute()).map((m) => m.id);
  contactType = (await db().selectFrom('choice').select('code').where('list', '=', 'contact_type').where('active', '=', true).executeTakeFirstOrThrow()).code;
}, 120_000);
afterAll(async () => test.close());

describe('referrals and support given', () => {
  it('engages an open referral only with support on or after its date; a closed one never', async () => {
    const closed = await referralOf(daysAgo(60));
    const noReason = await postForm(test, coordinator, `/families/${familyId}/referrals/${closed.id}/closed`, { ...dateParts('on', daysAgo(50)), version: String(closed.version) });
    expect(errorSummary(noReason.body)).toEqual(['Select why it closed']);
    expect((await referralRow(closed.id)).closed_on).toBeNull();
    await postForm(test, coordinator, `/families/${familyId}/referrals/${closed.id}/closed`, { ...dateParts('on', daysAgo(50)), closureReason: 'declined', version: String(closed.version) });
    const open = await referralOf(daysAgo(20));
    expect((await support(daysAgo(30))).statusCode).toBe(302);
    expect((await referralRow(open.id)).engaged_on).toBeNull();
    expect((await support(daysAgo(15))).statusCode).toBe(302);
    expect((await support(daysAgo(5))).statusCode).toBe(302);
    expect((await referralRow(open.id)).engaged_on).toBe(daysAgo(15));
    expect((await referralRow(closed.id)).engaged_on).toBeNull();
    expect(pageText((await coordinator.get(`/families/${familyId}`)).body)).toContain('Family declined support');
  });

  it('corrects support from its version (who took part too), refuses a stale version and a member of another family', async () => {
    const row = await db().selectFrom('family_support').selectAll().where('family_id', '=', familyId).orderBy('support_on', 'desc').executeTakeFirstOrThrow();
    const url = `/families/${familyId}/support/${row.id}`;
    expect((await coordinator.get(url)).body).toContain('Talked about debts');
    const other = await buildFamily(test, { name: 'Other family' });
    const stranger = await db().insertInto('family_member').values({ programme_id: other.programme_id, family_id: other.id, first_name: 'Stranger', relationship: 'other', age_group: 'adult' }).returning('id').executeTakeFirstOrThrow();
    const fields = { ...dateParts('supportOn', row.support_on), contactType, supportTypes: ['money', 'housing'], version: String(row.version) };
    const foreign = await postForm(test, coordinator, url, { ...fields, memberIds: [stranger.id] });
    expect(foreign.statusCode).toBe(400);
    expect(errorSummary(foreign.body)).toEqual(['Select who took part from the family’s members']);
    const corrected = await postForm(test, coordinator, url, { ...fields, memberIds });
    expect(corrected.statusCode).toBe(302);
    // One event names every field changed, who took part with the rest.
    const updates = (await auditRows(test, corrected.headers['x-request-id'])).filter((e) => e.record_type === 'family-support' && e.action === 'update');
    expect(updates.map((e) => (e.detail as { fields: string[] }).fields)).toEqual([['support_types', 'notes', 'members']]);
    const taking = await db().selectFrom('family_support_member').select('member_id').where('support_id', '=', row.id).execute();
    expect(taking.map((t) => t.member_id).sort()).toEqual([...memberIds].sort());
    expect((await postForm(test, coordinator, url, { ...fields, memberIds })).statusCode).toBe(409);
  });

  it('support entered in error is kept, struck through, and no longer correctable', async () => {
    const row = await db().selectFrom('family_support').selectAll().where('family_id', '=', familyId).orderBy('support_on').executeTakeFirstOrThrow();
    const marked = await postForm(test, coordinator, `/families/${familyId}/support/${row.id}/entered-in-error`, { reason: 'Wrong family', version: String(row.version) });
    expect(marked.statusCode).toBe(302);
    expect((await coordinator.get(`/families/${familyId}`)).body).toContain('Wrong family');
    expect((await coordinator.get(`/families/${familyId}/support/${row.id}`)).statusCode).toBe(400);
  });

  it('records outcomes of the framework’s family category only', async () => {
    const wrong = await postForm(test, coordinator, `/families/${familyId}/outcomes/new`, { outcomeType: 'training', ...dateParts('achievedOn', daysAgo(1)) });
    expect(errorSummary(wrong.body)).toEqual(['Select the outcome from the list']);
    expect((await postForm(test, coordinator, `/families/${familyId}/outcomes/new`, { outcomeType: 'family_contact', ...dateParts('achievedOn', daysAgo(1)), note: 'Visits restarted' })).statusCode).toBe(302);
    expect(pageText((await coordinator.get(`/families/${familyId}`)).body)).toContain('Family contact restored');
  });
});

describe('clients, home page and API', () => {
  it('refuses an unknown prison number; unlinking removes the family from the client’s page', async () => {
    const unknown = await postForm(test, coordinator, `/families/${familyId}/clients/new`, { prisonNumber: 'ZZ0000ZZ' });
    expect(errorSummary(unknown.body)).toEqual(['No client has this prison number: check it and enter it again']);
    const coachUser = await demoUser(test, 'community_life_coach');
    const person = await buildPerson(test, { prisonNumber: 'C7777CC' });
    await buildEpisode(test, { personId: person.id, workers: { community_life_coach: coachUser.id } });
    const mismatched = await postForm(test, coordinator, `/families/${familyId}/clients/new`, { prisonNumber: 'C7777CC', personId: familyId });
    expect(mismatched.statusCode).toBe(400);
    expect(await db().selectFrom('family_client').select('id').where('person_id', '=', person.id).execute()).toEqual([]);
    await postForm(test, coordinator, `/families/${familyId}/clients/new`, { prisonNumber: 'C7777CC', personId: person.id });
    expect(pageText((await coach.get(`/people/${person.id}`)).body)).toContain('A family is linked to this client.');
    const link = await db().selectFrom('family_client').select('id').where('person_id', '=', person.id).executeTakeFirstOrThrow();
    expect((await postForm(test, coordinator, `/families/${familyId}/clients/${link.id}/entered-in-error`, { reason: 'Wrong person' })).statusCode).toBe(302);
    expect(pageText((await coach.get(`/people/${person.id}`)).body)).not.toContain('A family is linked');
  });

  it('lists the co-ordinator’s families on their home page and caseload, and names Families in their navigation only', async () => {
    const home = pageText((await coordinator.get('/')).body);
    expect(home).toContain('Families you work with');
    expect(home).toContain('Reid family');
    expect(pageText((await coordinator.get('/caseload')).body)).toContain('Reid family');
    expect((await coordinator.get('/')).body).toContain('href="/families"');
    expect((await coach.get('/')).body).not.toContain('href="/families"');
  });

  it('answers the API: the families one may see, a family’s details, and problem documents', async () => {
    const me = await demoUser(test, 'family_support_coordinator');
    const headers = await apiHeadersAs(test, me.id);
    const list = await test.app.inject({ method: 'GET', url: '/api/v1/families?q=reid', headers });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ total: 1, families: [{ id: familyId, name: 'Reid family' }] });
    const detail = await test.app.inject({ method: 'GET', url: `/api/v1/families/${familyId}`, headers });
    expect(detail.statusCode).toBe(200);
    const body = detail.json();
    expect(body.members.map((m: { firstName: string; child: boolean }) => [m.firstName, m.child])).toEqual([['Mum', false], ['Kid', true]]);
    expect(body.referrals).toHaveLength(2);
    expect(body.outcomes[0]).toMatchObject({ outcomeType: 'family_contact' });
    expect((await auditRows(test, detail.headers['x-request-id'])).some((e) => e.record_type === 'family' && e.action === 'read')).toBe(true);
    const missing = await test.app.inject({ method: 'GET', url: '/api/v1/families/00000000-0000-4000-8000-000000000000', headers });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    const other = await buildUser(test, { role: 'family_support_coordinator', teamName: 'South West team', email: 'sw.fsc@roop.example', name: 'South West' });
    const refused = await test.app.inject({ method: 'GET', url: `/api/v1/families/${familyId}`, headers: await apiHeadersAs(test, other.id) });
    expect(refused.statusCode).toBe(403);
    const coachUser = await demoUser(test, 'community_life_coach');
    expect((await test.app.inject({ method: 'GET', url: '/api/v1/families', headers: await apiHeadersAs(test, coachUser.id) })).statusCode).toBe(403);
  });
});
