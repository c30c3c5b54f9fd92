import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildContact, buildEpisode, buildPerson, programmeId } from '../support/journey.ts';
import { buildReferralScene, referralInput } from '../support/referrals.ts';
import { makeReferral, recordAgencyStep } from '../../src/modules/referrals/service.ts';
import { auditRows, buildTestApp, decodeEntities, demoUser, errorSummary, sessionAs, type TestApp } from '../support/test-app.ts';

/** A subject-access request: everything held on one person, and who looked at their record. */
let test: TestApp;
let personId: string;
let otherId: string;

beforeAll(async () => {
  test = await buildTestApp();
  const db = test.database.db;
  const programme = await programmeId(test);
  const leader = await demoUser(test, 'team_leader');
  const person = await buildPerson(test, {
    first_name: 'Zebedee',
    last_name: 'Quarterfield',
    prisonNumber: 'Q123456',
    aliases: [['Zeb', 'Quarters']],
    phone: '07700 900461',
    address: '3 Heron Row',
  });
  personId = person.id;
  const episode = await buildEpisode(test, {
    personId,
    signed_up_on: '2010-01-04',
    liberated_on: '2010-02-01',
    gate_status: 'met',
    gate_notes: 'Met at the gate with his sister',
    workers: { community_life_coach: leader.id },
  });
  await buildContact(test, { episodeId: episode.id, contactOn: '2010-02-03', notes: 'Talked about the flat on Elm Row', worker_id: leader.id });
  const need = await db
    .insertInto('need')
    .values({ programme_id: programme, episode_id: episode.id, domain: 'accommodation', notes: 'Sofa surfing' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('need_status_change')
    .values({ programme_id: programme, need_id: need.id, status: 'in_progress', changed_by: leader.id, note: 'Housing officer called' })
    .execute();
  await db
    .insertInto('plan_action')
    .values({
      programme_id: programme,
      episode_id: episode.id,
      domain: 'accommodation',
      goal: 'A tenancy',
      action: 'Apply to the council',
      owner_text: null,
      due_on: null,
      created_by: leader.id,
    })
    .execute();
  await db
    .insertInto('outcome')
    .values({ programme_id: programme, episode_id: episode.id, outcome_type: 'accommodation', achieved_on: '2010-05-01', detail: 'Keys to a flat in Leith' })
    .execute();
  await db.insertInto('custody_return').values({ programme_id: programme, person_id: personId, admitted_on: null, checked_on: '2011-02-01' }).execute();
  otherId = (await buildPerson(test, { first_name: 'Other', last_name: 'Person' })).id;

  // Work that leaves a trail: the team leader reads the record, and downloads a search that finds both people.
  const browser = await sessionAs(test, 'team_leader');
  expect((await browser.get(`/people/${personId}`)).statusCode).toBe(200);
  expect((await browser.get('/people.csv?q=Quarterfield')).statusCode).toBe(200);
});
afterAll(() => test.close());

describe('a subject-access request', () => {
  it('shows everything held on the person, contact notes included, and who looked at the record', async () => {
    const admin = await sessionAs(test, 'administrator');
    const page = await admin.get(`/people/${personId}/subject-access`);
    expect(page.statusCode).toBe(200);
    const text = decodeEntities(page.body);
    for (const held of [
      'Zebedee Quarterfield',
      'Zeb Quarters',
      'Q123456',
      '07700 900461',
      '3 Heron Row',
      'Met at the gate with his sister',
      'Talked about the flat on Elm Row',
      'Sofa surfing',
      'Housing officer called',
      'Apply to the council',
      'Keys to a flat in Leith',
      'no return to custody',
    ]) {
      expect(text, held).toContain(held);
    }
    expect(text).toContain('Who looked at or changed this record');
    expect(text).toContain((await demoUser(test, 'team_leader')).display_name);
    expect(text).not.toContain(otherId);
    expect(await auditRows(test, page.headers['x-request-id'])).toMatchObject([
      { action: 'export', record_type: 'person', record_id: personId, detail: { subjectAccess: 'page' } },
    ]);
  });

  it('gives the same as a JSON download, with the audit trail of every read and list that named them', async () => {
    const admin = await sessionAs(test, 'administrator');
    const response = await admin.get(`/people/${personId}/subject-access.json`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="subject-access-.*\.json"$/);
    const json = JSON.parse(response.body);
    expect(json.person).toMatchObject({ firstName: 'Zebedee', lastName: 'Quarterfield', phone: '07700 900461' });
    expect(json.names.map((n: { firstName: string }) => n.firstName)).toEqual(expect.arrayContaining(['Zebedee', 'Zeb']));
    expect(json.prisonNumbers).toMatchObject([{ number: 'Q123456' }]);
    expect(json.signUps[0].contacts[0].notes).toBe('Talked about the flat on Elm Row');
    expect(json.signUps[0].needs[0].history[0]).toMatchObject({ status: 'in_progress', note: 'Housing officer called' });
    expect(json.signUps[0].outcomes[0]).toMatchObject({ outcomeType: 'accommodation', detail: 'Keys to a flat in Leith' });
    const leader = await demoUser(test, 'team_leader');
    const trail = json.auditTrail as { who: string; action: string; recordType: string; detail: Record<string, unknown> | null }[];
    expect(trail).toContainEqual(expect.objectContaining({ who: leader.display_name, action: 'read', recordType: 'person' }));
    expect(trail).toContainEqual(
      expect.objectContaining({ who: leader.display_name, action: 'export', detail: expect.objectContaining({ list: 'search', peopleListed: 1 }) }),
    );
    expect(trail.filter((event) => event.detail?.subjectAccess)).toHaveLength(2);
    expect(response.body).not.toContain(otherId);
    expect(await auditRows(test, response.headers['x-request-id'])).toMatchObject([
      { action: 'export', record_id: personId, detail: { subjectAccess: 'json' } },
    ]);
  });

  it('starts from finding the person anywhere in the programme, by name, prison number or date of birth', async () => {
    const admin = await sessionAs(test, 'administrator');
    for (const q of ['zebedee quarterfeild', 'Q123456']) {
      const found = await admin.get(`/admin/subject-access?q=${encodeURIComponent(q)}`);
      expect(found.statusCode, q).toBe(200);
      expect(found.body, q).toContain(`<a class="govuk-link" href="/people/${personId}/subject-access">Zebedee Quarterfield</a>`);
    }
    const none = await admin.get('/admin/subject-access?q=Nobody%20Atall');
    expect(none.body).toContain('No one in the programme matches');
    const tooLong = await admin.get(`/admin/subject-access?q=${'x'.repeat(101)}`);
    expect(tooLong.statusCode).toBe(400);
    expect(errorSummary(tooLong.body)).toEqual(['Search for 100 characters or fewer']);
    expect((await (await sessionAs(test, 'team_leader')).get('/admin/subject-access?q=Q123456')).statusCode).toBe(403);
  });

  it('is for administrators only', async () => {
    for (const role of ['team_leader', 'community_life_coach', 'manager', 'analyst'] as const) {
      const browser = await sessionAs(test, role);
      expect((await browser.get(`/people/${personId}/subject-access`)).statusCode, role).toBe(403);
      expect((await browser.get(`/people/${personId}/subject-access.json`)).statusCode, role).toBe(403);
    }
  });

  it('finds no person of another programme, or one merged away', async () => {
    const admin = await sessionAs(test, 'administrator');
    const other = await test.database.db.insertInto('programme').values({ slug: 'elsewhere', name: 'Elsewhere' }).returning('id').executeTakeFirstOrThrow();
    const stranger = await buildPerson(test, { programme_id: other.id, team_id: null, gender: null });
    expect((await admin.get(`/people/${stranger.id}/subject-access`)).statusCode).toBe(404);
    await test.database.db.updateTable('person').set({ merged_into: personId }).where('id', '=', otherId).execute();
    expect((await admin.get(`/people/${otherId}/subject-access.json`)).statusCode).toBe(404);
  });

  it('holds the person’s referrals with every step, and who read them', async () => {
    const scene = await buildReferralScene(test);
    const ids = { personId: scene.person.id, episodeId: scene.episode.id };
    const referralId = await makeReferral({ ctx: scene.coachCtx, ...ids, input: referralInput(scene.serviceId, { reason: 'Housing before release day' }) });
    await recordAgencyStep({
      ctx: scene.agency.ctx,
      referralId,
      version: 1,
      step: 'declined',
      input: { happenedOn: '2026-02-03', declineReason: 'no_capacity', note: 'Full until spring' },
    });
    const coach = await sessionAs(test, 'prison_life_coach');
    expect((await coach.get(`/people/${ids.personId}/sign-ups/${ids.episodeId}/referrals/${referralId}`)).statusCode).toBe(200);
    const admin = await sessionAs(test, 'administrator');
    const page = decodeEntities((await admin.get(`/people/${ids.personId}/subject-access`)).body);
    expect(page).toContain('Referral about accommodation: Declined');
    expect(page).toContain('Housing before release day');
    expect(page).toContain('3 February 2026: Declined (by the agency): Full until spring');
    const json = (await admin.get(`/people/${ids.personId}/subject-access.json`)).json() as {
      signUps: { referrals: { id: string; steps: { title: string }[] }[] }[];
      auditTrail: { recordType: string; action: string }[];
    };
    expect(json.signUps[0]?.referrals.map((r) => [r.id, r.steps.map((step) => step.title)])).toEqual([[referralId, ['Referral sent', 'Declined']]]);
    expect(json.auditTrail.filter((event) => event.recordType === 'referral').map((event) => event.action)).toEqual(['create', 'update', 'read']);
  });

  it('holds the families the person is linked to (not the families’ members), and a co-ordinator’s reading of the family', async () => {
    const db = test.database.db;
    const programme = await programmeId(test);
    const coordinator = await demoUser(test, 'family_support_coordinator');
    const family = await db
      .insertInto('family')
      .values({ programme_id: programme, name: 'Quarterfield family', team_id: coordinator.team_id ?? '', coordinator_id: coordinator.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('family_member')
      .values({ programme_id: programme, family_id: family.id, first_name: 'Marigold', relationship: 'partner', age_group: 'adult' })
      .execute();
    await db.insertInto('family_client').values({ programme_id: programme, family_id: family.id, person_id: personId, linked_on: '2010-03-01' }).execute();
    expect((await (await sessionAs(test, 'family_support_coordinator')).get(`/families/${family.id}`)).statusCode).toBe(200);
    const admin = await sessionAs(test, 'administrator');
    const page = decodeEntities((await admin.get(`/people/${personId}/subject-access`)).body);
    expect(page).toContain('Linked to the family “Quarterfield family” on 1 March 2010');
    expect(page).not.toContain('Marigold');
    const json = (await admin.get(`/people/${personId}/subject-access.json`)).json() as {
      families: { family: string }[];
      auditTrail: { recordType: string; who: string }[];
    };
    expect(json.families.map((linked) => linked.family)).toEqual(['Quarterfield family']);
    expect(json.auditTrail.filter((event) => event.recordType === 'family').map((event) => event.who)).toEqual([coordinator.display_name]);
  });
});
