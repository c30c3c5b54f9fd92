import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../src/modules/auth/tokens.ts';
import { buildEpisode, buildPerson } from '../support/journey.ts';
import { auditRows, buildTestApp, decodeEntities, errorSummary, sessionAs, type Browser, type TestApp } from '../support/test-app.ts';
import { buildCase, SUB_PAGES } from '../support/sign-up-page.ts';
import { privacyFields } from '../support/lawful-basis.ts';

let test: TestApp;
let leader: Browser;
let coach: Browser;
beforeAll(async () => {
  test = await buildTestApp();
  leader = await sessionAs(test, 'team_leader');
  coach = await sessionAs(test, 'community_life_coach');
});
afterAll(() => test.close());

/** The page's text without tags, entities decoded and spaces collapsed. */
const text = (html: string) => decodeEntities(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
/** The case header's action buttons, in order. */
const actionsOf = (html: string) => [...(html.match(/<div class="govuk-button-group app-case-header__actions">([\s\S]*?)<\/div>/)?.[1] ?? '').matchAll(/<a [^>]*>\s*([^<]+?)\s*<\/a>/g)].map((m) => m[1]);
const personRow = (id: string) => test.database.db.selectFrom('person').select(['merged_into']).where('id', '=', id).executeTakeFirstOrThrow();

describe('the sign-up page', () => {
  it('starts every sub-page with the case header: stage, workers, liberation, the risk flag, the last contact and the window warning', async () => {
    const { base } = await buildCase(test);
    for (const path of SUB_PAGES) {
      const page = await coach.get(`${base}${path}`);
      expect(page.statusCode, path).toBe(200);
      const words = text(page.body);
      expect(words).toContain('Morag Lennox');
      expect(page.body).toContain('govuk-warning-text');
      expect(words).toContain('Risk to staff: Threatened staff in 2025');
      expect(words).toContain('Stage Engaged');
      expect(words).toContain('Prison life coach: Morag Campbell');
      expect(words).toContain('Community life coach: Jamie Docherty');
      expect(words).toContain('Liberation Liberated 2 November 2026');
      expect(words).toContain('Last contact 5 November 2026');
      expect(words).toContain('Signed up 9 weeks before expected liberation, outside the programme’s window of 4 to 6 weeks');
      expect(page.body).toContain('aria-label="Sections of this sign-up"');
    }
  });

  it('splits the record into sub-pages, each holding its own section and each audited as a read of the person and the sign-up', async () => {
    const { person, episode, base } = await buildCase(test);
    const expected: Record<string, { has: string[]; hasNot: string[] }> = {
      '': { has: ['Sign-up details', 'Liberation and the gate', 'Closure'], hasNot: ['Community engagement', 'Needs and action plan', 'Allocation history'] },
      '/contacts-and-visits': { has: ['Community engagement', '1 contact, newest first', 'Signposted', 'Talked about housing', 'Day-one appointments'], hasNot: ['Sign-up details'] },
      '/needs-and-plan': { has: ['Needs and action plan', 'Needs not assessed yet', 'Distance travelled'], hasNot: ['Community engagement'] },
      '/outcomes-and-employment': { has: ['Outcomes', 'No outcomes recorded yet', 'Employment', 'Job starts'], hasNot: ['Community engagement'] },
      '/returns-to-custody': { has: ['Returns to custody', 'No admission to custody after this liberation is recorded'], hasNot: ['Sign-up details'] },
      '/history': { has: ['Who has worked with them', 'Allocation history (2), newest first', 'Test set-up'], hasNot: ['Community engagement'] },
    };
    for (const [path, { has, hasNot }] of Object.entries(expected)) {
      const page = await leader.get(`${base}${path}`);
      const words = text(page.body);
      for (const phrase of has) expect(words, `${path} has ${phrase}`).toContain(phrase);
      for (const phrase of hasNot) expect(words, `${path} lacks ${phrase}`).not.toContain(phrase);
      expect(page.body, path).toMatch(new RegExp(`<a class="moj-sub-navigation__link" aria-current="page" href="${base}${path}"`));
      const audit = (await auditRows(test, page.headers['x-request-id'])).map((row) => [row.action, row.record_type, row.record_id]);
      expect(audit, path).toEqual(expect.arrayContaining([['read', 'person', person.id], ['read', 'episode', episode.id]]));
    }
    // Help given in words, not the stored code.
    expect((await leader.get(`${base}/contacts-and-visits`)).body).not.toMatch(/>\s*signposted\s*</);
  });

  it('shows only the actions the viewer may take', async () => {
    const { base, person } = await buildCase(test);
    expect(actionsOf((await leader.get(base)).body)).toEqual(['Record a contact', 'Plan an appointment', 'Record an outcome', 'Change who works with them']);
    expect(actionsOf((await coach.get(base)).body)).toEqual(['Record a contact', 'Plan an appointment', 'Record an outcome']);
    const inPrison = await buildEpisode(test, { personId: (await buildPerson(test)).id, signed_up_on: '2026-11-01', expected_liberation_on: '2026-12-06' });
    const prisonPage = await coach.get(`/people/${inPrison.person_id}/sign-ups/${inPrison.id}`);
    expect(actionsOf(prisonPage.body)).toEqual(['Record a contact', 'Plan an appointment', 'Record a pre-release visit', 'Record liberation', 'Record an outcome']);
    expect(text(prisonPage.body)).toContain('Stage In prison');
    expect(text(prisonPage.body)).not.toContain('outside the programme’s window');
    const closed = await buildEpisode(test, { personId: person.id, signed_up_on: '2020-01-01', liberated_on: '2020-02-01', closed_on: '2020-06-01', closure_reason: 'returned_to_custody' });
    const closedPage = await leader.get(`/people/${person.id}/sign-ups/${closed.id}`);
    expect(actionsOf(closedPage.body)).toEqual([]);
    expect(text(closedPage.body)).toContain('Stage Closed');
    expect(text(closedPage.body)).toContain('Closed 1 June 2020: Returned to custody.');
    expect(closedPage.body).not.toContain('returned_to_custody');
    expect(closedPage.body).toContain('Reopen this sign-up');
    expect((await (await sessionAs(test, 'manager')).get(base)).statusCode).toBe(403);
  });

  it('lands links from the person’s timeline on the sub-page that holds the record', async () => {
    const { person, episode } = await buildCase(test);
    const page = await coach.get(`/people/${person.id}`);
    expect(page.body).toContain(`href="/people/${person.id}/sign-ups/${episode.id}/contacts-and-visits"`);
  });
});

describe('the sign-up window', () => {
  it('is set by administrators, whole numbers with the start before the end, and nothing changes on a mistake', async () => {
    const admin = await sessionAs(test, 'administrator');
    const settings = await admin.get('/admin/settings');
    expect(settings.body).toContain('name="signUpWindowMinDays" type="text" value="28"');
    expect(settings.body).toContain('name="signUpWindowMaxDays" type="text" value="42"');
    const rules = { eligibilityMinMonths: '3', eligibilityMaxMonths: '48', noContactDays: '14', inWorkCheckWeeks: '13, 26', distanceImprovement: '2', returnWindowDays: '365', returnMinGroup: '30', returnMinAdjustedGroup: '60', supervisionIntervalWeeks: '4', staffExpiryWarningDays: '60', comparisonMinGroup: '10' };
    const backwards = await admin.post('/admin/settings', { ...rules, signUpWindowMinDays: '42', signUpWindowMaxDays: '28' });
    expect(errorSummary(backwards.body)).toEqual(['Sign up at most must be more days than sign up at least']);
    const fractions = await admin.post('/admin/settings', { ...rules, signUpWindowMinDays: '20.5', signUpWindowMaxDays: 'soon' });
    expect(errorSummary(fractions.body)).toEqual(['Enter a whole number of days', 'Enter the most days before expected liberation to sign up, like 42']);
    const unchanged = await test.database.db.selectFrom('programme').select(['sign_up_window_min_days', 'sign_up_window_max_days']).where('slug', '=', 'roop').executeTakeFirstOrThrow();
    expect(unchanged).toEqual({ sign_up_window_min_days: 28, sign_up_window_max_days: 42 });

    const { base } = await buildCase(test);
    expect((await admin.post('/admin/settings', { ...rules, signUpWindowMinDays: '60', signUpWindowMaxDays: '70' })).statusCode).toBe(302);
    expect(text((await coach.get(base)).body)).not.toContain('outside the programme’s window');
    expect((await admin.post('/admin/settings', { ...rules, signUpWindowMinDays: '30', signUpWindowMaxDays: '45' })).statusCode).toBe(302);
    expect(text((await coach.get(base)).body)).toContain('Signed up 9 weeks before expected liberation, outside the programme’s window of 30 to 45 days');
    expect((await admin.post('/admin/settings', { ...rules, signUpWindowMinDays: '28', signUpWindowMaxDays: '42' })).statusCode).toBe(302);
  });

  it('never refuses a sign-up outside it: the sign-up is saved and the banner says so', async () => {
    const prisonCoach = await sessionAs(test, 'prison_life_coach');
    const person = await buildPerson(test);
    const prison = await test.database.db.selectFrom('prison').select('id').where('name', '=', 'Barlinnie').executeTakeFirstOrThrow();
    const dates = (name: string, [year, month, day]: string[]) => ({ [`${name}-day`]: day ?? '', [`${name}-month`]: month ?? '', [`${name}-year`]: year ?? '' });
    const saved = await prisonCoach.post(`/people/${person.id}/sign-ups`, { ...privacyFields(),
      prisonId: prison.id,
      sentenceMonths: '8',
      previousSentences: '0',
      ...dates('signedUpOn', ['2026', '10', '1']),
      ...dates('expectedLiberationOn', ['2026', '12', '3']),
    });
    expect(saved.statusCode).toBe(302);
    const page = await prisonCoach.get(String(saved.headers.location));
    const banner = text(page.body.match(/<div class="govuk-notification-banner[\s\S]*?<\/div>\s*<\/div>/)?.[0] ?? '');
    expect(banner).toContain('Signed up. Note: signed up 9 weeks before expected liberation, outside the programme’s window of 4 to 6 weeks');
    const inside = await prisonCoach.post(`/people/${(await buildPerson(test)).id}/sign-ups`, { ...privacyFields(),
      prisonId: prison.id,
      sentenceMonths: '8',
      previousSentences: '0',
      ...dates('signedUpOn', ['2026', '10', '1']),
      ...dates('expectedLiberationOn', ['2026', '11', '5']),
    });
    const insidePage = await prisonCoach.get(String(inside.headers.location));
    expect(text(insidePage.body)).toContain('Signed up');
    expect(text(insidePage.body)).not.toContain('outside the programme’s window');
  });
});

describe('merging with a chosen survivor', () => {
  it('keeps the record the team leader chooses, after a swap, and old links lead to it; undo still works', async () => {
    const started = await buildPerson(test, { first_name: 'Darren', last_name: 'Miller', prisonNumber: '201170' });
    const other = await buildPerson(test, { first_name: 'Daren', last_name: 'Millar', prisonNumber: '201171' });
    const episode = await buildEpisode(test, { personId: started.id, signed_up_on: '2026-10-01' });
    const pair = `/people/${started.id}/merge/${other.id}`;

    const confirm = await leader.get(pair);
    expect(text(confirm.body)).toMatch(/Keep this record Name Darren Miller .* Merge this record into it Name Daren Millar/);
    expect(confirm.body).toContain(`<input type="hidden" name="keep" value="${other.id}">`);
    const swapped = await leader.get(`${pair}?keep=${other.id}`);
    expect(text(swapped.body)).toMatch(/Keep this record Name Daren Millar .* Merge this record into it Name Darren Miller/);
    expect(swapped.body).toContain(`name="keep" id="keep" value="${other.id}"`);

    const stranger = await leader.post(pair, { keep: episode.id });
    expect(stranger.statusCode).toBe(400);
    expect(errorSummary(stranger.body)).toEqual(['Choose which record to keep']);
    expect((await personRow(started.id)).merged_into).toBeNull();

    const merged = await leader.post(pair, { keep: other.id });
    expect(merged.headers.location).toBe(`/people/${other.id}`);
    expect((await personRow(started.id)).merged_into).toBe(other.id);
    expect((await personRow(other.id)).merged_into).toBeNull();

    // Old links to the merged-away record: its page and its sign-up's sub-pages lead to the kept record's.
    const old = await leader.get(`/people/${started.id}`);
    expect(old.statusCode).toBe(303);
    expect(old.headers.location).toBe(`/people/${other.id}`);
    const oldSubPage = await leader.get(`/people/${started.id}/sign-ups/${episode.id}/needs-and-plan`);
    expect(oldSubPage.headers.location).toBe(`/people/${other.id}/sign-ups/${episode.id}/needs-and-plan`);
    expect((await leader.get(String(oldSubPage.headers.location))).statusCode).toBe(200);
    const oldForm = await leader.get(`/people/${started.id}/sign-ups/${episode.id}/contacts?from=home`);
    expect(oldForm.headers.location).toBe(`/people/${other.id}/sign-ups/${episode.id}/contacts?from=home`);
    // The API says where it went.
    const leaderRow = await test.database.db.selectFrom('app_user').select(['id', 'programme_id']).where('email', '=', 'team.leader@roop.example').executeTakeFirstOrThrow();
    await test.database.db.insertInto('api_token').values({ programme_id: leaderRow.programme_id, user_id: leaderRow.id, name: 'sign-up page test', token_hash: hashSecret('tc_sign_up_page'), created_by: leaderRow.id }).execute();
    const api = await test.app.inject({ url: `/api/v1/people/${started.id}`, headers: { authorization: 'Bearer tc_sign_up_page' } });
    expect(api.statusCode).toBe(404);
    expect(api.json().detail).toBe(`This record was merged into ${other.id}`);

    const kept = await leader.get(`/people/${other.id}`);
    const mergeId = kept.body.match(/merges\/([0-9a-f-]+)\/undo/)?.[1];
    const undone = await leader.post(`/people/${other.id}/merges/${mergeId}/undo`, {});
    expect(undone.headers.location).toBe(`/people/${started.id}`);
    expect((await personRow(started.id)).merged_into).toBeNull();
    expect((await leader.get(`/people/${started.id}/sign-ups/${episode.id}`)).statusCode).toBe(200);
  });

  it('gives "not found", not a redirect, to someone who may not see the kept record', async () => {
    const otherTeam = await test.database.db.selectFrom('team').select('name').where('name', '!=', 'Glasgow team').executeTakeFirstOrThrow();
    const kept = await buildPerson(test, { teamName: otherTeam.name });
    const merged = await buildPerson(test);
    await test.database.db.updateTable('person').set({ merged_into: kept.id }).where('id', '=', merged.id).execute();
    const page = await leader.get(`/people/${merged.id}`);
    expect(page.statusCode).toBe(404);
    expect(page.headers.location).toBeUndefined();
  });
});
