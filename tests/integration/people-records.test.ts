import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../src/modules/auth/tokens.ts';
import { buildContact, buildEpisode, buildPerson, userIdByEmail } from '../support/journey.ts';
import { auditRows, buildTestApp, demoUser, errorSummary, sessionAs, type Browser, type TestApp } from '../support/test-app.ts';
import { privacyBody } from '../support/lawful-basis.ts';

let test: TestApp;
let leader: Browser;
beforeAll(async () => {
  test = await buildTestApp();
  leader = await sessionAs(test, 'team_leader');
});
afterAll(() => test.close());

const personRow = (id: string) => test.database.db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('two workers editing the same person', () => {
  it('refuses the second save and says what the first one changed', async () => {
    const person = await buildPerson(test, { first_name: 'Scott', last_name: 'Kerr', phone: '0141 000 0000' });
    const coachA = await sessionAs(test, 'prison_life_coach');
    const coachB = await sessionAs(test, 'community_life_coach');
    const formA = await coachA.get(`/people/${person.id}/edit`);
    const formB = await coachB.get(`/people/${person.id}/edit`);
    const hidden = (html: string, name: string) => html.match(new RegExp(`name="${name}" value="([^"]*)"`))?.[1] ?? '';
    const base = { firstName: 'Scott', lastName: 'Kerr', 'dateOfBirth-day': '15', 'dateOfBirth-month': '6', 'dateOfBirth-year': '1985', gender: 'male', localAuthorityId: '', email: '', address: '', riskNote: '' };
    const first = await coachA.post(`/people/${person.id}`, { ...base, phone: '07700 900 111', version: hidden(formA.body, 'version'), original: hidden(formA.body, 'original') });
    expect(first.statusCode).toBe(302);
    const second = await coachB.post(`/people/${person.id}`, { ...base, phone: '07700 900 222', version: hidden(formB.body, 'version'), original: hidden(formB.body, 'original') });
    expect(second.statusCode).toBe(409);
    expect(errorSummary(second.body)[0]).toContain('Phone number is now “07700 900 111”');
    expect((await personRow(person.id)).phone).toBe('07700 900 111');
  });

  it('requires a note when the risk-to-staff flag is set', async () => {
    const person = await buildPerson(test);
    const coach = await sessionAs(test, 'prison_life_coach');
    const response = await coach.post(`/people/${person.id}`, { firstName: 'A', lastName: 'B', riskToStaff: 'yes', riskNote: '', version: '1' });
    expect(errorSummary(response.body)).toEqual(['Say what the risk to staff is']);
  });
});

describe('merging duplicate records', () => {
  it('moves everything to the kept record, audits it, and undoes it exactly', async () => {
    const kept = await buildPerson(test, { first_name: 'Darren', last_name: 'Miller', date_of_birth: '1969-03-19', phone: null, prisonNumber: '101170' });
    const dup = await buildPerson(test, { first_name: 'Daren', last_name: 'Millar', date_of_birth: '1969-03-19', phone: '0141 496 0123', prisonNumber: '101171' });
    const old = await buildEpisode(test, { personId: dup.id, signed_up_on: '2009-04-01', liberated_on: '2009-06-01', closed_on: '2009-09-01' });
    await buildContact(test, { episodeId: old.id, contactOn: '2009-06-02' });

    const choose = await leader.get(`/people/${kept.id}/merge`);
    expect(choose.body).toContain(`href="/people/${kept.id}/merge/${dup.id}"`);
    const merged = await leader.post(`/people/${kept.id}/merge/${dup.id}`, {});
    expect(merged.statusCode).toBe(302);
    expect(await auditRows(test, merged.headers['x-request-id'])).toHaveLength(2);

    const page = await leader.get(`/people/${kept.id}`);
    expect(page.body).toContain('Daren Millar');
    expect(page.body).toContain('101170, 101171');
    expect(page.body).toContain('0141 496 0123');
    expect(page.body).toContain('Signed up at Barlinnie');
    expect((await personRow(dup.id)).merged_into).toBe(kept.id);
    expect((await leader.get(`/people/${dup.id}`)).headers.location).toBe(`/people/${kept.id}`);
    expect((await leader.get('/people?q=101171')).body).toContain(`href="/people/${kept.id}"`);

    const mergeId = page.body.match(/merges\/([0-9a-f-]+)\/undo/)?.[1];
    const undone = await leader.post(`/people/${kept.id}/merges/${mergeId}/undo`, {});
    expect(undone.headers.location).toBe(`/people/${dup.id}`);
    expect((await personRow(dup.id)).merged_into).toBeNull();
    expect((await personRow(kept.id)).phone).toBeNull();
    const episodes = await test.database.db.selectFrom('episode').select('person_id').where('id', '=', old.id).executeTakeFirstOrThrow();
    expect(episodes.person_id).toBe(dup.id);
    const names = await test.database.db.selectFrom('person_name').select(['person_id', 'is_alias']).where('last_name', '=', 'Millar').executeTakeFirstOrThrow();
    expect(names).toEqual({ person_id: dup.id, is_alias: false });
  });

  it('is for team leaders only', async () => {
    const a = await buildPerson(test);
    const b = await buildPerson(test);
    const coach = await sessionAs(test, 'community_life_coach');
    expect((await coach.post(`/people/${a.id}/merge/${b.id}`, {})).statusCode).toBe(403);
  });

  it('refuses to merge two records that both have an open sign-up', async () => {
    const a = await buildPerson(test);
    const b = await buildPerson(test);
    await buildEpisode(test, { personId: a.id });
    await buildEpisode(test, { personId: b.id });
    const response = await leader.post(`/people/${a.id}/merge/${b.id}`, {});
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Both records have an open sign-up');
  });
});

