import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, dateParts, daysAgo, pageText } from '../support/families.ts';
import { buildEpisode, buildPerson } from '../support/journey.ts';
import { buildClearance, buildTraining, buildVetting } from '../support/staff.ts';
import { apiHeadersAs, auditRows, buildTestApp, decodeEntities, demoUser, errorSummary, sessionAs, type Browser, type TestApp } from '../support/test-app.ts';

let test: TestApp;
let admin: Browser;
let leader: Browser;
let coach: Browser;
let manager: Browser;
let coachId = '';
let otherTeamWorkerId = '';
const db = () => test.database.db;
const daysAhead = (n: number) => daysAgo(-n);
const textOf = async (browser: Browser, url: string) => decodeEntities(pageText((await browser.get(url)).body));
const banner = async (browser: Browser, location: unknown) => textOf(browser, String(location));

beforeAll(async () => {
  test = await buildTestApp();
  admin = await sessionAs(test, 'administrator');
  leader = await sessionAs(test, 'team_leader');
  coach = await sessionAs(test, 'prison_life_coach');
  manager = await sessionAs(test, 'manager');
  coachId = (await demoUser(test, 'prison_life_coach')).id;
  otherTeamWorkerId = (await buildUser(test, { role: 'community_life_coach', teamName: 'Lanarkshire team', email: 'lanark.coach@roop.example', name: 'Lanark Coach' })).id;
}, 120_000);
afterAll(async () => test.close());

const vetting = (fields: Record<string, string> = {}) => ({ disclosureType: 'pvg', reference: 'PVG-123', ...dateParts('issuedOn', daysAgo(400)), ...dateParts('renewBy', daysAhead(30)), ...fields });

describe('a worker’s staff record', () => {
  it('refuses invalid vetting with every problem at once, changing nothing', async () => {
    const before = await db().selectFrom('staff_vetting').select('id').execute();
    const bad = await admin.post(`/staff/${coachId}/vetting/new`, vetting({ disclosureType: 'made-up', reference: '', ...dateParts('renewBy', daysAgo(500)) }));
    expect(bad.statusCode).toBe(400);
    expect(errorSummary(bad.body)).toEqual(['Select the type of disclosure from the list', 'Enter the reference number', 'The renewal date must be after the date it was issued']);
    const future = await admin.post(`/staff/${coachId}/vetting/new`, vetting(dateParts('issuedOn', daysAhead(3))));
    expect(errorSummary(future.body)).toEqual(['Date it was issued must be today or in the past']);
    expect(await db().selectFrom('staff_vetting').select('id').execute()).toHaveLength(before.length);
  });

  it('records vetting and shows it expiring soon on the worker’s record and the staff list, audited', async () => {
    const added = await admin.post(`/staff/${coachId}/vetting/new`, vetting());
    expect(added.statusCode).toBe(302);
    expect(added.headers.location).toBe(`/staff/${coachId}#vetting`);
    const page = await admin.get(`/staff/${coachId}`);
    expect(decodeEntities(pageText(page.body))).toMatch(/PVG scheme membership PVG-123 .* Expires soon/);
    const events = await auditRows(test, page.headers['x-request-id']);
    expect(events.some((e) => e.action === 'read' && e.record_type === 'staff' && e.record_id === coachId)).toBe(true);
    expect(await textOf(admin, '/staff')).toMatch(/Morag Campbell Prison life coach Glasgow team Expires soon/);
  });

  it('corrects a record only from the version shown, and marks it entered in error with a reason', async () => {
    const row = await db().selectFrom('staff_vetting').selectAll().where('user_id', '=', coachId).where('reference', '=', 'PVG-123').executeTakeFirstOrThrow();
    const url = `/staff/${coachId}/vetting/${row.id}`;
    expect((await admin.post(url, vetting({ reference: 'PVG-124', version: String(row.version) }))).statusCode).toBe(302);
    const stale = await admin.post(url, vetting({ reference: 'PVG-125', version: String(row.version) }));
    expect(stale.statusCode).toBe(409);
    expect((await db().selectFrom('staff_vetting').select('reference').where('id', '=', row.id).executeTakeFirstOrThrow()).reference).toBe('PVG-124');
    const noReason = await admin.post(`${url}/entered-in-error`, { reason: '', version: String(row.version + 1) });
    expect(errorSummary(noReason.body)).toEqual(['Enter why it was entered in error']);
    expect((await admin.post(`${url}/entered-in-error`, { reason: 'Recorded for the wrong worker', version: String(row.version + 1) })).statusCode).toBe(302);
    const text = await textOf(admin, `/staff/${coachId}`);
    expect(text).toContain('Entered in error Recorded for the wrong worker');
    expect(await textOf(admin, '/staff')).toMatch(/Morag Campbell Prison life coach Glasgow team None recorded/);
    expect((await admin.get(url)).statusCode).toBe(400);
  });

  it('refuses a clearance that expires before it was given, and a prison not on the list', async () => {
    const bad = await admin.post(`/staff/${coachId}/clearances/new`, { prisonId: '00000000-0000-4000-8000-000000000000', ...dateParts('clearedOn', daysAgo(10)), ...dateParts('expiresOn', daysAgo(20)) });
    expect(errorSummary(bad.body)).toEqual(['Select the prison from the list', 'The expiry date must be after the date they were cleared']);
    const training = await admin.post(`/staff/${coachId}/training/new`, { course: 'Trauma-informed practice', ...dateParts('completedOn', daysAgo(10)) });
    expect(training.statusCode).toBe(302);
    expect(await textOf(admin, `/staff/${coachId}`)).toMatch(/Trauma-informed practice .* Does not need refreshing Does not expire/);
  });

  it('is kept by administrators and the worker’s own team leader; read by the worker and managers, who cannot change it', async () => {
    const leaderId = (await demoUser(test, 'team_leader')).id;
    expect((await leader.get(`/staff/${coachId}/training/new`)).statusCode).toBe(200);
    expect((await leader.get(`/staff/${otherTeamWorkerId}`)).statusCode).toBe(403);
    expect((await leader.get(`/staff/${leaderId}/training/new`)).statusCode).toBe(403);
    const own = await coach.get(`/staff/${coachId}`);
    expect(own.statusCode).toBe(200);
    expect(own.body).not.toContain(`/staff/${coachId}/training/new`);
    expect((await coach.get(`/staff/${coachId}/training/new`)).statusCode).toBe(403);
    expect((await coach.get(`/staff/${otherTeamWorkerId}`)).statusCode).toBe(403);
    const managed = await manager.get(`/staff/${otherTeamWorkerId}`);
    expect(managed.statusCode).toBe(200);
    expect(managed.body).not.toContain('/training/new');
  });

  it('lists a team leader only their own team, and managers everyone or one team', async () => {
    expect(await textOf(leader, '/staff')).not.toContain('Lanark Coach');
    expect(await textOf(manager, '/staff')).toContain('Lanark Coach');
    const lanark = (await db().selectFrom('team').select('id').where('name', '=', 'Lanarkshire team').executeTakeFirstOrThrow()).id;
    const filtered = await textOf(manager, `/staff?teamId=${lanark}`);
    expect(filtered).toContain('Lanark Coach');
    expect(filtered).not.toContain('Morag Campbell');
    const bad = await manager.get('/staff?teamId=nonsense');
    expect(bad.statusCode).toBe(400);
    expect(errorSummary(bad.body)).toEqual(['Select a team from the list']);
  });
});

