import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFamily, buildUser, postForm } from '../support/families.ts';
import { buildContact, buildEpisode, buildPerson, programmeId, userIdByEmail } from '../support/journey.ts';
import { buildTestApp, decodeEntities, demoUser, errorSummary, sessionAs, sessionFor, type Browser, type TestApp } from '../support/test-app.ts';

/**
 * A list entry taken out of use (a contact type, a gender, a kind of disclosure, a local authority,
 * a need, a family relationship) stays on the records that hold it: correcting such a record shows
 * the entry, chosen and marked "no longer in use", and saves without having to change it; a new
 * record cannot choose it. So does a worker whose account is closed, on the sign-ups they work.
 */
let test: TestApp;
let admin: Browser;
beforeAll(async () => {
  test = await buildTestApp();
  admin = await sessionAs(test, 'administrator');
});
afterAll(() => test?.close());

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const dateParts = (name: string, iso: string) => {
  const [year, month, dayOfMonth] = iso.split('-');
  return { [`${name}-day`]: String(Number(dayOfMonth)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year ?? '' };
};
/** The option of a select with this value, as the page has it. */
const option = (html: string, value: string) => decodeEntities(html.match(new RegExp(`<option value="${value}"[^>]*>[^<]*</option>`))?.[0] ?? '');

/** Takes an entry of a configurable list out of use, as an administrator does. */
async function takeOutOfUse(list: string, code: string): Promise<string> {
  const entry = await test.database.db
    .selectFrom('choice')
    .select(['id', 'label', 'sort_order', 'version'])
    .where('list', '=', list as never)
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  const saved = await admin.post(`/admin/settings/lists/${list}/${entry.id}`, {
    label: entry.label,
    sortOrder: String(entry.sort_order),
    version: String(entry.version),
  });
  expect(saved.statusCode).toBe(302);
  return entry.label;
}

/** The community coach, signed in, and a client of theirs liberated from a sign-up. */
async function coachWithSignUp() {
  const coachId = await userIdByEmail(test, 'community.coach@roop.example');
  const person = await buildPerson(test);
  const episode = await buildEpisode(test, { personId: person.id, signed_up_on: day(-30), liberated_on: day(-20), workers: { community_life_coach: coachId } });
  return { coachId, coach: await sessionFor(test, coachId), person, episode };
}

describe('a list entry taken out of use', () => {
  it('stays on a contact that is corrected, and cannot be chosen for a new one', async () => {
    const { coachId, coach, person, episode } = await coachWithSignUp();
    const contact = await buildContact(test, {
      episodeId: episode.id,
      contactOn: day(-3),
      contact_type: 'phone',
      notes: 'Rang about the flat',
      created_by: coachId,
      worker_id: coachId,
    });
    const label = await takeOutOfUse('contact_type', 'phone');
    const url = `/people/${person.id}/sign-ups/${episode.id}/contacts/${contact.id}`;

    const form = (await coach.get(url)).body;
    expect(option(form, 'phone')).toBe(`<option value="phone" selected>${label} (no longer in use)</option>`);
    const saved = await coach.post(url, {
      ...dateParts('contactOn', day(-3)),
      contactType: 'phone',
      outcome: 'happened',
      notes: 'Rang about the flat and the rent',
      version: '1',
    });
    expect(saved.statusCode).toBe(302);
    const row = await test.database.db
      .selectFrom('contact')
      .select(['contact_type', 'notes', 'version'])
      .where('id', '=', contact.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ contact_type: 'phone', notes: 'Rang about the flat and the rent', version: 2 });

    const newForm = (await coach.get(`/people/${person.id}/sign-ups/${episode.id}/contacts`)).body;
    expect(option(newForm, 'phone')).toBe('');
    const refused = await coach.post(`/people/${person.id}/sign-ups/${episode.id}/contacts`, {
      ...dateParts('contactOn', day(-1)),
      contactType: 'phone',
      outcome: 'happened',
    });
    expect(errorSummary(refused.body)).toEqual(['Select the type of contact']);
    // Nor can a correction move another contact onto it.
    const other = await buildContact(test, {
      episodeId: episode.id,
      contactOn: day(-2),
      contact_type: 'face_to_face',
      created_by: coachId,
      worker_id: coachId,
    });
    const moved = await coach.post(`/people/${person.id}/sign-ups/${episode.id}/contacts/${other.id}`, {
      ...dateParts('contactOn', day(-2)),
      contactType: 'phone',
      outcome: 'happened',
      version: '1',
    });
    expect(errorSummary(moved.body)).toEqual(['Select the type of contact']);
  });

  it('stays on a person whose details are changed: their gender and local authority are not lost', async () => {
    const localAuthority = await test.database.db.selectFrom('local_authority').select(['id', 'name']).orderBy('name').executeTakeFirstOrThrow();
    const person = await buildPerson(test, { gender: 'female', local_authority_id: localAuthority.id });
    const label = await takeOutOfUse('gender', 'female');
    await test.database.db.updateTable('local_authority').set({ active: false }).where('id', '=', localAuthority.id).execute();
    const coach = await sessionAs(test, 'prison_life_coach');

    const form = (await coach.get(`/people/${person.id}/edit`)).body;
    expect(option(form, 'female')).toBe(`<option value="female" selected>${label} (no longer in use)</option>`);
    expect(option(form, localAuthority.id)).toBe(`<option value="${localAuthority.id}" selected>${localAuthority.name} (no longer in use)</option>`);
    const hidden = (name: string) => form.match(new RegExp(`name="${name}" value="([^"]*)"`))?.[1] ?? '';
    const saved = await coach.post(`/people/${person.id}`, {
      firstName: person.first_name,
      lastName: person.last_name,
      ...dateParts('dateOfBirth', person.date_of_birth ?? ''),
      gender: 'female',
      localAuthorityId: localAuthority.id,
      phone: '0141 496 0000',
      email: '',
      address: '',
      riskNote: '',
      version: hidden('version'),
      original: hidden('original'),
    });
    expect(saved.statusCode).toBe(302);
    const row = await test.database.db
      .selectFrom('person')
      .select(['gender', 'local_authority_id', 'phone'])
      .where('id', '=', person.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ gender: 'female', local_authority_id: localAuthority.id, phone: '0141 496 0000' });
    // A new person's form does not offer them.
    const newForm = (await coach.get('/people/new')).body;
    expect(option(newForm, 'female')).toBe('');
    expect(option(newForm, localAuthority.id)).toBe('');
  });

  it('stays on a worker’s vetting check that is corrected', async () => {
    const coachId = await userIdByEmail(test, 'community.coach@roop.example');
    const added = await admin.post(`/staff/${coachId}/vetting/new`, {
      disclosureType: 'pvg',
      reference: 'PVG-777',
      ...dateParts('issuedOn', day(-400)),
      ...dateParts('renewBy', day(30)),
    });
    expect(added.statusCode).toBe(302);
    const vetting = await test.database.db.selectFrom('staff_vetting').select(['id', 'version']).where('reference', '=', 'PVG-777').executeTakeFirstOrThrow();
    const label = await takeOutOfUse('disclosure_type', 'pvg');
    const url = `/staff/${coachId}/vetting/${vetting.id}`;
    expect(option((await admin.get(url)).body, 'pvg')).toBe(`<option value="pvg" selected>${label} (no longer in use)</option>`);
    const saved = await admin.post(url, {
      disclosureType: 'pvg',
      reference: 'PVG-778',
      ...dateParts('issuedOn', day(-400)),
      ...dateParts('renewBy', day(30)),
      version: String(vetting.version),
    });
    expect(saved.statusCode).toBe(302);
    const row = await test.database.db
      .selectFrom('staff_vetting')
      .select(['disclosure_type', 'reference'])
      .where('id', '=', vetting.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ disclosure_type: 'pvg', reference: 'PVG-778' });
    const refused = await admin.post(`/staff/${coachId}/vetting/new`, {
      disclosureType: 'pvg',
      reference: 'PVG-779',
      ...dateParts('issuedOn', day(-10)),
      ...dateParts('renewBy', day(300)),
    });
    expect(errorSummary(refused.body)).toEqual(['Select the type of disclosure from the list']);
  });

  it('stays on a plan action whose goal is corrected', async () => {
    const { coachId, coach, person, episode } = await coachWithSignUp();
    const action = await test.database.db
      .insertInto('plan_action')
      .values({
        programme_id: await programmeId(test),
        episode_id: episode.id,
        domain: 'addiction',
        goal: 'Cut down',
        action: 'See the drugs worker',
        created_by: coachId,
      })
      .returning(['id', 'version'])
      .executeTakeFirstOrThrow();
    const label = await takeOutOfUse('need_domain', 'addiction');
    const url = `/people/${person.id}/sign-ups/${episode.id}/actions/${action.id}`;
    expect(option((await coach.get(url)).body, 'addiction')).toBe(`<option value="addiction" selected>${label} (no longer in use)</option>`);
    const saved = await coach.post(url, {
      domain: 'addiction',
      goal: 'Stop',
      action: 'See the drugs worker weekly',
      ownerText: '',
      version: String(action.version),
    });
    expect(saved.statusCode).toBe(302);
    expect(await test.database.db.selectFrom('plan_action').select(['domain', 'goal']).where('id', '=', action.id).executeTakeFirstOrThrow()).toEqual({
      domain: 'addiction',
      goal: 'Stop',
    });
  });

  it('stays on a family member whose details are corrected', async () => {
    const coordinator = await demoUser(test, 'family_support_coordinator');
    const family = await buildFamily(test, { name: 'Lister family', coordinator_id: coordinator.id });
    const member = await test.database.db
      .insertInto('family_member')
      .values({ programme_id: family.programme_id, family_id: family.id, first_name: 'Ros', relationship: 'grandparent', age_group: 'adult' })
      .returning(['id', 'version'])
      .executeTakeFirstOrThrow();
    const label = await takeOutOfUse('family_relationship', 'grandparent');
    const session = await sessionFor(test, coordinator.id);
    const url = `/families/${family.id}/members/${member.id}`;
    expect(option((await session.get(url)).body, 'grandparent')).toBe(`<option value="grandparent" selected>${label} (no longer in use)</option>`);
    const saved = await session.post(url, { firstName: 'Rosalind', relationship: 'grandparent', ageGroup: 'adult', version: String(member.version) });
    expect(saved.statusCode).toBe(302);
    expect(
      await test.database.db.selectFrom('family_member').select(['first_name', 'relationship']).where('id', '=', member.id).executeTakeFirstOrThrow(),
    ).toEqual({
      first_name: 'Rosalind',
      relationship: 'grandparent',
    });
  });
  it('stays on a sign-up’s needs: a review carries the need on rather than ending it', async () => {
    const { coach, person, episode } = await coachWithSignUp();
    const url = `/people/${person.id}/sign-ups/${episode.id}/needs`;
    /** The needs form: finance and health both needs, with these statuses. */
    const assessment = (daysAgo: number, finance: string, health: string) => ({
      ...dateParts('assessedOn', day(-daysAgo)),
      'need-finance': 'yes',
      'status-finance': finance,
      'need-health': 'yes',
      'status-health': health,
    });
    const first = await coach.post(url, assessment(15, 'not_started', 'in_progress'));
    expect(first.statusCode).toBe(302);
    const label = await takeOutOfUse('need_domain', 'finance');

    const form = (await coach.get(url)).body;
    expect(decodeEntities(form)).toContain(`${label} (no longer in use)`);
    expect(form).toMatch(/name="need-finance" type="checkbox" value="yes" checked/);
    const review = await coach.post(url, assessment(1, 'in_progress', 'met'));
    expect(review.statusCode).toBe(302);
    const needs = await test.database.db
      .selectFrom('need')
      .select(['domain', 'identified', 'status'])
      .where('episode_id', '=', episode.id)
      .orderBy('domain')
      .execute();
    expect(needs).toEqual([
      { domain: 'finance', identified: true, status: 'in_progress' },
      { domain: 'health', identified: true, status: 'met' },
    ]);
    // Another sign-up's first assessment is not offered the need.
    const other = await coachWithSignUp();
    expect((await other.coach.get(`/people/${other.person.id}/sign-ups/${other.episode.id}/needs`)).body).not.toContain('name="need-finance"');
  });
  it('stays among an agency service’s needs when the service is changed', async () => {
    const leader = await sessionAs(test, 'team_leader');
    const organisation = await leader.post('/agencies/organisations/new', { name: 'Learning Works', active: 'yes' });
    const base = organisation.headers.location ?? '';
    const service = { name: 'Reading support', status: 'active', ...dateParts('lastCheckedOn', day(-10)) };
    expect((await postForm(test, leader, `${base}/services/new`, { ...service, needDomains: ['education', 'employability'] })).statusCode).toBe(302);
    const { id } = await test.database.db.selectFrom('agency_service').select('id').where('name', '=', 'Reading support').executeTakeFirstOrThrow();
    const label = await takeOutOfUse('need_domain', 'education');

    const form = (await leader.get(`${base}/services/${id}`)).body;
    expect(decodeEntities(form)).toContain(`${label} (no longer in use)`);
    expect(form).toMatch(/name="needDomains" type="checkbox" value="education" checked/);
    const saved = await postForm(test, leader, `${base}/services/${id}`, {
      ...service,
      name: 'Reading and writing support',
      needDomains: ['education', 'employability'],
      version: '1',
    });
    expect(saved.statusCode).toBe(302);
    const held = await test.database.db.selectFrom('agency_service_need_domain').select('domain').where('service_id', '=', id).orderBy('domain').execute();
    expect(held.map((row) => row.domain)).toEqual(['education', 'employability']);
    const refused = await leader.post(`${base}/services/new`, { ...service, name: 'Numeracy', needDomains: 'education' });
    expect(errorSummary(refused.body)).toEqual(['Select the needs from the list']);
  });
});

