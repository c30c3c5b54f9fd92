import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../src/modules/auth/tokens.ts';
import { buildJobStart, day } from '../support/employment.ts';
import { buildEpisode, buildPerson, programmeId, userIdByEmail } from '../support/journey.ts';
import { auditRows, buildTestApp, decodeEntities, demoUser, errorSummary, sessionAs, sessionFor, type Browser, type TestApp } from '../support/test-app.ts';

/**
 * Employment: a life coach hands a job-ready client to an employment consultant, whose home page
 * lists new hand-overs and in-work checks due and overdue; activities, job starts (each recording a
 * "job start" outcome), in-work checks ("sustained job" outcomes) and training places, corrected and
 * entered in error with their outcomes kept in step.
 */
let test: TestApp;
let coach: Browser;
let consultant: Browser;
let leader: Browser;
let consultantId: string;
const db = () => test.database.db;

const dateParts = (name: string, iso: string) => {
  const [year, month, dayOfMonth] = iso.split('-');
  return { [`${name}-day`]: String(Number(dayOfMonth)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year ?? '' };
};
const text = (html: string) => decodeEntities(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
const homeSection = async (browser: Browser, id: string) => text((await browser.get('/')).body.match(new RegExp(`<table class="govuk-table" id="${id}">[\\s\\S]*?</table>`))?.[0] ?? '');

/** A client of the Glasgow team, out of prison, with the community coach; handed to the consultant when `handedOver`. */
async function client(props: { handedOver?: boolean; signedUpOn?: string } = {}) {
  const person = await buildPerson(test);
  const workers = { community_life_coach: await userIdByEmail(test, 'community.coach@roop.example'), ...(props.handedOver ? { employment_consultant: consultantId } : {}) };
  const episode = await buildEpisode(test, { personId: person.id, signed_up_on: props.signedUpOn ?? day(-400), liberated_on: props.signedUpOn ? null : day(-300), workers });
  return { person, episode, url: `/people/${person.id}/sign-ups/${episode.id}`, name: `${person.first_name} ${person.last_name}` };
}
const count = async (table: 'job_start' | 'outcome' | 'employability_activity' | 'in_work_check' | 'training_place' | 'assignment') =>
  Number((await db().selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const outcomeOf = (id: string | null) => db().selectFrom('outcome').selectAll().where('id', '=', id ?? '').executeTakeFirstOrThrow();

beforeAll(async () => {
  test = await buildTestApp();
  coach = await sessionAs(test, 'community_life_coach');
  consultant = await sessionAs(test, 'employment_consultant');
  leader = await sessionAs(test, 'team_leader');
  consultantId = (await demoUser(test, 'employment_consultant')).id;
});
afterAll(async () => {
  await test?.close();
});

describe('handing a client over to an employment consultant', () => {
  it('creates the assignment, audited, and the client shows on the consultant’s home page until something is recorded', async () => {
    const { url, name, episode } = await client();
    expect((await consultant.get(url)).statusCode).toBe(403);
    const page = await coach.get(`${url}/hand-over`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Priya Sharma');

    const done = await coach.post(`${url}/hand-over`, { consultantId, ...dateParts('readyOn', day(-2)), note: 'Full-time warehouse work' });
    expect(done.statusCode).toBe(302);
    const assignment = await db().selectFrom('assignment').selectAll().where('episode_id', '=', episode.id).where('part', '=', 'employment_consultant').executeTakeFirstOrThrow();
    expect(assignment).toMatchObject({ worker_id: consultantId, to_on: null, reason: expect.stringMatching(/^Job-ready .*: Full-time warehouse work$/) });
    expect((await auditRows(test, done.headers['x-request-id'])).map((row) => [row.action, row.record_type])).toContainEqual(['create', 'assignment']);

    expect(await homeSection(consultant, 'new-hand-overs')).toContain(name);
    const signUp = text((await consultant.get(`${url}/outcomes-and-employment`)).body);
    expect(signUp).toContain('Employment consultant Priya Sharma, handed over');

    expect((await consultant.post(`${url}/employability-activities`, { kind: 'cv', ...dateParts('startedOn', day(0)) })).statusCode).toBe(302);
    expect(await homeSection(consultant, 'new-hand-overs')).not.toContain(name);
  });

  it('ends the previous consultant’s assignment when handed to another', async () => {
    const { url, name, episode } = await client({ handedOver: true });
    const other = await db()
      .insertInto('app_user')
      .values({ programme_id: await programmeId(test), email: 'second.consultant@roop.example', display_name: 'Ross Anderson', role: 'employment_consultant', team_id: null, password_hash: 'x', locked_until: null, last_signed_in_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(await homeSection(consultant, 'new-hand-overs')).toContain(name);
    expect((await leader.post(`${url}/hand-over`, { consultantId: other.id, ...dateParts('readyOn', day(0)), note: 'College' })).statusCode).toBe(302);
    const rows = await db().selectFrom('assignment').selectAll().where('episode_id', '=', episode.id).where('part', '=', 'employment_consultant').orderBy('created_at').execute();
    expect(rows.map((row) => [row.worker_id, row.to_on === null])).toEqual([
      [consultantId, false],
      [other.id, true],
    ]);
    expect(await homeSection(consultant, 'new-hand-overs')).not.toContain(name);
    expect(await homeSection(await sessionFor(test, other.id), 'new-hand-overs')).toContain(name);
  });

  it('refuses a form with problems, changing nothing, and refuses those who may not hand over', async () => {
    const { url } = await client({ signedUpOn: day(-20) });
    const before = await count('assignment');
    const empty = await coach.post(`${url}/hand-over`, { consultantId: '', note: '' });
    expect(empty.statusCode).toBe(400);
    expect(errorSummary(empty.body)).toEqual(['Select the employment consultant', 'Enter the date they were judged job-ready', 'Enter what they are ready for']);
    const early = await coach.post(`${url}/hand-over`, { consultantId, ...dateParts('readyOn', day(-21)), note: 'Work' });
    expect(errorSummary(early.body)).toEqual(['The date they were judged job-ready must be on or after the sign-up date']);
    const future = await coach.post(`${url}/hand-over`, { consultantId, ...dateParts('readyOn', day(3)), note: 'Work' });
    expect(errorSummary(future.body)).toEqual(['Date they were judged job-ready must be today or in the past']);
    const notConsultant = await coach.post(`${url}/hand-over`, { consultantId: await userIdByEmail(test, 'prison.coach@roop.example'), ...dateParts('readyOn', day(0)), note: 'Work' });
    expect(errorSummary(notConsultant.body)).toEqual(['Select someone from the list']);
    expect(await count('assignment')).toBe(before);
    const handed = await client({ handedOver: true });
    const again = await coach.post(`${handed.url}/hand-over`, { consultantId, ...dateParts('readyOn', day(0)), note: 'Work' });
    expect(errorSummary(again.body)).toEqual(['They are already with this employment consultant: choose another, or leave them where they are']);
    expect((await consultant.get(`${handed.url}/hand-over`)).statusCode).toBe(403);
    expect(text((await consultant.get(`${handed.url}/outcomes-and-employment`)).body)).not.toContain('Hand over to');
    expect(text((await coach.get(`${handed.url}/outcomes-and-employment`)).body)).toContain('Hand over to another employment consultant');
  });
});

describe('employability activities, job starts and training places', () => {
  it('records a job start and its job start outcome in one go, and refuses bad input changing nothing', async () => {
    const { url, episode } = await client({ handedOver: true });
    const before = [await count('job_start'), await count('outcome')];
    const empty = await consultant.post(`${url}/job-starts`, {});
    expect(errorSummary(empty.body)).toEqual(['Enter the employer', 'Enter the job title', 'Enter the hours a week', 'Select the type of contract', 'Enter the start date']);
    const badHours = await consultant.post(`${url}/job-starts`, { employer: 'Tesco', jobTitle: 'Driver', hoursPerWeek: '0', contractType: 'permanent', ...dateParts('startedOn', day(-1)) });
    expect(errorSummary(badHours.body)).toEqual(['Hours a week must be more than 0']);
    const tooMany = await consultant.post(`${url}/job-starts`, { employer: 'Tesco', jobTitle: 'Driver', hoursPerWeek: '100.5', contractType: 'gig', ...dateParts('startedOn', day(1)) });
    expect(errorSummary(tooMany.body)).toEqual(['Hours a week must be 100 or fewer', 'Select the type of contract', 'Start date must be today or in the past']);
    expect([await count('job_start'), await count('outcome')]).toEqual(before);

    const done = await consultant.post(`${url}/job-starts`, { employer: 'Clyde Logistics', jobTitle: 'Forklift driver', hoursPerWeek: '37.5', contractType: 'permanent', ...dateParts('startedOn', day(-3)) });
    expect(done.statusCode).toBe(302);
    const job = await db().selectFrom('job_start').selectAll().where('episode_id', '=', episode.id).executeTakeFirstOrThrow();
    expect(job).toMatchObject({ employer: 'Clyde Logistics', hours_per_week: 37.5, started_on: day(-3), created_by: consultantId });
    expect(await outcomeOf(job.outcome_id)).toMatchObject({ outcome_type: 'job_start', achieved_on: day(-3), detail: 'Forklift driver at Clyde Logistics', created_by: consultantId, episode_id: episode.id });
    const page = text((await consultant.get(`${url}/outcomes-and-employment`)).body);
    expect(page).toContain('Forklift driver at Clyde Logistics');
    expect(page).toContain(`13 weeks: due on`);
  });

  it('records activities and training places, and how a place ended, with the error summary for each form', async () => {
    const { url, episode } = await client({ handedOver: true });
    const places = await count('training_place');
    const activity = await consultant.post(`${url}/employability-activities`, { ...dateParts('startedOn', day(-2)), ...dateParts('endedOn', day(-5)) });
    expect(errorSummary(activity.body)).toEqual(['Select the kind of activity', 'The end date must be on or after the start date']);
    const backwards = await consultant.post(`${url}/employability-activities`, { kind: 'course', ...dateParts('startedOn', day(-2)), ...dateParts('endedOn', day(-5)) });
    expect(errorSummary(backwards.body)).toEqual(['The end date must be on or after the start date']);
    const place = await consultant.post(`${url}/training-places`, { kind: '', provider: '', course: '' });
    expect(errorSummary(place.body)).toEqual(['Select training or education', 'Enter the provider', 'Enter the course', 'Enter the start date']);
    expect(await count('training_place')).toBe(places);
    expect((await db().selectFrom('employability_activity').select('id').where('episode_id', '=', episode.id).execute()).length).toBe(0);

    expect((await consultant.post(`${url}/training-places`, { kind: 'education', provider: 'Glasgow Clyde College', course: 'HNC Business', ...dateParts('startedOn', day(-30)) })).statusCode).toBe(302);
    const row = await db().selectFrom('training_place').selectAll().where('episode_id', '=', episode.id).executeTakeFirstOrThrow();
    const ending = `${url}/training-places/ending/${row.id}`;
    const noReason = await consultant.post(ending, { status: 'left', version: String(row.version) });
    expect(errorSummary(noReason.body)).toEqual(['Enter the date it ended', 'Enter why they left']);
    expect((await consultant.post(ending, { status: 'left', ...dateParts('endedOn', day(-1)), leftReason: 'Moved away', version: String(row.version) })).statusCode).toBe(302);
    expect(await db().selectFrom('training_place').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow()).toMatchObject({ status: 'left', ended_on: day(-1), left_reason: 'Moved away' });
    expect(text((await consultant.get(`${url}/outcomes-and-employment`)).body)).toContain('HNC Business at Glasgow Clyde College');
  });
});

describe('in-work checks', () => {
  const checkUrl = (url: string, jobId: string, week: number) => `${url}/job-starts/${jobId}/checks/${week}`;

  it('lists 13-week checks due in the next 14 days and overdue on the consultant’s home page, and none yet to come', async () => {
    const soon = await client({ handedOver: true });
    const late = await client({ handedOver: true });
    const later = await client({ handedOver: true });
    const wrong = await client({ handedOver: true });
    const dueJob = await buildJobStart(test, { episodeId: soon.episode.id, startedOn: day(-91 + 10), employer: 'Soon Foods' });
    const overdueJob = await buildJobStart(test, { episodeId: late.episode.id, startedOn: day(-91 - 3), employer: 'Late Metals' });
    await buildJobStart(test, { episodeId: later.episode.id, startedOn: day(-91 + 15), employer: 'Later Ltd' });
    await buildJobStart(test, { episodeId: wrong.episode.id, startedOn: day(-95), employer: 'Wrong Co', entered_in_error_at: new Date(), entered_in_error_reason: 'Wrong person' });
    const checks = await homeSection(consultant, 'in-work-checks');
    expect(checks).toContain(`${soon.name} Soon Foods`);
    expect(checks).toMatch(new RegExp(`${late.name} Late Metals .*Record the 13-week check .*Overdue`));
    expect(checks).not.toContain('Later Ltd');
    expect(checks).not.toContain('Wrong Co');
    expect((await consultant.get('/')).body).toContain(checkUrl(soon.url, dueJob.id, 13));
    expect((await consultant.get('/')).body).toContain(checkUrl(late.url, overdueJob.id, 13));
    expect(text((await consultant.get(`${late.url}/outcomes-and-employment`)).body)).toMatch(/13 weeks: Overdue was due .* 26 weeks: due on/);
  });

  it('records still in work with a sustained job outcome; the check then leaves the home page', async () => {
    const { url, episode, name } = await client({ handedOver: true });
    const job = await buildJobStart(test, { episodeId: episode.id, startedOn: day(-95) });
    const before = [await count('in_work_check'), await count('outcome')];
    const early = await consultant.post(checkUrl(url, job.id, 13), { ...dateParts('checkedOn', day(-85)), inWork: 'yes' });
    expect(errorSummary(early.body)).toEqual([expect.stringMatching(/^The date of the check must be on or after .*, 14 days before it is due$/)]);
    const noAnswer = await consultant.post(checkUrl(url, job.id, 13), {});
    expect(errorSummary(noAnswer.body)).toEqual(['Enter the date of the check', 'Select whether they are still in work']);
    const leftBlank = await consultant.post(checkUrl(url, job.id, 13), { ...dateParts('checkedOn', day(0)), inWork: 'no' });
    expect(errorSummary(leftBlank.body)).toEqual(['Enter the date they left', 'Enter why they left']);
    expect([await count('in_work_check'), await count('outcome')]).toEqual(before);
    expect((await consultant.get(checkUrl(url, job.id, 14))).statusCode).toBe(404);

    expect((await consultant.post(checkUrl(url, job.id, 13), { ...dateParts('checkedOn', day(0)), inWork: 'yes' })).statusCode).toBe(302);
    const check = await db().selectFrom('in_work_check').selectAll().where('job_start_id', '=', job.id).executeTakeFirstOrThrow();
    expect(check).toMatchObject({ check_week: 13, checked_on: day(0), in_work: true, created_by: consultantId });
    expect(await outcomeOf(check.outcome_id)).toMatchObject({ outcome_type: 'sustained_job', achieved_on: day(0), detail: 'In work at 13 weeks: Warehouse operative at Clyde Logistics' });
    expect(await homeSection(consultant, 'in-work-checks')).not.toContain(name);
    const twice = await consultant.post(checkUrl(url, job.id, 13), { ...dateParts('checkedOn', day(0)), inWork: 'yes' });
    expect(errorSummary(twice.body)).toEqual(['The 13-week check has already been recorded: correct it from the sign-up page']);
  });

  it('records that they left with no outcome, and no later check falls due', async () => {
    const { url, episode, name } = await client({ handedOver: true });
    const job = await buildJobStart(test, { episodeId: episode.id, startedOn: day(-190) });
    expect(await homeSection(consultant, 'in-work-checks')).toMatch(new RegExp(`${name}.*13-week.*${name}.*26-week`));
    const outcomes = await count('outcome');
    const done = await consultant.post(checkUrl(url, job.id, 13), { ...dateParts('checkedOn', day(-1)), inWork: 'no', ...dateParts('leftOn', day(-100)), leftReason: 'Contract ended' });
    expect(done.statusCode).toBe(302);
    expect(await count('outcome')).toBe(outcomes);
    expect(await homeSection(consultant, 'in-work-checks')).not.toContain(name);
    expect(text((await consultant.get(`${url}/outcomes-and-employment`)).body)).toContain('26 weeks: not due, they had left');
  });
});

describe('corrections and entered in error keep the outcomes in step', () => {
  async function recordedJob() {
    const c = await client({ handedOver: true });
    await consultant.post(`${c.url}/job-starts`, { employer: 'Clyde Logistics', jobTitle: 'Driver', hoursPerWeek: '40', contractType: 'temporary', ...dateParts('startedOn', day(-100)) });
    const job = await db().selectFrom('job_start').selectAll().where('episode_id', '=', c.episode.id).executeTakeFirstOrThrow();
    return { ...c, job };
  }

  it('corrects a job start and its outcome together, and a check from in work to left and back', async () => {
    const { url, job, episode } = await recordedJob();
    const fix = { employer: 'Clyde Logistics', jobTitle: 'HGV driver', hoursPerWeek: '40', contractType: 'temporary', ...dateParts('startedOn', day(-98)), version: String(job.version) };
    expect((await consultant.post(`${url}/job-starts/${job.id}`, fix)).statusCode).toBe(302);
    expect(await outcomeOf(job.outcome_id)).toMatchObject({ achieved_on: day(-98), detail: 'HGV driver at Clyde Logistics', version: 2 });
    expect(await db().selectFrom('record_change').select(['kind', 'previous']).where('record_id', '=', job.outcome_id ?? '').execute()).toEqual([
      { kind: 'corrected', previous: { achieved_on: day(-100), detail: 'Driver at Clyde Logistics' } },
    ]);

    await consultant.post(`${url}/job-starts/${job.id}/checks/13`, { ...dateParts('checkedOn', day(-2)), inWork: 'yes' });
    const check = await db().selectFrom('in_work_check').selectAll().where('job_start_id', '=', job.id).executeTakeFirstOrThrow();
    const left = { ...dateParts('checkedOn', day(-2)), inWork: 'no', ...dateParts('leftOn', day(-20)), leftReason: 'Laid off', version: String(check.version) };
    expect((await consultant.post(`${url}/in-work-checks/${check.id}`, left)).statusCode).toBe(302);
    expect(await outcomeOf(check.outcome_id)).toMatchObject({ entered_in_error_reason: 'The in-work check was corrected: they had left' });

    const back = { ...dateParts('checkedOn', day(-1)), inWork: 'yes', version: String(check.version + 1) };
    expect((await consultant.post(`${url}/in-work-checks/${check.id}`, back)).statusCode).toBe(302);
    const now = await db().selectFrom('in_work_check').selectAll().where('id', '=', check.id).executeTakeFirstOrThrow();
    expect(now).toMatchObject({ in_work: true, left_on: null, left_reason: null });
    expect(now.outcome_id).not.toBe(check.outcome_id);
    expect(await outcomeOf(now.outcome_id)).toMatchObject({ outcome_type: 'sustained_job', achieved_on: day(-1), entered_in_error_at: null, detail: 'In work at 13 weeks: HGV driver at Clyde Logistics' });
    const live = await db().selectFrom('outcome').select('outcome_type').where('episode_id', '=', episode.id).where('entered_in_error_at', 'is', null).execute();
    expect(live.map((o) => o.outcome_type).sort()).toEqual(['job_start', 'sustained_job']);
  });

  it('marks a job start entered in error with its outcome, its checks and theirs; a check in error takes its outcome with it', async () => {
    const { url, job, episode, name } = await recordedJob();
    await consultant.post(`${url}/job-starts/${job.id}/checks/13`, { ...dateParts('checkedOn', day(-2)), inWork: 'yes' });
    const check = await db().selectFrom('in_work_check').selectAll().where('job_start_id', '=', job.id).executeTakeFirstOrThrow();
    const refused = await consultant.post(`${url}/job-starts/${job.id}/entered-in-error`, { reason: '', version: String(job.version) });
    expect(errorSummary(refused.body)).toEqual(['Enter why it was entered in error']);
    expect((await outcomeOf(job.outcome_id)).entered_in_error_at).toBeNull();

    expect((await consultant.post(`${url}/job-starts/${job.id}/entered-in-error`, { reason: 'Wrong client', version: String(job.version) })).statusCode).toBe(302);
    expect(await outcomeOf(job.outcome_id)).toMatchObject({ entered_in_error_reason: 'Its job start was entered in error' });
    expect(await db().selectFrom('in_work_check').selectAll().where('id', '=', check.id).executeTakeFirstOrThrow()).toMatchObject({ entered_in_error_reason: 'Its job start was entered in error' });
    expect(await outcomeOf(check.outcome_id)).toMatchObject({ entered_in_error_reason: 'Its job start was entered in error' });
    expect(await db().selectFrom('outcome').select('id').where('episode_id', '=', episode.id).where('entered_in_error_at', 'is', null).execute()).toEqual([]);
    expect(await homeSection(consultant, 'in-work-checks')).not.toContain(name);
    expect((await consultant.get(`${url}/job-starts/${job.id}/checks/26`)).statusCode).toBe(404);
    expect((await consultant.get(`${url}/outcomes-and-employment`)).body).toMatch(/app-entered-in-error[^>]*><strong>Driver<\/strong>/);

    const other = await recordedJob();
    await consultant.post(`${other.url}/job-starts/${other.job.id}/checks/13`, { ...dateParts('checkedOn', day(-2)), inWork: 'yes' });
    const otherCheck = await db().selectFrom('in_work_check').selectAll().where('job_start_id', '=', other.job.id).executeTakeFirstOrThrow();
    expect((await consultant.post(`${other.url}/in-work-checks/${otherCheck.id}/entered-in-error`, { reason: 'Recorded twice', version: String(otherCheck.version) })).statusCode).toBe(302);
    expect(await outcomeOf(otherCheck.outcome_id)).toMatchObject({ entered_in_error_reason: 'Its in-work check was entered in error' });
    expect((await outcomeOf(other.job.outcome_id)).entered_in_error_at).toBeNull();
    expect(text((await consultant.get(`${other.url}/outcomes-and-employment`)).body)).toContain('13 weeks: Overdue');
  });
});

describe('the employment API', () => {
  const headers = async (role: 'employment_consultant' | 'community_life_coach') => {
    const user = await demoUser(test, role);
    const token = `tc_employment_${role}`;
    const existing = await db().selectFrom('api_token').select('id').where('token_hash', '=', hashSecret(token)).executeTakeFirst();
    if (!existing) await db().insertInto('api_token').values({ programme_id: user.programme_id, user_id: user.id, name: 'employment test', token_hash: hashSecret(token), created_by: user.id }).execute();
    return { authorization: `Bearer ${token}` };
  };

  it('hands over, records a job start and its check, and reads it all back; bad input is a problem document', async () => {
    const { person, episode } = await client();
    const base = `/api/v1/people/${person.id}/sign-ups/${episode.id}`;
    const inject = async (method: 'GET' | 'POST', url: string, role: 'employment_consultant' | 'community_life_coach', payload?: object) =>
      test.app.inject({ method, url: `${base}${url}`, headers: await headers(role), ...(payload ? { payload } : {}) });

    expect((await inject('POST', '/hand-over', 'community_life_coach', { consultantId, readyOn: day(0), note: 'Ready for kitchen work' })).statusCode).toBe(204);
    const bad = await inject('POST', '/job-starts', 'employment_consultant', { employer: 'Cafe', jobTitle: 'Cook', hoursPerWeek: 0, contractType: 'permanent', startedOn: day(-100) });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const jobs = await count('job_start');
    const tooEarly = await inject('POST', '/job-starts', 'employment_consultant', { employer: 'Cafe', jobTitle: 'Cook', hoursPerWeek: 20, contractType: 'permanent', startedOn: '2001-01-01' });
    expect(tooEarly.statusCode).toBe(400);
    expect(await count('job_start')).toBe(jobs);
    const made = await inject('POST', '/job-starts', 'employment_consultant', { employer: 'Cafe', jobTitle: 'Cook', hoursPerWeek: 20, contractType: 'zero_hours', startedOn: day(-100) });
    expect(made.statusCode).toBe(201);
    const jobId = made.json().id as string;
    expect((await inject('POST', `/job-starts/${jobId}/checks/13`, 'employment_consultant', { checkedOn: day(0), inWork: true })).statusCode).toBe(201);
    expect((await inject('POST', '/employability-activities', 'employment_consultant', { kind: 'interview', startedOn: day(-110) })).statusCode).toBe(201);
    expect((await inject('POST', '/training-places', 'employment_consultant', { kind: 'training', provider: 'College', course: 'Food hygiene', startedOn: day(-120) })).statusCode).toBe(201);

    const read = await inject('GET', '/employment', 'employment_consultant');
    expect(read.statusCode).toBe(200);
    const body = read.json();
    expect(body.consultant).toMatchObject({ name: 'Priya Sharma', reason: expect.stringContaining('Ready for kitchen work') });
    expect(body.jobStarts).toMatchObject([{ id: jobId, hoursPerWeek: 20, checks: [{ week: 13, status: 'recorded', check: { inWork: true } }, { week: 26, status: 'upcoming' }] }]);
    expect(body.activities).toMatchObject([{ kind: 'interview' }]);
    expect(body.trainingPlaces).toMatchObject([{ course: 'Food hygiene', status: 'started' }]);
    expect((await auditRows(test, read.headers['x-request-id'])).map((row) => row.action)).toContain('read');
    expect((await inject('POST', '/hand-over', 'employment_consultant', { consultantId, readyOn: day(0), note: 'x' })).statusCode).toBe(403);
  });
});
