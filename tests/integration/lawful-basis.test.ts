import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { today } from '../../src/http/date-fields.ts';
import { programmeTables } from '../../src/modules/programme-export/catalog.ts';
import { apiHeadersFor } from '../support/appointments.ts';
import { dateParts, prisonIdOf } from '../support/forms.ts';
import { confirmImport, uploadAndCheck } from '../support/imports.ts';
import { buildEpisode, buildPerson } from '../support/journey.ts';
import { privacyBody, privacyFields } from '../support/lawful-basis.ts';
import { auditRows, buildTestApp, decodeEntities, demoUser, errorSummary, sessionAs, type Browser, type TestApp } from '../support/test-app.ts';

/** Lawful basis and privacy at sign-up (issue 12, item 10). */
let test: TestApp;
let coach: Browser;
let barlinnie: string;

beforeAll(async () => {
  test = await buildTestApp();
  coach = await sessionAs(test, 'prison_life_coach');
  barlinnie = await prisonIdOf(test, 'Barlinnie');
});
afterAll(() => test.close());

const signUpForm = (overrides: Record<string, string> = {}) => ({
  prisonId: barlinnie,
  sentenceMonths: '12',
  previousSentences: '0',
  ...dateParts('signedUpOn', '2026-02-01'),
  ...overrides,
});
const episodeOf = (personId: string) => test.database.db.selectFrom('episode').selectAll().where('person_id', '=', personId).executeTakeFirst();
const workedSignUp = async (columns: Record<string, unknown> = {}) => {
  const person = await buildPerson(test);
  const episode = await buildEpisode(test, { personId: person.id, signed_up_on: '2026-01-10', workers: { prison_life_coach: (await demoUser(test, 'prison_life_coach')).id }, ...columns });
  return { person, episode, url: `/people/${person.id}/sign-ups/${episode.id}` };
};

describe('signing someone up records the privacy notice, the lawful basis and consent to share', () => {
  it('asks for them on the sign-up form, the notice dated today unless changed, the choices from the programme’s lists', async () => {
    const person = await buildPerson(test);
    const page = decodeEntities((await coach.get(`/people/${person.id}/sign-ups/new`)).body);
    expect(page).toContain('I have given them the privacy notice');
    const [year, month, day] = today('Europe/London').split('-');
    expect(page).toMatch(new RegExp(`name="privacyNoticeOn-day"[^>]*value="${Number(day)}"`));
    expect(page).toMatch(new RegExp(`name="privacyNoticeOn-month"[^>]*value="${Number(month)}"`));
    expect(page).toMatch(new RegExp(`name="privacyNoticeOn-year"[^>]*value="${year}"`));
    for (const label of ['Public task (UK GDPR Article 6(1)(e))', 'Statutory and government purposes (DPA 2018 Schedule 1, Part 2, paragraph 6)', 'Health or social care purposes (DPA 2018 Schedule 1, Part 1, paragraph 2)', 'They agree to sharing']) {
      expect(page, label).toContain(label);
    }
  });

  it('refuses a sign-up without them, with a GOV.UK message for each, and saves nothing', async () => {
    const person = await buildPerson(test);
    const response = await coach.post(`/people/${person.id}/sign-ups`, signUpForm());
    expect(response.statusCode).toBe(400);
    expect(errorSummary(response.body)).toEqual([
      'Confirm you have given them the privacy notice',
      'Enter the date you gave them the privacy notice',
      'Select the lawful basis for holding their information',
      'Select the condition for holding information about offences',
      'Select the condition for holding information about their health',
      'Select whether they agree to their information being shared with partner agencies',
    ]);
    expect(response.body).toContain('href="#lawfulBasis"');
    expect(await episodeOf(person.id)).toBeUndefined();
  });

  it('refuses a basis the programme does not offer, a made-up one, and a notice dated in the future', async () => {
    const person = await buildPerson(test);
    await test.database.db.updateTable('choice').set({ active: false }).where('list', '=', 'lawful_basis').where('code', '=', 'contract').execute();
    const page = decodeEntities((await coach.get(`/people/${person.id}/sign-ups/new`)).body);
    expect(page).not.toContain('Contract (UK GDPR Article 6(1)(b))');
    const response = await coach.post(`/people/${person.id}/sign-ups`, signUpForm({ ...privacyFields(), ...dateParts('privacyNoticeOn', '2999-01-01'), lawfulBasis: 'contract', healthDataCondition: 'astrology' }));
    expect(response.statusCode).toBe(400);
    expect(errorSummary(response.body)).toEqual([
      'Date you gave them the privacy notice must be today or in the past',
      'Select the lawful basis for holding their information',
      'Select the condition for holding information about their health',
    ]);
    expect(await episodeOf(person.id)).toBeUndefined();
  });

  it('saves them with the sign-up and shows them on its Overview', async () => {
    const person = await buildPerson(test);
    const response = await coach.post(`/people/${person.id}/sign-ups`, signUpForm(privacyFields('2026-01-28')));
    expect(response.statusCode).toBe(302);
    const episode = await episodeOf(person.id);
    expect(episode).toMatchObject({
      privacy_notice_on: '2026-01-28',
      lawful_basis: 'public_task',
      offence_data_condition: 'statutory_purposes',
      health_data_condition: 'health_social_care',
      lawful_basis_on: today('Europe/London'),
      sharing_consent: 'given',
      sharing_consent_on: '2026-01-28',
      sharing_consent_withdrawn_on: null,
    });
    const overview = decodeEntities((await coach.get(`/people/${person.id}/sign-ups/${episode?.id}`)).body);
    expect(overview).toContain('Privacy and lawful basis');
    expect(overview).toContain('28 January 2026');
    expect(overview).toContain('Public task (UK GDPR Article 6(1)(e))');
    expect(overview).toContain('They agree to sharing (28 January 2026)');
    expect(overview).not.toContain('Not recorded:');
  });
});

