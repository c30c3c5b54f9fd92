import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../src/modules/auth/tokens.ts';
import { buildReading, distanceAreas } from '../support/distance.ts';
import { buildEpisode, buildPerson, userIdByEmail } from '../support/journey.ts';
import { auditRows, buildTestApp, decodeEntities, demoUser, errorSummary, sessionAs, sessionFor, type Browser, type TestApp } from '../support/test-app.ts';

/**
 * Distance travelled: readings recorded on a sign-up (a client score per area, the worker's where
 * they differ, self-reported reoffending), corrected (scores included) or marked entered in error,
 * and charted on the person page with their table and whether each area improved.
 */
let test: TestApp;
let areas: { code: string; label: string }[];
let coachId: string;
let coach: Browser;

const day = (offset: number) => {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + offset);
  return date.toISOString().slice(0, 10);
};
const ukDate = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
const dateParts = (name: string, iso: string) => {
  const [year, month, dayOfMonth] = iso.split('-');
  return { [`${name}-day`]: String(Number(dayOfMonth)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year ?? '' };
};

/** The reading form as a browser posts it: every area scored `client` unless given, worker scores only where given. */
function readingForm(
  props: { readOn?: string; client?: Record<string, string>; worker?: Record<string, string>; reoffending?: string; note?: string; all?: string } = {},
) {
  const form: Record<string, string> = { ...dateParts('readOn', props.readOn ?? day(-1)), reoffending: props.reoffending ?? 'no', note: props.note ?? '' };
  for (const area of areas) {
    form[`client-${area.code}`] = props.client?.[area.code] ?? props.all ?? '5';
    form[`worker-${area.code}`] = props.worker?.[area.code] ?? '';
  }
  return form;
}

async function signUp(offset = -60) {
  const person = await buildPerson(test);
  const episode = await buildEpisode(test, { personId: person.id, signed_up_on: day(offset), workers: { community_life_coach: coachId } });
  return { person, episode, url: `/people/${person.id}/sign-ups/${episode.id}` };
}

const readingsOf = (episodeId: string) =>
  test.database.db.selectFrom('distance_reading').selectAll().where('episode_id', '=', episodeId).orderBy('read_on').execute();
const scoresOf = (readingId: string) =>
  test.database.db.selectFrom('distance_score').select(['area', 'client_score', 'worker_score']).where('reading_id', '=', readingId).orderBy('area').execute();

async function apiHeaders(role: Parameters<typeof demoUser>[1]) {
  const user = await demoUser(test, role);
  const token = `tc_distance_${role}`;
  const existing = await test.database.db.selectFrom('api_token').select('id').where('token_hash', '=', hashSecret(token)).executeTakeFirst();
  if (!existing)
    await test.database.db
      .insertInto('api_token')
      .values({ programme_id: user.programme_id, user_id: user.id, name: 'distance test', token_hash: hashSecret(token), created_by: user.id })
      .execute();
  return { authorization: `Bearer ${token}` };
}

beforeAll(async () => {
  test = await buildTestApp();
  areas = await distanceAreas(test);
  coachId = await userIdByEmail(test, 'community.coach@roop.example');
  coach = await sessionFor(test, coachId);
});
afterAll(async () => {
  await test?.close();
});

describe('recording a reading', () => {
  it('shows a fieldset per active area and records a score for each, by the user recording it', async () => {
    expect(areas).toHaveLength(10);
    const { episode, url } = await signUp();
    const form = await coach.get(`${url}/distance-readings`);
    expect(form.statusCode).toBe(200);
    for (const area of areas)
      expect(form.body).toMatch(new RegExp(`<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">\\s*${area.label}\\s*</legend>`));
    expect(form.body).toContain('Have they reoffended since the last reading?');

    const saved = await coach.post(
      `${url}/distance-readings`,
      readingForm({ readOn: day(-3), all: '4', client: { money: '7' }, worker: { money: '5' }, reoffending: 'prefers_not_to_say', note: 'Settling in' }),
    );
    expect(saved.statusCode).toBe(302);
    expect(saved.headers.location).toBe(url);
    const [reading] = await readingsOf(episode.id);
    expect(reading).toMatchObject({ read_on: day(-3), worker_id: coachId, created_by: coachId, reoffending: 'prefers_not_to_say', note: 'Settling in' });
    const scores = await scoresOf(reading?.id ?? '');
    expect(scores).toHaveLength(10);
    expect(scores.find((s) => s.area === 'money')).toEqual({ area: 'money', client_score: 7, worker_score: 5 });
    expect(scores.filter((s) => s.area !== 'money').every((s) => s.client_score === 4 && s.worker_score === null)).toBe(true);
    expect((await auditRows(test, saved.headers['x-request-id'])).map((e) => [e.action, e.record_type])).toContainEqual(['create', 'distance-reading']);

    const page = (await coach.get(`${url}/needs-and-plan`)).body;
    expect(page).toContain('Distance travelled reading recorded');
    expect(page).toMatch(
      new RegExp(`${ukDate(day(-3))}<br><span class="govuk-body-s">Jamie Docherty</span></td>\\s*<td class="govuk-table__cell">Prefers not to say</td>`),
    );
    expect(page).toContain(`href="${url}/distance-readings"`);
  });

  it('stores the worker’s score only where they gave one that differs', async () => {
    const { episode, url } = await signUp();
    await coach.post(`${url}/distance-readings`, readingForm({ all: '6', worker: { accommodation: '3', wellbeing: '6' } }));
    const [reading] = await readingsOf(episode.id);
    const scores = await scoresOf(reading?.id ?? '');
    expect(scores.filter((s) => s.worker_score !== null)).toEqual([{ area: 'accommodation', client_score: 6, worker_score: 3 }]);
  });

  it('refuses bad input with the error summary and writes nothing', async () => {
    const { episode, url } = await signUp(-30);
    const [first, second, third] = areas;
    const cases: [Record<string, string>, string[]][] = [
      [
        Object.fromEntries([...Object.keys(readingForm()).map((key) => [key, '']), ['reoffending', '']].filter(([key]) => key !== 'reoffending')),
        [
          'Enter the date of the reading',
          ...areas.map((a) => `Enter the client’s score for ${a.label}, from 1 to 10`),
          'Select whether they have reoffended since the last reading',
        ],
      ],
      [
        readingForm({ client: { [first?.code ?? '']: '0', [second?.code ?? '']: '11', [third?.code ?? '']: 'six' }, worker: { [first?.code ?? '']: '4.5' } }),
        [
          `The client’s score for ${first?.label} must be a whole number from 1 to 10`,
          `The worker’s score for ${first?.label} must be a whole number from 1 to 10`,
          `The client’s score for ${second?.label} must be a whole number from 1 to 10`,
          `The client’s score for ${third?.label} must be a whole number from 1 to 10`,
        ],
      ],
      [readingForm({ readOn: day(1) }), ['Date of the reading must be today or in the past']],
      [readingForm({ readOn: day(-31) }), ['The reading must be on or after the sign-up date']],
      [{ ...readingForm(), 'readOn-day': '31', 'readOn-month': '2' }, ['Date of the reading must be a real date']],
      [{ ...readingForm(), 'readOn-year': '' }, ['Date of the reading must include a year']],
      [readingForm({ reoffending: 'maybe' }), ['Select whether they have reoffended since the last reading']],
      [readingForm({ note: 'x'.repeat(2001) }), ['Note must be 2000 characters or fewer']],
    ];
    for (const [form, messages] of cases) {
      const response = await coach.post(`${url}/distance-readings`, form);
      expect(response.statusCode, messages[0]).toBe(400);
      expect(errorSummary(response.body)).toEqual(messages);
    }
    expect(await readingsOf(episode.id)).toEqual([]);
  });

  it('is refused on a closed sign-up and to someone who may not work with the client', async () => {
    const closed = await signUp();
    await test.database.db
      .updateTable('episode')
      .set({ closed_on: day(-1), closure_reason: 'support_completed' })
      .where('id', '=', closed.episode.id)
      .execute();
    expect((await coach.post(`${closed.url}/distance-readings`, readingForm())).statusCode).toBe(409);
    const open = await signUp();
    const consultant = await sessionAs(test, 'employment_consultant');
    expect((await consultant.get(`${open.url}/distance-readings`)).statusCode).toBe(403);
    expect((await consultant.post(`${open.url}/distance-readings`, readingForm())).statusCode).toBe(403);
    expect([...(await readingsOf(closed.episode.id)), ...(await readingsOf(open.episode.id))]).toEqual([]);
  });
});

describe('correcting a reading, and marking one entered in error', () => {
  it('changes the scores and keeps the old ones in record_change', async () => {
    const { person, episode, url } = await signUp();
    await coach.post(`${url}/distance-readings`, readingForm({ readOn: day(-10), all: '4', worker: { money: '2' } }));
    const [reading] = await readingsOf(episode.id);
    const id = reading?.id ?? '';
    const page = (await coach.get(`${url}/distance-readings/${id}`)).body;
    expect(page).toContain('Save correction');
    expect(page).toMatch(/id="client-money" name="client-money" type="text" value="4"/);
    expect(page).toMatch(/id="worker-money" name="worker-money" type="text" value="2"/);

    const refused = await coach.post(`${url}/distance-readings/${id}`, { ...readingForm({ all: '4', client: { money: '12' } }), version: '1' });
    expect(refused.statusCode).toBe(400);
    expect(errorSummary(refused.body)).toEqual(['The client’s score for Managing money must be a whole number from 1 to 10']);

    const saved = await coach.post(`${url}/distance-readings/${id}`, {
      ...readingForm({ readOn: day(-10), all: '4', client: { money: '6', accommodation: '7' }, worker: { money: '2' } }),
      version: '1',
    });
    expect(saved.statusCode).toBe(302);
    const scores = await scoresOf(id);
    expect(scores.find((s) => s.area === 'money')).toEqual({ area: 'money', client_score: 6, worker_score: 2 });
    expect(scores.find((s) => s.area === 'accommodation')).toEqual({ area: 'accommodation', client_score: 7, worker_score: null });
    const changes = await test.database.db.selectFrom('record_change').selectAll().where('record_id', '=', id).execute();
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ record_type: 'distance_reading', kind: 'corrected', version: 2, changed_by: coachId });
    const previous = changes[0]?.previous as { scores: { area: string; clientScore: number; workerScore: number | null }[] };
    expect(Object.keys(previous)).toEqual(['scores']);
    expect(previous.scores).toHaveLength(10);
    expect(previous.scores.find((s) => s.area === 'money')).toEqual({ area: 'money', clientScore: 4, workerScore: 2 });
    expect(previous.scores.find((s) => s.area === 'accommodation')).toEqual({ area: 'accommodation', clientScore: 4, workerScore: null });
    const audited = await auditRows(test, saved.headers['x-request-id']);
    expect(audited.find((e) => e.action === 'update')).toMatchObject({ record_type: 'distance-reading', record_id: id, detail: { fields: ['scores'] } });
    expect((await coach.get(`/people/${person.id}`)).body).toContain('Changed: scores');

    // The date and the answer are corrected too; a stale version is refused.
    const dated = await coach.post(`${url}/distance-readings/${id}`, {
      ...readingForm({ readOn: day(-9), all: '4', client: { money: '6', accommodation: '7' }, worker: { money: '2' }, reoffending: 'yes' }),
      version: '2',
    });
    expect(dated.statusCode).toBe(302);
    expect((await readingsOf(episode.id))[0]).toMatchObject({ read_on: day(-9), reoffending: 'yes', version: 3 });
    const latest = await test.database.db
      .selectFrom('record_change')
      .select('previous')
      .where('record_id', '=', id)
      .where('version', '=', 3)
      .executeTakeFirstOrThrow();
    expect(latest.previous).toEqual({ read_on: day(-10), reoffending: 'no' });
    const stale = await coach.post(`${url}/distance-readings/${id}`, { ...readingForm({ all: '9' }), version: '1' });
    expect(stale.statusCode).toBe(409);
    expect((await scoresOf(id)).find((s) => s.area === 'money')?.client_score).toBe(6);
  });

  it('takes a reading entered in error off the chart and its table, and strikes it through on the sign-up', async () => {
    const { person, episode, url } = await signUp();
    await coach.post(`${url}/distance-readings`, readingForm({ readOn: day(-20), all: '3' }));
    await coach.post(`${url}/distance-readings`, readingForm({ readOn: day(-5), all: '8' }));
    const before = (await coach.get(`/people/${person.id}`)).body;
    expect(before).toContain(`<th scope="col" class="govuk-table__header">${ukDate(day(-5))}</th>`);
    const wrong = (await readingsOf(episode.id))[1];
    const marked = await coach.post(`${url}/distance-readings/${wrong?.id}/entered-in-error`, { reason: 'Scored the wrong client', version: '1' });
    expect(marked.statusCode).toBe(302);
    const after = (await coach.get(`/people/${person.id}`)).body;
    expect(after).not.toContain(`<th scope="col" class="govuk-table__header">${ukDate(day(-5))}</th>`);
    expect(after).toContain(`<th scope="col" class="govuk-table__header">${ukDate(day(-20))}</th>`);
    expect(after).not.toContain(`>${ukDate(day(-5))}</text>`);
    expect(after).toContain('One reading so far, scored 3');
    const signUpPage = (await coach.get(`${url}/needs-and-plan`)).body;
    expect(signUpPage).toMatch(new RegExp(`<tr class="govuk-table__row app-entered-in-error">\\s*<td class="govuk-table__cell">${ukDate(day(-5))}<br>`));
    expect(signUpPage).toMatch(new RegExp(`<tr class="govuk-table__row">\\s*<td class="govuk-table__cell">${ukDate(day(-20))}<br>`));
    expect(signUpPage).toContain('Scored the wrong client');
    expect((await coach.get(`${url}/distance-readings/${wrong?.id}`)).statusCode).toBe(400);
  });
});

