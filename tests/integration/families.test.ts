import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEpisode, buildPerson } from '../support/journey.ts';
import { buildFamily, buildUser, dateParts, daysAgo, pageText } from '../support/families.ts';
import { auditRows, buildTestApp, demoUser, errorSummary, sessionAs, sessionFor, type Browser, type TestApp } from '../support/test-app.ts';

let test: TestApp;
let coordinator: Browser;
let leader: Browser;
let coach: Browser;
let otherCoordinator: Browser;
let familyId = '';
const db = () => test.database.db;
const idFrom = (location: unknown) => String(location).split('/')[2] ?? '';

beforeAll(async () => {
  test = await buildTestApp();
  coordinator = await sessionAs(test, 'family_support_coordinator');
  leader = await sessionAs(test, 'team_leader');
  coach = await sessionAs(test, 'community_life_coach');
  const other = await buildUser(test, { role: 'family_support_coordinator', teamName: 'Lanarkshire team', email: 'other.fsc@roop.example', name: 'Other Coordinator' });
  otherCoordinator = await sessionFor(test, other.id);
}, 120_000);
afterAll(async () => test.close());

describe('families', () => {
  it('adds a family, refusing a safeguarding flag without a note and changing nothing', async () => {
    const me = await demoUser(test, 'family_support_coordinator');
    const form = await coordinator.get('/families/new');
    expect(form.statusCode).toBe(200);
    const before = (await db().selectFrom('family').select('id').execute()).length;
    const bad = await coordinator.post('/families/new', { name: '', teamId: me.team_id ?? '', coordinatorId: me.id, safeguarding: 'yes', safeguardingNote: '' });
    expect(bad.statusCode).toBe(400);
    expect(errorSummary(bad.body)).toEqual(['Enter the family’s name', 'Enter what matters for safety']);
    expect((await db().selectFrom('family').select('id').execute()).length).toBe(before);
    const added = await coordinator.post('/families/new', { name: 'Brown family', reference: 'FAM-1', teamId: me.team_id ?? '', coordinatorId: me.id, safeguarding: 'yes', safeguardingNote: 'Father not to be told the address' });
    expect(added.statusCode).toBe(302);
    familyId = idFrom(added.headers.location);
    const page = await coordinator.get(`/families/${familyId}`);
    expect(page.statusCode).toBe(200);
    expect(pageText(page.body)).toContain('Safeguarding: Father not to be told the address');
    const events = await auditRows(test, page.headers['x-request-id']);
    expect(events.some((e) => e.action === 'read' && e.record_type === 'family' && e.record_id === familyId)).toBe(true);
    const list = await coordinator.get('/families?q=brown');
    expect(pageText(list.body)).toContain('Brown family');
  });

  it('adds members: a child by date of birth, an adult by age group; refuses a member with neither', async () => {
    const bad = await coordinator.post(`/families/${familyId}/members/new`, { firstName: 'Amy', relationship: 'child' });
    expect(bad.statusCode).toBe(400);
    expect(errorSummary(bad.body)).toEqual(['Enter their date of birth, or if it is not known select adult or child']);
    expect((await coordinator.post(`/families/${familyId}/members/new`, { firstName: 'Amy', lastName: 'Brown', relationship: 'child', ...dateParts('dateOfBirth', daysAgo(365 * 10)) })).statusCode).toBe(302);
    expect((await coordinator.post(`/families/${familyId}/members/new`, { firstName: 'Jo', relationship: 'partner', ageGroup: 'adult' })).statusCode).toBe(302);
    const text = pageText((await coordinator.get(`/families/${familyId}`)).body);
    expect(text).toMatch(/Amy Brown Child Child/);
    expect(text).toMatch(/Jo Partner or spouse Adult/);
  });

  it('takes a referral through: accepted, then engaged automatically by the first support given', async () => {
    const referredOn = daysAgo(20);
    expect((await coordinator.post(`/families/${familyId}/referrals/new`, { ...dateParts('referredOn', referredOn), source: 'prison', reason: 'Housing at risk' })).statusCode).toBe(302);
    const referral = await db().selectFrom('family_referral').selectAll().where('family_id', '=', familyId).executeTakeFirstOrThrow();
    const early = await coordinator.post(`/families/${familyId}/referrals/${referral.id}/accepted`, { ...dateParts('on', daysAgo(30)), version: String(referral.version) });
    expect(early.statusCode).toBe(400);
    expect(errorSummary(early.body)[0]).toMatch(/on or after the referral date/);
    expect((await coordinator.post(`/families/${familyId}/referrals/${referral.id}/accepted`, { ...dateParts('on', daysAgo(18)), version: String(referral.version) })).statusCode).toBe(302);
    const stale = await coordinator.post(`/families/${familyId}/referrals/${referral.id}/closed`, { ...dateParts('on', daysAgo(1)), closureReason: 'declined', version: String(referral.version) });
    expect(stale.statusCode).toBe(409);
    const members = await db().selectFrom('family_member').select('id').where('family_id', '=', familyId).execute();
    const noOne = await coordinator.post(`/families/${familyId}/support/new`, { ...dateParts('supportOn', daysAgo(10)), contactType: 'face_to_face' });
    expect(noOne.statusCode).toBe(400);
    expect(errorSummary(noOne.body)).toEqual(expect.arrayContaining(['Select who took part', 'Select the support given']));
    const contactType = (await db().selectFrom('choice').select('code').where('list', '=', 'contact_type').where('active', '=', true).executeTakeFirstOrThrow()).code;
    const support = await coordinator.postRaw(`/families/${familyId}/support/new?`, {
      _csrf: await coordinator.csrfToken('/account'),
      ...dateParts('supportOn', daysAgo(10)),
      contactType,
      minutes: '45',
    });
    expect(support.statusCode).toBe(400);
    const body = new URLSearchParams({ _csrf: await coordinator.csrfToken('/account'), ...dateParts('supportOn', daysAgo(10)), contactType, minutes: '45' });
    for (const m of members) body.append('memberIds', m.id);
    body.append('supportTypes', 'housing');
    body.append('supportTypes', 'emotional');
    const saved = await test.app.inject({ method: 'POST', url: `/families/${familyId}/support/new`, cookies: coordinator.cookies, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() });
    expect(saved.statusCode).toBe(302);
    const after = await db().selectFrom('family_referral').selectAll().where('id', '=', referral.id).executeTakeFirstOrThrow();
    expect(after.engaged_on).toBe(daysAgo(10));
    expect(pageText((await coordinator.get(`/families/${familyId}`)).body)).toContain(`Engaged`);
  });

  it('links a client by prison number, shows only the name to confirm, and the client page shows the family to a life coach without details', async () => {
    const coachUser = await demoUser(test, 'community_life_coach');
    const person = await buildPerson(test, { prisonNumber: 'A1234BC', last_name: 'Brown' });
    await buildEpisode(test, { personId: person.id, workers: { community_life_coach: coachUser.id } });
    const found = await coordinator.post(`/families/${familyId}/clients/new`, { prisonNumber: 'a1234bc' });
    expect(found.statusCode).toBe(200);
    expect(pageText(found.body)).toContain(`Link ${person.first_name} Brown`);
    expect((await coordinator.post(`/families/${familyId}/clients/new`, { prisonNumber: 'A1234BC', personId: person.id })).statusCode).toBe(302);
    const again = await coordinator.post(`/families/${familyId}/clients/new`, { prisonNumber: 'A1234BC', personId: person.id });
    expect(again.statusCode).toBe(400);
    const panel = pageText((await coach.get(`/people/${person.id}`)).body);
    expect(panel).toContain('Family support');
    expect(panel).toContain('A family is linked to this client.');
    expect(panel).toContain('Co-ordinator: Eilidh Fraser');
    expect(panel).not.toContain('Amy');
    expect(panel).not.toContain('Brown family');
  });

  it('lets the family be seen by its team leader, and not by another team’s co-ordinator or a life coach', async () => {
    expect((await leader.get(`/families/${familyId}`)).statusCode).toBe(200);
    expect(pageText((await leader.get('/families')).body)).toContain('Brown family');
    expect((await otherCoordinator.get(`/families/${familyId}`)).statusCode).toBe(403);
    expect(pageText((await otherCoordinator.get('/families')).body)).not.toContain('Brown family');
    expect((await coach.get(`/families/${familyId}`)).statusCode).toBe(403);
    expect((await coach.get('/families')).statusCode).toBe(403);
  });

  it('a family linked to two clients names both in the audited read; a life coach refers a client’s family', async () => {
    const second = await buildPerson(test, { prisonNumber: 'B9999ZZ' });
    await coordinator.post(`/families/${familyId}/clients/new`, { prisonNumber: 'B9999ZZ', personId: second.id });
    const page = await coordinator.get(`/families/${familyId}`);
    const read = (await auditRows(test, page.headers['x-request-id'])).find((e) => e.record_type === 'family');
    expect((read?.detail as { personIds: string[] }).personIds).toHaveLength(2);

    const coachUser = await demoUser(test, 'community_life_coach');
    const client = await buildPerson(test, { last_name: 'Green' });
    await buildEpisode(test, { personId: client.id, workers: { community_life_coach: coachUser.id } });
    const referred = await coach.post(`/people/${client.id}/refer-family`, { ...dateParts('referredOn', daysAgo(2)), reason: 'Partner struggling with money' });
    expect(referred.statusCode).toBe(302);
    const family = await db().selectFrom('family').selectAll().where('name', '=', 'Green family').executeTakeFirstOrThrow();
    expect(family.coordinator_id).toBeNull();
    expect(pageText((await coordinator.get('/families')).body)).toContain('Green family');
  });

  it('entered in error: a member leaves the choices, a family leaves the lists', async () => {
    const member = await db().selectFrom('family_member').selectAll().where('family_id', '=', familyId).where('first_name', '=', 'Jo').executeTakeFirstOrThrow();
    const noReason = await coordinator.post(`/families/${familyId}/members/${member.id}/entered-in-error`, { reason: '', version: String(member.version) });
    expect(errorSummary(noReason.body)).toEqual(['Enter why it was entered in error']);
    expect((await coordinator.post(`/families/${familyId}/members/${member.id}/entered-in-error`, { reason: 'Recorded twice', version: String(member.version) })).statusCode).toBe(302);
    expect((await coordinator.get(`/families/${familyId}/support/new`)).body).not.toContain(member.id);
    const other = await buildFamily(test, { name: 'Mistaken family' });
    expect((await coordinator.post(`/families/${other.id}/entered-in-error`, { reason: 'Not a real family', version: '1' })).statusCode).toBe(302);
    expect(pageText((await leader.get('/families')).body)).not.toContain('Mistaken family');
    expect((await leader.get(`/families/${other.id}`)).statusCode).toBe(404);
  });

  it('corrects a family from its version, refusing a stale one', async () => {
    const family = await db().selectFrom('family').selectAll().where('id', '=', familyId).executeTakeFirstOrThrow();
    const fields = { name: 'Brown-Smith family', teamId: family.team_id, coordinatorId: family.coordinator_id ?? '', safeguarding: '' };
    expect((await coordinator.post(`/families/${familyId}/edit`, { ...fields, version: String(family.version) })).statusCode).toBe(302);
    expect((await coordinator.post(`/families/${familyId}/edit`, { ...fields, version: String(family.version) })).statusCode).toBe(409);
    const api = await coordinator.get(`/families/${familyId}`);
    expect(pageText(api.body)).not.toContain('Safeguarding:');
  });
});
