import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, demoUser, errorSummary, sessionAs, type Browser, type TestApp } from '../support/test-app.ts';
import { buildEpisode, buildPerson } from '../support/journey.ts';
import { dateParts, prisonIdOf, rowsFor } from '../support/forms.ts';
import { privacyFields } from '../support/lawful-basis.ts';

/** One submit shows every problem: the fields' own, those between fields, and those only the database knows, in page order. */
let test: TestApp;
let prisonCoach: Browser;
let communityCoach: Browser;

beforeAll(async () => {
  test = await buildTestApp();
  prisonCoach = await sessionAs(test, 'prison_life_coach');
  communityCoach = await sessionAs(test, 'community_life_coach');
});
afterAll(() => test.close());

const workedSignUp = async () => {
  const person = await buildPerson(test);
  const episode = await buildEpisode(test, { personId: person.id, signed_up_on: '2026-01-10', workers: { community_life_coach: (await demoUser(test, 'community_life_coach')).id } });
  return { person, episode, url: `/people/${person.id}/sign-ups/${episode.id}` };
};

describe('every error at once, in page order', () => {
  it('the sign-up: a field left out, dates out of order and an ineligible sentence, in one submit; nothing saved', async () => {
    const person = await buildPerson(test);
    const response = await prisonCoach.post(`/people/${person.id}/sign-ups`, { ...privacyFields(),
      prisonId: '',
      prisonNumber: 'A1234BC',
      sentenceMonths: '60',
      ...dateParts('sentencedOn', '2026-03-01'),
      ...dateParts('expectedLiberationOn', '2026-01-01'),
      previousSentences: '-1',
      ...dateParts('signedUpOn', '2026-02-01'),
    });
    expect(response.statusCode).toBe(400);
    expect(errorSummary(response.body)).toEqual([
      'Select the prison',
      'Sentence length must be from 3 months to 4 years to be eligible. A team leader can sign them up anyway, with a reason',
      'The date of sentence must be on or before the sign-up date',
      'The expected liberation date must be on or after the sign-up date',
      'Previous sentences cannot be negative',
    ]);
    expect(response.body).toContain('href="#prisonId"');
    expect(await test.database.db.selectFrom('episode').select('id').where('person_id', '=', person.id).execute()).toEqual([]);
  });

  it('the sign-up: a prison number on someone else’s record shows with the other problems', async () => {
    await buildPerson(test, { prisonNumber: 'B9999ZZ' });
    const person = await buildPerson(test);
    const response = await prisonCoach.post(`/people/${person.id}/sign-ups`, { ...privacyFields(),
      prisonId: await prisonIdOf(test, 'Barlinnie'), prisonNumber: 'b9999zz', sentenceMonths: 'six', previousSentences: '0', ...dateParts('signedUpOn', '2026-02-01'),
    });
    expect(errorSummary(response.body)).toEqual([
      'This prison number is on another person’s record: search for it, or check the number',
      'Enter the sentence length in months, like 6 or 18',
    ]);
  });

  it('adding a person: a missing name, a risk without a note and a gender not in the list; nothing saved', async () => {
    const response = await prisonCoach.post('/people', {
      firstName: 'Morag', lastName: '', ...dateParts('dateOfBirth', '1990-04-04'), prisonNumber: '', gender: 'martian', localAuthorityId: '',
      phone: '', email: 'not an email', address: '', riskToStaff: 'yes', riskNote: '',
    });
    expect(response.statusCode).toBe(400);
    expect(errorSummary(response.body)).toEqual([
      'Enter a last name',
      'Select a gender from the list',
      'Enter an email address in the correct format, like name@example.com',
      'Say what the risk to staff is',
    ]);
    expect(await test.database.db.selectFrom('person').select('id').where('first_name', '=', 'Morag').execute()).toEqual([]);
  });

  it('the liberation: a note too long, the gate met without a liberation date and a liberation type not in the list; nothing saved', async () => {
    const { episode, url } = await workedSignUp();
    const response = await communityCoach.post(`${url}/liberation`, {
      ...dateParts('liberatedOn'), liberationType: 'teleported', gateStatus: 'met', gateNotes: 'x'.repeat(4001), version: String(episode.version),
    });
    expect(response.statusCode).toBe(400);
    expect(errorSummary(response.body)).toEqual([
      'Select how they were liberated',
      'Enter the liberation date before recording what happened at the gate',
      'What happened must be 4000 characters or fewer',
    ]);
    const saved = await test.database.db.selectFrom('episode').select(['gate_status', 'version']).where('id', '=', episode.id).executeTakeFirstOrThrow();
    expect(saved).toEqual({ gate_status: null, version: episode.version });
  });

  it('a contact: a date before the sign-up, a type not in the list and a negative duration; nothing saved', async () => {
    const { episode, url } = await workedSignUp();
    const response = await communityCoach.post(`${url}/contacts`, {
      ...dateParts('contactOn', '2025-12-01'), contactTime: 'teatime', contactType: 'telepathy', outcome: 'happened', durationMinutes: '-5', place: '', notes: '',
    });
    expect(errorSummary(response.body)).toEqual([
      'The contact must be on or after the sign-up date',
      'Enter the time like 10am, 2.30pm or 14:30',
      'Select the type of contact',
      'Duration cannot be negative',
    ]);
    expect(await rowsFor(test, 'contact', episode.id)).toBe(0);
  });

  it('an employability activity: a kind not offered, and an end before its start; nothing saved', async () => {
    const { episode, url } = await workedSignUp();
    const response = await communityCoach.post(`${url}/employability-activities`, {
      kind: 'juggling', ...dateParts('startedOn', '2026-02-10'), ...dateParts('endedOn', '2026-02-01'), detail: '',
    });
    expect(response.statusCode).toBe(400);
    expect(errorSummary(response.body)).toHaveLength(2);
    expect(errorSummary(response.body)[1]).toBe('The end date must be on or after the start date');
    expect(await rowsFor(test, 'employability_activity', episode.id)).toBe(0);
  });
});

