import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, buildTestApp, errorSummary, sessionAs, sessionFor, type Browser, type TestApp } from '../support/test-app.ts';
import { assignWorker } from '../support/journey.ts';
import { privacyFields } from '../support/lawful-basis.ts';

/** The journey through the pages, as the prison and community life coaches of the Glasgow team. */
let test: TestApp;
let prisonCoach: Browser;
let communityCoach: Browser;
let personId: string;
let episodeUrl: string;

const dateParts = (name: string, iso: string) => {
  const [year, month, day] = iso.split('-');
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year ?? '' };
};
const prisonId = async (name: string) => (await test.database.db.selectFrom('prison').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
const version = async () =>
  String((await test.database.db.selectFrom('episode').select('version').where('id', '=', episodeUrl.split('/').pop() ?? '').executeTakeFirstOrThrow()).version);

beforeAll(async () => {
  test = await buildTestApp();
  prisonCoach = await sessionAs(test, 'prison_life_coach');
  communityCoach = await sessionAs(test, 'community_life_coach');
});
afterAll(() => test.close());

describe('signing up and working with a client', () => {
  it('creates a person, audited, and finds them again by a misspelt name, prison number or date of birth', async () => {
    const created = await prisonCoach.post('/people', {
      firstName: 'Kevin', lastName: 'McLean', ...dateParts('dateOfBirth', '1978-12-22'), prisonNumber: '100711', gender: 'male', localAuthorityId: '', phone: '', email: '', address: '', riskNote: '',
    });
    expect(created.statusCode).toBe(302);
    personId = String(created.headers.location).split('/').pop() ?? '';
    expect(await auditRows(test, created.headers['x-request-id'])).toMatchObject([{ action: 'create', record_type: 'person', record_id: personId }]);
    for (const q of ['kevin mclean', 'MacLean', 'Kevin Mclaen', ' mc lean', '100711', '22/12/1978']) {
      const found = await prisonCoach.get(`/people?q=${encodeURIComponent(q)}`);
      expect(found.body, q).toContain(`href="/people/${personId}"`);
    }
    expect((await prisonCoach.get('/people?q=Robertson')).body).toContain('No one you work with matches');
  });

  it('shows likely duplicates before saving, and saves only when told it is someone else', async () => {
    const form = { firstName: 'Kevin', lastName: 'Maclean', ...dateParts('dateOfBirth', '1978-12-22'), gender: '', localAuthorityId: '', phone: '', email: '', address: '', riskNote: '' };
    const warned = await prisonCoach.post('/people', form);
    expect(warned.statusCode).toBe(409);
    expect(warned.body).toContain('This person may already have a record');
    expect(warned.body).toContain(`href="/people/${personId}"`);
    const confirmed = await prisonCoach.post('/people', { ...form, notDuplicate: 'yes' });
    expect(confirmed.statusCode).toBe(302);
  });

  it('checks eligibility: a sentence outside 3 months to 4 years is refused with a clear message', async () => {
    const refused = await prisonCoach.post(`/people/${personId}/sign-ups`, { ...privacyFields(),
      prisonId: await prisonId('Barlinnie'), sentenceMonths: '60', previousSentences: '15', ...dateParts('signedUpOn', '2026-10-01'),
    });
    expect(errorSummary(refused.body)).toEqual(['Sentence length must be from 3 months to 4 years to be eligible. A team leader can sign them up anyway, with a reason']);
    expect(await test.database.db.selectFrom('episode').select('id').where('person_id', '=', personId).execute()).toEqual([]);
  });

  it('validates the sign-up dates', async () => {
    const response = await prisonCoach.post(`/people/${personId}/sign-ups`, { ...privacyFields(),
      prisonId: await prisonId('Barlinnie'), sentenceMonths: '-2', previousSentences: 'lots', ...dateParts('signedUpOn', '2999-01-01'), ...dateParts('sentencedOn', '2026-02-30'),
    });
    expect(errorSummary(response.body)).toEqual([
      'Sentence length must be more than 0 months',
      'Date of sentence must be a real date',
      'Enter the number of previous custodial sentences, like 0 or 3',
      'Sign-up date must be today or in the past',
    ]);
  });

  it('signs them up, records two visits, the needs and a plan action', async () => {
    const signedUp = await prisonCoach.post(`/people/${personId}/sign-ups`, { ...privacyFields(),
      prisonId: await prisonId('Barlinnie'), prisonNumber: '100711', sentenceMonths: '9', previousSentences: '4',
      ...dateParts('signedUpOn', '2026-10-01'), ...dateParts('expectedLiberationOn', '2026-11-12'),
    });
    expect(signedUp.statusCode).toBe(302);
    episodeUrl = String(signedUp.headers.location);
    let page = await prisonCoach.get(episodeUrl);
    expect(page.body).toContain('No pre-release visits');
    expect(page.body).toContain('Prison life coach: Morag Campbell');

    for (const day of ['2026-10-08', '2026-10-29']) {
      expect((await prisonCoach.post(`${episodeUrl}/visits`, { ...dateParts('visitedOn', day), place: 'Visits hall', notes: '' })).statusCode).toBe(302);
    }
    const early = await prisonCoach.post(`${episodeUrl}/visits`, { ...dateParts('visitedOn', '2026-09-01'), place: '', notes: '' });
    expect(errorSummary(early.body)).toEqual(['The visit must be on or after the sign-up date']);

    const needs = await prisonCoach.post(`${episodeUrl}/needs`, {
      ...dateParts('assessedOn', '2026-10-08'), monthsOutOfWork: '26', 'need-accommodation': 'yes', 'status-accommodation': 'in_progress', 'need-addiction': 'yes', 'status-addiction': 'not_started',
    });
    expect(needs.statusCode).toBe(302);
    const action = await prisonCoach.post(`${episodeUrl}/actions`, {
      domain: 'accommodation', goal: 'A tenancy of his own', action: 'Present as homeless on day one', ownerText: 'Life coach', ...dateParts('dueOn', '2026-11-12'),
    });
    expect(action.statusCode).toBe(302);
    page = await prisonCoach.get(episodeUrl);
    expect(page.body).toContain('2 pre-release visits');
    page = await prisonCoach.get(`${episodeUrl}/needs-and-plan`);
    expect(page.body).toContain('Out of work for 26 months');
    expect(page.body).toMatch(/Accommodation<\/td>\s*<td class="govuk-table__cell"[^>]*>In progress/);
    expect(page.body).toContain('A tenancy of his own');
  });

  it('keeps every change of a need’s status, and the database refuses to rewrite that history', async () => {
    await prisonCoach.post(`${episodeUrl}/needs`, {
      ...dateParts('assessedOn', '2026-10-08'), monthsOutOfWork: '26', 'need-accommodation': 'yes', 'status-accommodation': 'met', 'need-addiction': 'yes', 'status-addiction': 'not_started',
    });
    const history = await test.database.db
      .selectFrom('need_status_change as h')
      .innerJoin('need as n', 'n.id', 'h.need_id')
      .select(['h.status'])
      .where('n.domain', '=', 'accommodation')
      .orderBy('h.id')
      .execute();
    expect(history.map((h) => h.status)).toEqual(['in_progress', 'met']);
    await expect(test.database.db.deleteFrom('need_status_change').execute()).rejects.toThrow(/append-only/);
  });

  it('records liberation and the gate meeting, refusing a liberation before the sign-up', async () => {
    const before = await prisonCoach.post(`${episodeUrl}/liberation`, { ...dateParts('liberatedOn', '2026-09-30'), liberationType: 'end_of_sentence', gateStatus: 'met', gateNotes: '', version: await version() });
    expect(errorSummary(before.body)).toEqual(['The liberation date must be on or after the sign-up date']);
    const saved = await prisonCoach.post(`${episodeUrl}/liberation`, { ...dateParts('liberatedOn', '2026-11-12'), liberationType: 'end_of_sentence', gateStatus: 'met', gateNotes: 'Met at 8am, went to the council', version: await version() });
    expect(saved.statusCode).toBe(302);
    expect((await prisonCoach.get(episodeUrl)).body).toContain('Met at the gate');
  });

  it('counts engagement from the liberation date: a contact the day before does not count, one on the day does', async () => {
    const contact = (day: string, outcome = 'happened') =>
      communityCoach.post(`${episodeUrl}/contacts`, { ...dateParts('contactOn', day), contactType: 'face_to_face', outcome, helpGiven: 'accompanied', durationMinutes: '45', place: '', notes: 'Talked about his tenancy' });
    expect((await contact('2026-11-11')).statusCode).toBe(302);
    expect((await communityCoach.get(`${episodeUrl}/contacts-and-visits`)).body).toContain('Not engaged');
    expect((await contact('2026-11-12', 'no_answer')).statusCode).toBe(302);
    expect((await communityCoach.get(`${episodeUrl}/contacts-and-visits`)).body).toContain('Not engaged');
    expect((await contact('2026-11-12')).statusCode).toBe(302);
    const page = await communityCoach.get(`${episodeUrl}/contacts-and-visits`);
    expect(page.body).toContain('First community contact 12 November 2026');
    expect(page.body).toContain('Talked about his tenancy');
  });

  it('validates contacts: negative durations, dates in the future, unknown types', async () => {
    const response = await communityCoach.post(`${episodeUrl}/contacts`, { ...dateParts('contactOn', '2999-01-01'), contactType: 'telepathy', outcome: 'maybe', durationMinutes: '-5', place: '', notes: '' });
    expect(errorSummary(response.body)).toEqual([
      'Date of the contact must be today or in the past',
      'Select the type of contact',
      'Select whether the contact happened',
      'Duration cannot be negative',
    ]);
  });

  it('shows the person page with a timeline of everything, newest first', async () => {
    const page = await communityCoach.get(`/people/${personId}`);
    const entries = [...page.body.matchAll(/<h3 class="moj-timeline__title">(?:<a[^>]*>)?([^<]+)[\s\S]*?<time datetime="([^"]+)"/g)].map((m) => ({ title: m[1], on: m[2] }));
    const dates = entries.map((e) => e.on);
    expect(dates).toEqual([...dates].sort().reverse());
    const journey = entries.filter((e) => !/^(Accommodation|Addiction|Plan action)/.test(e.title ?? '')).map((e) => e.title);
    expect(journey).toEqual([
      'Face to face',
      'Face to face: tried, no answer',
      'Met at the gate',
      'Liberated (end of sentence)',
      'Face to face',
      'Pre-release visit',
      'Pre-release visit',
      'Signed up at Barlinnie',
    ]);
    expect(entries.map((e) => e.title)).toEqual(expect.arrayContaining(['Accommodation: met', 'Accommodation: in progress', 'Plan action added']));
  });

  it('closes the case with a reason, and then a new sign-up starts a new episode with history intact', async () => {
    const closed = await communityCoach.post(`${episodeUrl}/close`, { ...dateParts('closedOn', '2026-11-20'), closureReason: 'returned_to_custody', closureNote: '', version: await version() });
    expect(closed.statusCode).toBe(302);
    const again = await prisonCoach.post(`/people/${personId}/sign-ups`, { ...privacyFields(), prisonId: await prisonId('Addiewell'), sentenceMonths: '6', previousSentences: '5', ...dateParts('signedUpOn', '2026-11-21') });
    expect(again.statusCode).toBe(302);
    const page = await prisonCoach.get(`/people/${personId}`);
    expect(page.body).toContain('Signed up at Addiewell');
    expect(page.body).toContain('Case closed: returned to custody');
  });
});

describe('who can see whom', () => {
  it('keeps clients of one team from another team’s coaches and from managers, and audits the refusal; allocation lets a worker in', async () => {
    const admin = await sessionAs(test, 'administrator');
    expect((await admin.get(`/people/${personId}`)).statusCode).toBe(403);
    const manager = await sessionAs(test, 'manager');
    expect((await manager.get(`/people/${personId}`)).statusCode).toBe(403);

    const db = test.database.db;
    const lanarkshire = (await db.selectFrom('team').select(['id', 'programme_id']).where('name', '=', 'Lanarkshire team').executeTakeFirstOrThrow());
    const other = await db
      .insertInto('app_user')
      .values({ programme_id: lanarkshire.programme_id, email: 'lanark.coach@roop.example', display_name: 'Lanark Coach', role: 'community_life_coach', team_id: lanarkshire.id, password_hash: 'x', locked_until: null, last_signed_in_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const outsider = await sessionFor(test, other.id);
    const refused = await outsider.get(`/people/${personId}`);
    expect(refused.statusCode).toBe(403);
    expect(await auditRows(test, refused.headers['x-request-id'])).toMatchObject([{ action: 'access-denied', record_type: 'person', record_id: personId }]);
    expect((await outsider.get('/people?q=mclean')).body).toContain('No one you work with matches');
    const consultant = await sessionAs(test, 'employment_consultant');
    expect((await consultant.get(`/people/${personId}`)).statusCode).toBe(403);

    const leader = await sessionAs(test, 'team_leader');
    const [latest] = await db.selectFrom('episode').select(['id', 'version', 'team_id']).where('person_id', '=', personId).orderBy('signed_up_on', 'desc').execute();
    const prisonCoach = await db.selectFrom('assignment').select('worker_id').where('episode_id', '=', latest?.id ?? '').where('part', '=', 'prison_life_coach').where('to_on', 'is', null).executeTakeFirst();
    const allocated = await leader.post(`/people/${personId}/sign-ups/${latest?.id}/allocation`, {
      teamId: latest?.team_id ?? '', prisonCoachId: prisonCoach?.worker_id ?? '', communityCoachId: other.id, employmentConsultantId: '', familySupportId: '', version: String(latest?.version),
    });
    expect(allocated.statusCode).toBe(302);
    expect((await outsider.get(`/people/${personId}`)).statusCode).toBe(200);
    expect((await outsider.get('/people?q=mclean')).body).toContain(`href="/people/${personId}"`);
    expect((await consultant.get(`/people/${personId}`)).statusCode).toBe(403);
  });

  it('lets an employment consultant find and see only the clients allocated to them', async () => {
    const consultant = await sessionAs(test, 'employment_consultant');
    const me = (await test.database.db.selectFrom('app_user').select('id').where('email', '=', 'employment@roop.example').executeTakeFirstOrThrow()).id;
    expect((await consultant.get('/people?q=kevin mclean')).body).toContain('No one you work with matches');
    const episodes = await test.database.db.selectFrom('episode').select('id').where('person_id', '=', personId).execute();
    for (const episode of episodes) await assignWorker(test, { episodeId: episode.id, part: 'employment_consultant', workerId: me });
    expect((await consultant.get('/people?q=kevin mclean')).body).toContain(`href="/people/${personId}"`);
    expect((await consultant.get(`/people/${personId}`)).statusCode).toBe(200);
  });
});

describe('correcting a sign-up', () => {
  it('saves corrected details with the same checks, and refuses a stale form', async () => {
    const coach = await sessionAs(test, 'prison_life_coach');
    const [episode] = await test.database.db.selectFrom('episode').select(['id', 'version', 'prison_id']).where('person_id', '=', personId).where('closed_on', 'is', null).execute();
    const url = `/people/${personId}/sign-ups/${episode?.id}/details`;
    const form = await coach.get(url);
    expect(form.body).toContain('Correct the sign-up');
    const base = { prisonId: episode?.prison_id ?? '', previousSentences: '5', 'signedUpOn-day': '21', 'signedUpOn-month': '11', 'signedUpOn-year': '2026', version: String(episode?.version) };
    const ineligible = await coach.post(url, { ...base, sentenceMonths: '72' });
    expect(errorSummary(ineligible.body)[0]).toMatch(/^Sentence length must be from 3 months/);
    expect((await coach.post(url, { ...base, sentenceMonths: '7' })).statusCode).toBe(302);
    const saved = await test.database.db.selectFrom('episode').select(['sentence_months', 'previous_sentences']).where('id', '=', episode?.id ?? '').executeTakeFirstOrThrow();
    expect(saved).toEqual({ sentence_months: 7, previous_sentences: 5 });
    const stale = await coach.post(url, { ...base, sentenceMonths: '8' });
    expect(stale.statusCode).toBe(409);
  });
});