describe('a worker whose account is closed', () => {
  it('stays allocated to the sign-ups they work until a team leader changes it, and cannot be allocated anew', async () => {
    const worker = await buildUser(test, { role: 'community_life_coach', teamName: 'Glasgow team', email: 'leaver@roop.example', name: 'Lee Leaver' });
    const person = await buildPerson(test);
    const episode = await buildEpisode(test, {
      personId: person.id,
      signed_up_on: day(-30),
      liberated_on: day(-20),
      workers: { community_life_coach: worker.id },
    });
    await test.database.db.updateTable('app_user').set({ active: false }).where('id', '=', worker.id).execute();
    const leader = await sessionAs(test, 'team_leader');
    const url = `/people/${person.id}/sign-ups/${episode.id}/allocation`;

    expect(option((await leader.get(url)).body, worker.id)).toBe(`<option value="${worker.id}" selected>Lee Leaver (Glasgow team) (account closed)</option>`);
    const saved = await leader.post(url, {
      teamId: episode.team_id ?? '',
      communityCoachId: worker.id,
      reason: 'Team checked',
      version: String(episode.version),
    });
    expect(saved.statusCode).toBe(302);
    const open = await test.database.db
      .selectFrom('assignment')
      .select(['worker_id', 'to_on'])
      .where('episode_id', '=', episode.id)
      .where('part', '=', 'community_life_coach')
      .execute();
    expect(open).toEqual([{ worker_id: worker.id, to_on: null }]);

    const other = await buildEpisode(test, { personId: (await buildPerson(test)).id, signed_up_on: day(-30), liberated_on: day(-20) });
    const refused = await leader.post(`/people/${other.person_id}/sign-ups/${other.id}/allocation`, {
      teamId: other.team_id ?? '',
      communityCoachId: worker.id,
      reason: 'New client',
      version: String(other.version),
    });
    expect(errorSummary(refused.body)).toEqual(['Select someone from the list']);
  });
});