describe('the person page', () => {
  it('charts each area’s client score over the readings of all their sign-ups, with the data table', async () => {
    const leaderId = (await demoUser(test, 'team_leader')).id;
    const person = await buildPerson(test);
    const earlier = await buildEpisode(test, { personId: person.id, signed_up_on: day(-400), closed_on: day(-300), closure_reason: 'support_completed' });
    const current = await buildEpisode(test, { personId: person.id, signed_up_on: day(-100), workers: { community_life_coach: coachId } });
    await buildReading(test, { episodeId: earlier.id, readOn: day(-350), workerId: leaderId, scores: { accommodation: 4, money: [4, 2] } });
    await buildReading(test, { episodeId: current.id, readOn: day(-50), workerId: coachId, scores: { accommodation: 5, money: 5 } });
    await buildReading(test, { episodeId: current.id, readOn: day(-40), workerId: coachId, scores: { accommodation: 1, money: 1 }, inError: 'Wrong person' });
    await buildReading(test, { episodeId: current.id, readOn: day(-10), workerId: coachId, scores: { accommodation: 6, money: [5, 7] } });
    const response = await coach.get(`/people/${person.id}`);
    expect(response.statusCode).toBe(200);
    const page = response.body;
    const svg = page.match(/<svg [^>]*role="img"[\s\S]*?<\/svg>/)?.[0] ?? '';
    expect(svg).toContain('aria-labelledby="distance-chart-title distance-chart-desc"');
    expect(svg).toContain('<title id="distance-chart-title">Distance travelled: the client’s scores by area</title>');
    expect(decodeEntities(svg)).toContain(`at each of 3 readings, from ${ukDate(day(-350))} to ${ukDate(day(-10))}. 1 of 2 areas have improved by 2 or more.`);
    expect([...svg.matchAll(/data-kind="chart"/g)]).toHaveLength(6);
    for (const iso of [day(-350), day(-50), day(-10)]) expect(svg).toContain(`>${ukDate(iso)}</text>`);
    expect(svg).not.toContain(`>${ukDate(day(-40))}</text>`);

    const table =
      page.match(
        /<table class="govuk-table">\s*<caption class="govuk-table__caption govuk-table__caption--s">The client’s score at each reading[\s\S]*?<\/table>/,
      )?.[0] ?? '';
    const cells = [...table.matchAll(/<t[hd][^>]*>([^<]*)<\/t[hd]>/g)].map((m) => m[1]);
    expect(cells).toEqual([
      'Area',
      ukDate(day(-350)),
      ukDate(day(-50)),
      ukDate(day(-10)),
      'Somewhere settled to live',
      '4',
      '5',
      '6',
      'Managing money',
      '4 (worker: 2)',
      '5',
      '5 (worker: 7)',
    ]);
    expect(page).toMatch(/Somewhere settled to live\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*Improved, from 4 to 6/);
    expect(page).toMatch(/Managing money\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*Not improved, from 4 to 5/);
    expect(page).toContain('Distance travelled reading');
  });

  it('counts an area improved when the latest is at least the first plus the programme’s threshold', async () => {
    const { person, episode } = await signUp();
    await buildReading(test, { episodeId: episode.id, readOn: day(-30), workerId: coachId, scores: { wellbeing: 4, family: 4 } });
    await buildReading(test, { episodeId: episode.id, readOn: day(-2), workerId: coachId, scores: { wellbeing: 6, family: 5 } });
    let page = (await coach.get(`/people/${person.id}`)).body;
    expect(page).toContain('at least 2 more than their first');
    expect(page).toMatch(/Mental health and well-being\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*Improved, from 4 to 6/);
    expect(page).toMatch(/Relationships and family\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*Not improved, from 4 to 5/);
    await test.database.db.updateTable('programme').set({ distance_improvement: 1 }).where('slug', '=', 'roop').execute();
    try {
      page = (await coach.get(`/people/${person.id}`)).body;
      expect(page).toMatch(/Relationships and family\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*Improved, from 4 to 5/);
    } finally {
      await test.database.db.updateTable('programme').set({ distance_improvement: 2 }).where('slug', '=', 'roop').execute();
    }
  });

  it('says there are no readings yet, and draws one reading alone', async () => {
    const { person, episode } = await signUp();
    expect((await coach.get(`/people/${person.id}`)).body).toContain('No distance travelled readings yet.');
    await buildReading(test, { episodeId: episode.id, readOn: day(-2), workerId: coachId, scores: { money: 3 } });
    const page = (await coach.get(`/people/${person.id}`)).body;
    expect([...page.matchAll(/data-kind="chart"/g)]).toHaveLength(1);
    expect(page).toContain('One reading so far, scored 3');
  });
});