describe('dates and times as people give them', () => {
  it('starts a contact, a visit and a reading on today’s date, but not a day-one appointment', async () => {
    const { url } = await workedSignUp();
    const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date()).split('-');
    for (const [path, name] of [['contacts', 'contactOn'], ['visits', 'visitedOn'], ['distance-readings', 'readOn']] as const) {
      const page = (await communityCoach.get(`${url}/${path}`)).body;
      expect(page, path).toContain(`name="${name}-day" type="text" value="${Number(day)}"`);
      expect(page, path).toContain(`name="${name}-year" type="text" value="${year}"`);
      expect(page, path).toContain(`name="${name}-month" type="text" value="${Number(month)}"`);
    }
    expect((await communityCoach.get(`${url}/appointments`)).body).toMatch(/name="appointmentOn-day" type="text"(?! value="\d)/);
  });

  it('takes a contact’s time as typed (“2.30pm”) and keeps it as 14:30', async () => {
    const { episode, url } = await workedSignUp();
    const saved = await communityCoach.post(`${url}/contacts`, {
      ...dateParts('contactOn', '2026-02-01'), contactTime: '2.30pm', contactType: 'face_to_face', outcome: 'happened', durationMinutes: '', place: '', notes: '',
    });
    expect(saved.statusCode).toBe(302);
    const row = await test.database.db.selectFrom('contact').select('contact_time').where('episode_id', '=', episode.id).executeTakeFirstOrThrow();
    expect(row.contact_time).toBe('14:30:00');
  });

  it('takes a day-one appointment at “10am”', async () => {
    const { episode, url } = await workedSignUp();
    const saved = await communityCoach.post(`${url}/appointments`, { ...dateParts('appointmentOn', '2026-03-01'), appointmentTime: '10am', agency: 'Housing options', purpose: '' });
    expect(saved.statusCode).toBe(302);
    const row = await test.database.db.selectFrom('day_one_appointment').select('appointment_time').where('episode_id', '=', episode.id).executeTakeFirstOrThrow();
    expect(row.appointment_time).toBe('10:00:00');
  });
});