describe('what expires soon', () => {
  it('lists expired and expiring checks of what is current, for the leader’s team or for administrators everyone', async () => {
    const leaderId = (await demoUser(test, 'team_leader')).id;
    await buildClearance(test, { userId: leaderId, clearedOn: daysAgo(700), expiresOn: daysAgo(300) });
    await buildClearance(test, { userId: leaderId, clearedOn: daysAgo(100), expiresOn: daysAhead(400) });
    await buildTraining(test, { userId: leaderId, course: 'First aid', completedOn: daysAgo(1000), expiresOn: daysAgo(5) });
    await buildVetting(test, { userId: otherTeamWorkerId, issuedOn: daysAgo(1200), renewBy: daysAhead(10), reference: 'LANARK-1' });
    const own = await textOf(leader, '/staff/expiring');
    expect(own).toMatch(/Callum Reid Glasgow team Training: First aid Expired/);
    expect(own).not.toContain('Clearance for Barlinnie');
    expect(own).not.toContain('Lanark Coach');
    const everyone = await textOf(admin, '/staff/expiring');
    expect(everyone).toContain('Callum Reid Glasgow team Training: First aid');
    expect(everyone).toMatch(/Lanark Coach Lanarkshire team Vetting: PVG scheme membership Expires soon/);
    expect((await manager.get('/staff/expiring')).statusCode).toBe(403);
    expect((await leader.get('/')).body).toContain('href="/staff/expiring"');
  });

  it('counts them on the home pages of team leaders and administrators, as many as the list has', async () => {
    const listed = async (browser: Browser) => Number(/(\d+) checks? expired or expiring soon/.exec(await textOf(browser, '/staff/expiring'))?.[1]);
    const before = await listed(leader);
    expect(before).toBeGreaterThan(0);
    const counted = async (browser: Browser, link: string) => Number(new RegExp(`${link} expiring\\s*: (\\d+) expired or expiring`).exec(await textOf(browser, '/'))?.[1]);
    expect(await counted(leader, 'Your team’s vetting, clearances and training')).toBe(before);
    await buildTraining(test, { userId: coachId, course: 'Suicide prevention', completedOn: daysAgo(700), expiresOn: daysAhead(5) });
    expect(await counted(leader, 'Your team’s vetting, clearances and training')).toBe(before + 1);
    expect(await counted(admin, 'Staff vetting, clearances and training')).toBe(await listed(admin));
    expect(await textOf(coach, '/')).not.toContain('expired or expiring');
  });
});