describe('a sign-up from before, or imported, shows its lawful basis as not recorded, never invented', () => {
  it('shows what is missing, and lets a caseworker record it', async () => {
    const { url, episode } = await workedSignUp();
    expect(episode).toMatchObject({ lawful_basis: null, privacy_notice_on: null, sharing_consent: null });
    const overview = decodeEntities((await coach.get(url)).body);
    expect(overview).toContain('Not recorded: the privacy notice, the lawful basis, the condition for offence data, the condition for health data, consent to share.');
    expect(overview).toContain(`href="${url}/privacy">Record the lawful basis`);

    const refused = await coach.post(`${url}/privacy`, { version: '1' });
    expect(refused.statusCode).toBe(400);
    expect(errorSummary(refused.body)).toContain('Select the lawful basis for holding their information');

    const saved = await coach.post(`${url}/privacy`, { ...privacyFields('2026-01-12'), lawfulBasis: 'legitimate_interests', version: '1' });
    expect(saved.statusCode).toBe(302);
    expect(await auditRows(test, saved.headers['x-request-id'])).toContainEqual(
      expect.objectContaining({ action: 'update', record_type: 'episode', record_id: episode.id }),
    );
    const after = decodeEntities((await coach.get(url)).body);
    expect(after).toContain('Legitimate interests (UK GDPR Article 6(1)(f))');
    expect(after).toContain('Not recorded: consent to share.');
  });

  it('an imported sign-up has none of them', async () => {
    const leader = await sessionAs(test, 'team_leader');
    const csv = Buffer.from('Prisoner Number,Last name,First name,Date of birth,Prison,Sentence length (mths),Sign-up date\r\nLB1,Lawfulbasis,Imogen,01/02/1980,Barlinnie,12,01/03/2015\r\n');
    const { batchId, checkPage } = await uploadAndCheck(leader, { name: 'lawful.csv', bytes: csv, kind: 'sign_ups' });
    expect(checkPage).toContain('Ready to import');
    await confirmImport(leader, batchId);
    const imported = await test.database.db.selectFrom('episode').selectAll().where('import_id', '=', batchId).executeTakeFirstOrThrow();
    expect(imported).toMatchObject({ privacy_notice_on: null, lawful_basis: null, offence_data_condition: null, health_data_condition: null, sharing_consent: null });
  });
});

describe('consent to share with partner agencies, apart from the lawful basis', () => {
  it('can be withdrawn later, with the date, keeping when it was given', async () => {
    const { url, episode } = await workedSignUp({ sharing_consent: 'given', sharing_consent_on: '2026-01-10' });
    const form = decodeEntities((await coach.get(`${url}/sharing-consent`)).body);
    expect(form).toContain('They withdraw the agreement they gave');
    const early = await coach.post(`${url}/sharing-consent`, { change: 'withdrawn', ...dateParts('changedOn', '2026-01-09'), version: '1' });
    expect(early.statusCode).toBe(400);
    expect(errorSummary(early.body)).toEqual(['The date they withdrew must be on or after 10 January 2026, when they agreed']);
    const withdrawn = await coach.post(`${url}/sharing-consent`, { change: 'withdrawn', ...dateParts('changedOn', '2026-02-03'), version: '1' });
    expect(withdrawn.statusCode).toBe(302);
    expect(await test.database.db.selectFrom('episode').selectAll().where('id', '=', episode.id).executeTakeFirstOrThrow()).toMatchObject({
      sharing_consent: 'given',
      sharing_consent_on: '2026-01-10',
      sharing_consent_withdrawn_on: '2026-02-03',
    });
    expect(decodeEntities((await coach.get(url)).body)).toContain('Agreed 10 January 2026, withdrawn 3 February 2026');
  });

  it('cannot be withdrawn when it was never given, and needs a choice and a date', async () => {
    const { url } = await workedSignUp({ sharing_consent: 'refused', sharing_consent_on: '2026-01-10' });
    expect((await coach.get(`${url}/sharing-consent`)).body).not.toContain('They withdraw the agreement they gave');
    const refused = await coach.post(`${url}/sharing-consent`, { change: 'withdrawn', ...dateParts('changedOn', '2026-02-03'), version: '1' });
    expect(errorSummary(refused.body)).toEqual(['They have not agreed to sharing, so there is no agreement to withdraw']);
    const empty = await coach.post(`${url}/sharing-consent`, { version: '1' });
    expect(errorSummary(empty.body)).toEqual(['Select what they have told you about sharing', 'Enter the date they told you']);
  });
});