describe('the API', () => {
  it('records, lists and corrects readings, and refuses what the pages refuse', async () => {
    const { person, episode } = await signUp();
    const headers = await apiHeaders('community_life_coach');
    const base = `/api/v1/people/${person.id}/sign-ups/${episode.id}/distance-readings`;
    const scores = areas.map((a) => ({ area: a.code, clientScore: 5 }));

    const created = await test.app.inject({
      method: 'POST',
      url: base,
      headers,
      payload: { readOn: day(-4), reoffending: 'no', scores: [...scores.slice(1), { area: areas[0]?.code, clientScore: 3, workerScore: 6 }] },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    expect((await auditRows(test, created.headers['x-request-id'])).map((e) => e.action)).toContain('create');

    const missing = await test.app.inject({ method: 'POST', url: base, headers, payload: { readOn: day(-4), reoffending: 'no', scores: scores.slice(1) } });
    expect(missing.statusCode).toBe(400);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.json().errors).toEqual([{ field: `client-${areas[0]?.code}`, message: `Enter the client’s score for ${areas[0]?.label}, from 1 to 10` }]);
    const unknown = await test.app.inject({
      method: 'POST',
      url: base,
      headers,
      payload: { readOn: day(-4), reoffending: 'no', scores: [...scores, { area: 'astrology', clientScore: 5 }] },
    });
    expect(unknown.statusCode).toBe(400);
    const outOfRange = await test.app.inject({
      method: 'POST',
      url: base,
      headers,
      payload: { readOn: day(-4), reoffending: 'no', scores: [{ area: 'money', clientScore: 11 }] },
    });
    expect(outOfRange.statusCode).toBe(400);
    expect(await readingsOf(episode.id)).toHaveLength(1);

    const listed = await test.app.inject({ url: base, headers });
    expect(listed.statusCode).toBe(200);
    const [reading] = listed.json().readings;
    expect(reading).toMatchObject({ id, readOn: day(-4), reoffending: 'no', reoffendingLabel: 'No', version: 1, enteredInErrorReason: null, mayCorrect: true });
    expect(reading.scores[0]).toEqual({ area: areas[0]?.code, areaLabel: areas[0]?.label, clientScore: 3, workerScore: 6 });
    expect((await auditRows(test, listed.headers['x-request-id'])).map((e) => e.action)).toContain('read');

    const corrected = await test.app.inject({
      method: 'PUT',
      url: `${base}/${id}`,
      headers,
      payload: { readOn: day(-4), reoffending: 'yes', scores, version: 1 },
    });
    expect(corrected.statusCode).toBe(204);
    expect((await scoresOf(id)).find((s) => s.area === areas[0]?.code)).toEqual({ area: areas[0]?.code, client_score: 5, worker_score: null });
    const change = await test.database.db.selectFrom('record_change').select('previous').where('record_id', '=', id).executeTakeFirstOrThrow();
    expect((change.previous as { reoffending: string }).reoffending).toBe('no');
    const stale = await test.app.inject({ method: 'PUT', url: `${base}/${id}`, headers, payload: { readOn: day(-4), reoffending: 'no', scores, version: 1 } });
    expect(stale.statusCode).toBe(409);

    const marked = await test.app.inject({ method: 'POST', url: `${base}/${id}/entered-in-error`, headers, payload: { reason: 'Duplicate', version: 2 } });
    expect(marked.statusCode).toBe(204);
    expect((await test.app.inject({ url: base, headers })).json().readings[0]).toMatchObject({ enteredInErrorReason: 'Duplicate', mayCorrect: false });
  });
});