describe('the clearance warning on assignment', () => {
  it('warns, after saving, when the worker’s clearance for the sign-up’s prison has expired; says nothing when none is recorded', async () => {
    const person = await buildPerson(test, { teamName: 'Glasgow team' });
    const episode = await buildEpisode(test, { personId: person.id, signed_up_on: daysAgo(20), prisonName: 'Barlinnie' });
    const url = `/people/${person.id}/sign-ups/${episode.id}/allocation`;
    const unrecorded = await leader.post(url, { prisonCoachId: coachId, version: String(episode.version) });
    expect(unrecorded.statusCode).toBe(302);
    expect(await banner(leader, unrecorded.headers.location)).not.toContain('clearance');
    const community = await demoUser(test, 'community_life_coach');
    await buildClearance(test, { userId: community.id, clearedOn: daysAgo(400), expiresOn: daysAgo(3) });
    const saved = await leader.post(url, { prisonCoachId: coachId, communityCoachId: community.id, version: String(episode.version + 1) });
    expect(saved.statusCode).toBe(302);
    expect(await banner(leader, saved.headers.location)).toContain(`Allocation saved. Note: Jamie Docherty’s clearance for Barlinnie expired on`);
    expect((await db().selectFrom('assignment').select('worker_id').where('episode_id', '=', episode.id).where('to_on', 'is', null).execute()).map((a) => a.worker_id)).toContain(community.id);
  });

  it('warns on the team caseload’s move too, and not once the clearance is renewed', async () => {
    const community = await demoUser(test, 'community_life_coach');
    const person = await buildPerson(test, { teamName: 'Glasgow team' });
    const episode = await buildEpisode(test, { personId: person.id, signed_up_on: daysAgo(20), prisonName: 'Barlinnie' });
    const moved = await leader.post('/team/caseload/move', { episodes: `${episode.id}:${episode.version}`, workerId: community.id });
    expect(moved.statusCode).toBe(302);
    expect(await banner(leader, moved.headers.location)).toMatch(/1 client moved to Jamie Docherty\. Note: Jamie Docherty’s clearance for Barlinnie expired on/);
    await buildClearance(test, { userId: community.id, clearedOn: daysAgo(1), expiresOn: daysAhead(300) });
    const again = await db().selectFrom('episode').select('version').where('id', '=', episode.id).executeTakeFirstOrThrow();
    const renewed = await leader.post('/team/caseload/move', { episodes: `${episode.id}:${again.version}`, workerId: community.id });
    expect(await banner(leader, renewed.headers.location)).not.toContain('clearance');
  });

  it('warns in the API’s answer to an allocation, which is saved all the same; no answer body without a warning', async () => {
    const relief = await buildUser(test, { role: 'community_life_coach', teamName: 'Glasgow team', email: 'relief.coach@roop.example', name: 'Relief Coach' });
    await buildClearance(test, { userId: relief.id, clearedOn: daysAgo(500), expiresOn: daysAgo(1) });
    const person = await buildPerson(test, { teamName: 'Glasgow team' });
    const episode = await buildEpisode(test, { personId: person.id, signed_up_on: daysAgo(20), prisonName: 'Barlinnie' });
    const headers = await apiHeadersAs(test, (await demoUser(test, 'team_leader')).id);
    const put = (payload: Record<string, unknown>) => test.app.inject({ method: 'PUT', url: `/api/v1/people/${person.id}/sign-ups/${episode.id}/allocation`, headers, payload });
    const unrecorded = await put({ prisonCoachId: coachId, version: episode.version });
    expect(unrecorded.statusCode).toBe(204);
    const warned = await put({ prisonCoachId: coachId, communityCoachId: relief.id, version: episode.version + 1 });
    expect(warned.statusCode).toBe(200);
    expect(warned.json().warnings).toEqual([expect.stringMatching(/^Relief Coach’s clearance for Barlinnie expired on \d{1,2} \w+ \d{4}$/)]);
    const read = (await auditRows(test, warned.headers['x-request-id'])).filter((event) => event.record_type === 'prison-clearance');
    expect(read.map((event) => event.detail)).toEqual([{ view: 'allocation-warning', userIds: [relief.id] }]);
    expect((await db().selectFrom('assignment').select('worker_id').where('episode_id', '=', episode.id).where('to_on', 'is', null).execute()).map((a) => a.worker_id)).toContain(relief.id);
  });
});