describe('the people API', () => {
  let headers: Record<string, string>;
  beforeAll(async () => {
    const coach = await demoUser(test, 'prison_life_coach');
    await test.database.db.insertInto('api_token').values({ programme_id: coach.programme_id, user_id: coach.id, name: 'api test', token_hash: hashSecret('tc_people'), created_by: coach.id }).execute();
    headers = { authorization: 'Bearer tc_people' };
  });

  it('creates a person, refuses a likely duplicate with the candidates, and signs them up', async () => {
    const body = { firstName: 'Craig', lastName: 'Clark', dateOfBirth: '1985-06-20', prisonNumber: '100302' };
    const created = await test.app.inject({ method: 'POST', url: '/api/v1/people', headers, payload: body });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const dup = await test.app.inject({ method: 'POST', url: '/api/v1/people', headers, payload: { ...body, prisonNumber: undefined } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().candidates.visible[0].id).toBe(id);
    const barlinnie = (await test.database.db.selectFrom('prison').select('id').where('name', '=', 'Barlinnie').executeTakeFirstOrThrow()).id;
    const signUp = await test.app.inject({ method: 'POST', url: `/api/v1/people/${id}/sign-ups`, headers, payload: { ...privacyBody(), prisonId: barlinnie, sentenceMonths: 20, previousSentences: 4, signedUpOn: '2026-02-30' } });
    expect(signUp.statusCode).toBe(400);
    expect(signUp.json().errors).toEqual([{ field: 'signedUpOn', message: 'Sign-up date must be a real date, as YYYY-MM-DD' }]);
    const ok = await test.app.inject({ method: 'POST', url: `/api/v1/people/${id}/sign-ups`, headers, payload: { ...privacyBody(), prisonId: barlinnie, sentenceMonths: 20, previousSentences: 4, signedUpOn: '2026-01-19' } });
    expect(ok.statusCode).toBe(201);
    const contact = await test.app.inject({
      method: 'POST', url: `/api/v1/people/${id}/sign-ups/${ok.json().id}/contacts`, headers, payload: { contactOn: '2026-01-20', contactType: 'phone', outcome: 'happened', durationMinutes: -1 },
    });
    expect(contact.statusCode).toBe(400);
    const list = await test.app.inject({ url: `/api/v1/people?q=${encodeURIComponent('craig clarke')}`, headers });
    expect(list.json().people.map((p: { id: string }) => p.id)).toEqual([id]);
  });

  it('never lets a worker see a person outside their caseload', async () => {
    const other = await buildPerson(test, { teamName: 'Lanarkshire team' });
    await buildEpisode(test, { personId: other.id, teamName: 'Lanarkshire team', workers: { prison_life_coach: await userIdByEmail(test, 'team.leader@roop.example') } });
    const response = await test.app.inject({ url: `/api/v1/people/${other.id}`, headers });
    expect(response.statusCode).toBe(403);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });
});

describe('the rest of the journey in the API', () => {
  it('arranges a day-one appointment, records a reason for not engaging, allocates, merges and undoes', async () => {
    const leader = await demoUser(test, 'team_leader');
    await test.database.db.insertInto('api_token').values({ programme_id: leader.programme_id, user_id: leader.id, name: 'leader api', token_hash: hashSecret('tc_leader'), created_by: leader.id }).execute();
    const headers = { authorization: 'Bearer tc_leader' };
    const person = await buildPerson(test);
    const episode = await buildEpisode(test, { personId: person.id, signed_up_on: '2026-09-01', liberated_on: '2026-10-01' });
    const base = `/api/v1/people/${person.id}/sign-ups/${episode.id}`;

    expect((await test.app.inject({ method: 'POST', url: `${base}/appointments`, headers, payload: { appointmentOn: '2026-10-01', appointmentTime: '09:30', agency: 'Jobcentre' } })).statusCode).toBe(201);
    const badTime = await test.app.inject({ method: 'POST', url: `${base}/appointments`, headers, payload: { appointmentOn: '2026-10-01', appointmentTime: '25:00', agency: 'Jobcentre' } });
    expect(badTime.json().errors).toEqual([{ field: 'appointmentTime', message: 'Enter a time like 09:30 or 14:00' }]);

    expect((await test.app.inject({ method: 'PUT', url: `${base}/non-engagement`, headers, payload: { reason: 'declined', version: 1 } })).statusCode).toBe(204);
    const unknownReason = await test.app.inject({ method: 'PUT', url: `${base}/non-engagement`, headers, payload: { reason: 'aliens', version: 2 } });
    expect(unknownReason.json().errors).toEqual([{ field: 'reason', message: 'Select the reason' }]);

    const coach = await userIdByEmail(test, 'community.coach@roop.example');
    expect((await test.app.inject({ method: 'PUT', url: `${base}/allocation`, headers, payload: { communityCoachId: coach, version: 2 } })).statusCode).toBe(204);
    const stale = await test.app.inject({ method: 'PUT', url: `${base}/allocation`, headers, payload: { communityCoachId: coach, version: 2 } });
    expect(stale.statusCode).toBe(409);

    const duplicate = await buildPerson(test);
    const merge = await test.app.inject({ method: 'POST', url: `/api/v1/people/${person.id}/merges`, headers, payload: { otherId: duplicate.id } });
    expect(merge.statusCode).toBe(201);
    const undo = await test.app.inject({ method: 'POST', url: `/api/v1/merges/${merge.json().mergeId}/undo`, headers });
    expect(undo.json()).toEqual({ keptId: person.id, mergedId: duplicate.id });
    expect((await personRow(duplicate.id)).merged_into).toBeNull();
  });
});