describe('the sign-up API', () => {
  it('requires the privacy fields, with a problem document naming each, and returns them', async () => {
    const headers = await apiHeadersFor(test, 'prison_life_coach');
    const person = await buildPerson(test);
    const url = `/api/v1/people/${person.id}/sign-ups`;
    const base = { prisonId: barlinnie, sentenceMonths: 12, previousSentences: 0, signedUpOn: '2026-02-01' };
    const missing = await test.app.inject({ method: 'POST', url, headers, payload: base });
    expect(missing.statusCode).toBe(400);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(missing.body).toContain('Select the lawful basis for holding their information');
    const madeUp = await test.app.inject({ method: 'POST', url, headers, payload: { ...base, ...privacyBody(), lawfulBasis: 'because' } });
    expect(madeUp.statusCode).toBe(400);
    expect(await episodeOf(person.id)).toBeUndefined();

    const created = await test.app.inject({ method: 'POST', url, headers, payload: { ...base, ...privacyBody('2026-01-30'), sharingConsent: 'not_asked' } });
    expect(created.statusCode).toBe(201);
    const { id } = created.json();
    const read = await test.app.inject({ method: 'GET', url: `${url}/${id}`, headers });
    expect(read.json().lawfulBasis).toMatchObject({
      privacyNoticeOn: '2026-01-30',
      lawfulBasis: 'public_task',
      lawfulBasisLabel: 'Public task (UK GDPR Article 6(1)(e))',
      sharingConsent: 'not_asked',
      sharingConsentOn: null,
      missing: [],
    });
  });

  it('records a change of consent, and refuses a withdrawal of consent never given', async () => {
    const headers = await apiHeadersFor(test, 'prison_life_coach');
    const { person, episode } = await workedSignUp();
    const url = `/api/v1/people/${person.id}/sign-ups/${episode.id}/sharing-consent`;
    const refused = await test.app.inject({ method: 'PUT', url, headers, payload: { change: 'withdrawn', changedOn: '2026-02-01', version: 1 } });
    expect(refused.statusCode).toBe(400);
    const given = await test.app.inject({ method: 'PUT', url, headers, payload: { change: 'given', changedOn: '2026-02-01', version: 1 } });
    expect(given.statusCode).toBe(204);
    const basis = await test.app.inject({
      method: 'PUT',
      url: `/api/v1/people/${person.id}/sign-ups/${episode.id}/lawful-basis`,
      headers,
      payload: { privacyNoticeOn: '2026-01-11', lawfulBasis: 'public_task', offenceDataCondition: 'preventing_crime', healthDataCondition: 'safeguarding', version: 2 },
    });
    expect(basis.statusCode).toBe(204);
    const read = await test.app.inject({ method: 'GET', url: `/api/v1/people/${person.id}/sign-ups/${episode.id}`, headers });
    expect(read.json().lawfulBasis).toMatchObject({ sharingConsent: 'given', sharingConsentOn: '2026-02-01', offenceDataCondition: 'preventing_crime', missing: [] });
  });
});

describe('where the lawful basis is shown and kept', () => {
  it('is in the person’s subject access', async () => {
    const { person } = await workedSignUp({ privacy_notice_on: '2026-01-10', lawful_basis: 'public_task', lawful_basis_on: '2026-01-10', sharing_consent: 'refused', sharing_consent_on: '2026-01-10' });
    const admin = await sessionAs(test, 'administrator');
    const page = decodeEntities((await admin.get(`/people/${person.id}/subject-access`)).body);
    expect(page).toContain('Public task (UK GDPR Article 6(1)(e)), recorded 10 January 2026');
    expect(page).toContain('They do not agree to sharing (10 January 2026)');
    const json = JSON.parse((await admin.get(`/people/${person.id}/subject-access.json`)).body);
    expect(json.signUps[0].lawfulBasis).toMatchObject({ lawfulBasis: 'public_task', sharingConsent: 'refused', missing: ['the condition for offence data', 'the condition for health data'] });
  });

  it('is in the programme export (its columns, and the lists they come from)', async () => {
    const tables = await programmeTables(test.database.db);
    const episode = tables.find((table) => table.name === 'episode');
    const columns = episode?.columns.map((column) => column.name) ?? [];
    for (const column of ['privacy_notice_on', 'lawful_basis', 'offence_data_condition', 'health_data_condition', 'lawful_basis_on', 'sharing_consent', 'sharing_consent_on', 'sharing_consent_withdrawn_on']) {
      expect(columns, column).toContain(column);
    }
    expect(tables.map((table) => table.name)).toContain('choice');
  });

  it('offers the lists for administrators to choose from in the settings', async () => {
    const admin = await sessionAs(test, 'administrator');
    const page = decodeEntities((await admin.get('/admin/settings/lists/lawful_basis')).body);
    expect(page).toContain('Legitimate interests (UK GDPR Article 6(1)(f))');
  });
});
