import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageText } from '../support/families.ts';
import { programmeId } from '../support/journey.ts';
import { buildClearance, buildTraining, buildVetting } from '../support/staff.ts';
import { auditRows, buildTestApp, decodeEntities, demoUser, sessionAs, type TestApp } from '../support/test-app.ts';

let test: TestApp;
let coachId = '';

beforeAll(async () => {
  test = await buildTestApp();
  const db = test.database.db;
  coachId = (await demoUser(test, 'prison_life_coach')).id;
  const leaderId = (await demoUser(test, 'team_leader')).id;
  await db
    .insertInto('supervision')
    .values({ programme_id: await programmeId(test), supervisee_id: coachId, supervisor_id: leaderId, held_on: '2026-10-01', wellbeing: 'some_concerns', wellbeing_note: 'Finding the gate mornings hard', caseload_discussed: true })
    .execute();
  await db.insertInto('staff_lived_experience').values({ programme_id: await programmeId(test), user_id: coachId, experience: ['custody'], note: 'Served four years' }).execute();
  const vetting = await buildVetting(test, { userId: coachId, issuedOn: '2025-01-10', renewBy: '2028-01-10', reference: 'PVG-777' });
  await db.updateTable('staff_vetting').set({ entered_in_error_at: new Date(), entered_in_error_reason: 'Wrong worker' }).where('id', '=', vetting.id).execute();
  await buildClearance(test, { userId: coachId, clearedOn: '2026-01-10', expiresOn: '2027-01-10' });
  await buildTraining(test, { userId: coachId, course: 'Motivational interviewing', completedOn: '2026-02-01', expiresOn: null });
}, 120_000);
afterAll(async () => test.close());

describe('subject access for a member of staff', () => {
  it('holds everything on them as staff, those in error included, and is audited as an export', async () => {
    const admin = await sessionAs(test, 'administrator');
    const user = await admin.get(`/admin/users/${coachId}`);
    expect(user.body).toContain(`href="/admin/staff/${coachId}/subject-access"`);
    const page = await admin.get(`/admin/staff/${coachId}/subject-access`);
    expect(page.statusCode).toBe(200);
    const text = decodeEntities(pageText(page.body));
    expect(text).toContain('Email address prison.coach@roop.example');
    expect(text).toMatch(/1 October 2026 with Callum Reid .* Some concerns About wellbeing Finding the gate mornings hard/);
    expect(text).toContain('Lived experience of Time in custody In their words Served four years');
    expect(text).toContain('PVG scheme membership PVG-777: issued 10 January 2025, renew by 10 January 2028 (entered in error: Wrong worker)');
    expect(text).toContain('Barlinnie: cleared 10 January 2026, expires 10 January 2027');
    expect(text).toContain('Motivational interviewing: completed 1 February 2026');
    expect(await auditRows(test, page.headers['x-request-id'])).toMatchObject([{ action: 'export', record_type: 'user', record_id: coachId, detail: { subjectAccess: 'page', staff: true } }]);
    const json = await admin.get(`/admin/staff/${coachId}/subject-access.json`);
    expect(json.headers['content-disposition']).toContain('attachment');
    const found = JSON.parse(json.body);
    expect(found.supervision[0]).toMatchObject({ wellbeing: 'some_concerns', supervisor: 'Callum Reid' });
    expect(found.livedExperience).toMatchObject({ experience: ['custody'], note: 'Served four years' });
    expect(found.account).not.toHaveProperty('passwordHash');
    expect(JSON.stringify(found)).not.toContain('password');
  });

  it('says who looked at their supervision and staff record, and of a list only how many others it named', async () => {
    const leader = await sessionAs(test, 'team_leader');
    expect((await leader.get(`/staff/${coachId}/supervision`)).statusCode).toBe(200);
    expect((await leader.get('/supervision')).statusCode).toBe(200);
    const manager = await sessionAs(test, 'manager');
    expect((await manager.get(`/staff/${coachId}`)).statusCode).toBe(200);
    const found = JSON.parse((await (await sessionAs(test, 'administrator')).get(`/admin/staff/${coachId}/subject-access.json`)).body);
    const trail = found.auditTrail as { who: string; action: string; recordType: string; detail: Record<string, unknown> | null }[];
    expect(trail).toContainEqual(expect.objectContaining({ who: 'Callum Reid', action: 'list', recordType: 'supervision', detail: expect.objectContaining({ superviseeId: coachId }) }));
    expect(trail).toContainEqual(expect.objectContaining({ who: 'Fiona MacLeod', action: 'read', recordType: 'staff' }));
    expect(trail).toContainEqual(expect.objectContaining({ who: 'Fiona MacLeod', action: 'read', recordType: 'lived-experience' }));
    expect(trail).toContainEqual(expect.objectContaining({ who: 'Callum Reid', action: 'list', detail: { view: 'due', peopleListed: 4 } }));
    expect(JSON.stringify(trail)).not.toContain((await demoUser(test, 'community_life_coach')).id);
    expect(trail.every((event) => event.recordType !== 'person')).toBe(true);
  });

  it('is for administrators only, and a user of no programme’s staff is not found', async () => {
    for (const role of ['manager', 'team_leader', 'prison_life_coach'] as const) expect((await (await sessionAs(test, role)).get(`/admin/staff/${coachId}/subject-access`)).statusCode).toBe(403);
    const admin = await sessionAs(test, 'administrator');
    expect((await admin.get('/admin/staff/00000000-0000-4000-8000-000000000000/subject-access')).statusCode).toBe(404);
  });
});
