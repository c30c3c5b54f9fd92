import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { today } from '../../src/http/date-fields.ts';
import { buildAction, buildAppointment, buildWorker } from '../support/caseload.ts';
import { buildContact, buildEpisode, buildPerson, userIdByEmail } from '../support/journey.ts';
import { closeEpisode, reopenEpisode } from '../../src/modules/custody/service.ts';
import { auditRows, buildTestApp, ctxAs, decodeEntities, errorSummary, sessionAs, sessionFor, type TestApp } from '../support/test-app.ts';

let test: TestApp;
const day = (offset: number) => {
  const date = new Date(`${today()}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + offset);
  return date.toISOString().slice(0, 10);
};
const ids: Record<string, string> = {};

/** The client names in the list's table, in order. */
const clients = (html: string) => {
  const table = html.match(/<table class="govuk-table app-caseload"[\s\S]*?<\/table>/)?.[0] ?? '';
  return [...table.matchAll(/<a class="govuk-link" href="\/people\/[^"]+\/sign-ups\/[^"]+">([^<]+)<\/a>/g)].map((match) => match[1]);
};
/** The cells of a client's row, as text. */
const rowOf = (html: string, name: string) => {
  const row =
    [...html.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)].map((match) => match[1] ?? '').find((cells) => cells.includes(`>${name}</a>`)) ?? '';
  return [...row.matchAll(/<td class="govuk-table__cell"[^>]*>([\s\S]*?)<\/td>/g)].map((match) =>
    decodeEntities(
      (match[1] ?? '')
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    ),
  );
};

beforeAll(async () => {
  test = await buildTestApp();
  const coach = await userIdByEmail(test, 'community.coach@roop.example');
  ids.coach = coach;
  const mine = { workers: { community_life_coach: coach } };
  const ann = await buildPerson(test, { first_name: 'Ann', last_name: 'Prison', risk_to_staff: true, risk_note: 'Threatened staff' });
  await buildEpisode(test, { personId: ann.id, signed_up_on: day(-20), expected_liberation_on: day(10), prison_number: 'A1234BC', ...mine });
  const ben = await buildPerson(test, { first_name: 'Ben', last_name: 'Fresh' });
  await buildEpisode(test, { personId: ben.id, signed_up_on: day(-40), liberated_on: today(), ...mine });
  const cara = await buildPerson(test, { first_name: 'Cara', last_name: 'Engaged' });
  const caraEpisode = await buildEpisode(test, { personId: cara.id, signed_up_on: day(-60), liberated_on: day(-30), ...mine });
  await buildContact(test, { episodeId: caraEpisode.id, contactOn: day(-3) });
  await buildAppointment(test, { episodeId: caraEpisode.id, workerId: coach, plannedOn: day(2), plannedTime: '10:30', withWhom: 'Jobcentre' });
  await buildAction(test, { episodeId: caraEpisode.id, dueOn: day(5), goal: 'Bank account' });
  const dan = await buildPerson(test, { first_name: 'Dan', last_name: 'Quiet' });
  const danEpisode = await buildEpisode(test, { personId: dan.id, signed_up_on: day(-60), liberated_on: day(-40), ...mine });
  await buildContact(test, { episodeId: danEpisode.id, contactOn: day(-35) });
  await buildAction(test, { episodeId: danEpisode.id, dueOn: day(-1), goal: 'Housing benefit' });
  await buildAction(test, { episodeId: danEpisode.id, dueOn: day(-9), goal: 'Done already', status: 'done' });
  await buildAction(test, { episodeId: danEpisode.id, dueOn: day(-8), goal: 'Wrong client', inError: true });
  await buildAppointment(test, { episodeId: danEpisode.id, workerId: coach, plannedOn: day(-2), withWhom: 'Yesterday’s meeting' });
  await buildAppointment(test, { episodeId: danEpisode.id, workerId: coach, plannedOn: day(-3), withWhom: 'Cancelled', status: 'cancelled' });
  await buildAppointment(test, { episodeId: danEpisode.id, workerId: coach, plannedOn: day(-4), withWhom: 'In error', inError: true });
  const eve = await buildPerson(test, { first_name: 'Eve', last_name: 'Closed' });
  await buildEpisode(test, { personId: eve.id, signed_up_on: day(-90), liberated_on: day(-80), closed_on: day(-10), ...mine });

  const otherCoach = await buildWorker(test, { role: 'community_life_coach', teamName: 'Glasgow team', name: 'Other Coach' });
  ids.otherCoach = otherCoach.id;
  const fay = await buildPerson(test, { first_name: 'Fay', last_name: 'Other' });
  ids.fayEpisode = (await buildEpisode(test, { personId: fay.id, signed_up_on: day(-10), workers: { community_life_coach: otherCoach.id } })).id;
  ids.fay = fay.id;
  const gus = await buildPerson(test, { first_name: 'Gus', last_name: 'Nobody' });
  ids.gusEpisode = (await buildEpisode(test, { personId: gus.id, signed_up_on: day(-5) })).id;
  ids.gus = gus.id;
  const ivy = await buildPerson(test, { first_name: 'Ivy', last_name: 'Former' });
  const ivyEpisode = await buildEpisode(test, { personId: ivy.id, signed_up_on: day(-50), ...mine });
  await test.database.db
    .updateTable('assignment')
    .set({ to_on: day(-1), ended_at: new Date() })
    .where('episode_id', '=', ivyEpisode.id)
    .execute();

  const lanark = await buildWorker(test, { role: 'community_life_coach', teamName: 'Lanarkshire team', name: 'Lanark Coach' });
  ids.lanark = lanark.id;
  const hal = await buildPerson(test, { first_name: 'Hal', last_name: 'Lanark', teamName: 'Lanarkshire team' });
  await buildEpisode(test, { personId: hal.id, signed_up_on: day(-10), teamName: 'Lanarkshire team', workers: { community_life_coach: lanark.id } });

  const pager = await buildWorker(test, { role: 'prison_life_coach', teamName: 'Glasgow team', name: 'Paging Coach' });
  ids.pager = pager.id;
  for (let n = 1; n <= 30; n += 1) {
    const person = await buildPerson(test, { first_name: 'Page', last_name: `Client${String(n).padStart(2, '0')}`, teamName: 'South West team' });
    await buildEpisode(test, {
      personId: person.id,
      signed_up_on: day(-5),
      expected_liberation_on: day(n),
      teamName: 'South West team',
      workers: { prison_life_coach: pager.id },
    });
  }
});
afterAll(() => test.close());

describe('My caseload', () => {
  it('lists the clients the worker is assigned to now, by stage, with a count for each stage', async () => {
    const coach = await sessionAs(test, 'community_life_coach');
    const expected: Record<string, string[]> = {
      '': ['Cara Engaged', 'Ben Fresh', 'Ann Prison', 'Dan Quiet'],
      'in-prison': ['Ann Prison'],
      'liberated-this-week': ['Ben Fresh'],
      engaged: ['Cara Engaged', 'Dan Quiet'],
      'not-engaged': ['Ben Fresh'],
      closed: ['Eve Closed'],
    };
    for (const [stage, names] of Object.entries(expected)) {
      const page = await coach.get(`/caseload${stage ? `?stage=${stage}` : ''}`);
      expect(page.statusCode).toBe(200);
      expect(clients(page.body), stage).toEqual(names);
    }
    const page = (await coach.get('/caseload')).body;
    for (const label of ['All open (4)', 'In prison (1)', 'Liberated this week (1)', 'Engaged (2)', 'Not engaged yet (1)', 'Closed (1)'])
      expect(page).toContain(label);
    expect(page).toContain('Showing 1 to 4 of 4 clients');
  });

  it('shows each client’s prison number, stage, liberation, last contact, what is next and flags, in words', async () => {
    const page = (await (await sessionAs(test, 'community_life_coach')).get('/caseload')).body;
    const fmt = (iso: string) =>
      new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
    expect(rowOf(page, 'Ann Prison')).toEqual(['Ann Prison', 'A1234BC', 'In prison', `${fmt(day(10))} Expected`, 'None', 'Nothing planned', 'Risk to staff']);
    expect(rowOf(page, 'Ben Fresh').slice(2, 4)).toEqual(['Not engaged yet', `${fmt(today())} Liberated`]);
    expect(rowOf(page, 'Cara Engaged').slice(2, 6)).toEqual([
      'Engaged',
      `${fmt(day(-30))} Liberated`,
      fmt(day(-3)),
      `${fmt(day(2))}, 10:30 Appointment with an agency (Jobcentre)`,
    ]);
    // The past, cancelled and in-error appointments and the done and in-error actions are not next; the overdue action is.
    expect(rowOf(page, 'Dan Quiet')[5]).toBe(`${fmt(day(-1))} Action: Housing benefit Overdue`);
    expect(page).toContain(`href="/people/`);
    expect(page).not.toMatch(/not_engaged|community_life_coach|in-prison<\/td>/);
  });

  it('sorts by client, liberation date, last contact and what is next, either way, with aria-sort on the header', async () => {
    const coach = await sessionAs(test, 'community_life_coach');
    expect(clients((await coach.get('/caseload?sort=client&order=desc')).body)).toEqual(['Dan Quiet', 'Ann Prison', 'Ben Fresh', 'Cara Engaged']);
    expect(clients((await coach.get('/caseload?sort=liberation&order=asc')).body)).toEqual(['Dan Quiet', 'Cara Engaged', 'Ben Fresh', 'Ann Prison']);
    expect(clients((await coach.get('/caseload?sort=last-contact&order=desc')).body)).toEqual(['Cara Engaged', 'Dan Quiet', 'Ben Fresh', 'Ann Prison']);
    const byNextPage = await coach.get('/caseload?sort=next&order=asc');
    expect(byNextPage.statusCode, byNextPage.body.slice(0, 3000)).toBe(200);
    const byNext = byNextPage.body;
    expect(clients(byNext)).toEqual(['Dan Quiet', 'Cara Engaged', 'Ben Fresh', 'Ann Prison']);
    expect(byNext).toContain('aria-sort="ascending"><a class="govuk-link govuk-link--no-visited-state" href="/caseload?sort=next&amp;order=desc">Next</a>');
    expect(byNext).toContain('aria-sort="none"><a class="govuk-link govuk-link--no-visited-state" href="/caseload">Client</a>');
  });

  it('pages 25 at a time, the pagination keeping the filter and the sort', async () => {
    const pager = await sessionFor(test, ids.pager ?? '');
    const first = (await pager.get('/caseload?stage=in-prison&sort=liberation&order=desc')).body;
    expect(clients(first)).toHaveLength(25);
    expect(clients(first)[0]).toBe('Page Client30');
    expect(first).toContain('Showing 1 to 25 of 30 clients');
    expect(first).toContain('href="/caseload?stage=in-prison&amp;sort=liberation&amp;order=desc&amp;page=2"');
    const second = (await pager.get('/caseload?stage=in-prison&sort=liberation&order=desc&page=2')).body;
    expect(clients(second)).toEqual(['Page Client05', 'Page Client04', 'Page Client03', 'Page Client02', 'Page Client01']);
    expect(second).toContain('Showing 26 to 30 of 30 clients');
    expect(second).toContain('href="/caseload?stage=in-prison&amp;sort=liberation&amp;order=desc"');
    expect(clients((await pager.get('/caseload?page=3')).body)).toEqual([]);
  });

  it('refuses a bad filter with the error summary, not a failure', async () => {
    const coach = await sessionAs(test, 'community_life_coach');
    for (const [url, message] of [
      ['/caseload?stage=somewhere', 'Select a stage from the list'],
      ['/caseload?page=two', 'The page must be a number'],
      ['/caseload?sort=age', 'Sort by one of the columns'],
      ['/caseload?worker=unallocated', 'Select a stage from the list'],
    ] as const) {
      const page = await coach.get(url);
      expect(page.statusCode, url).toBe(400);
      expect(errorSummary(page.body), url).toContain(message);
    }
  });

  it('is audited as a list of people, and shows a worker of another team only their own clients', async () => {
    const page = await (await sessionFor(test, ids.lanark ?? '')).get('/caseload');
    expect(clients(page.body)).toEqual(['Hal Lanark']);
    expect((await auditRows(test, page.headers['x-request-id'])).map((row) => [row.action, row.record_type])).toContainEqual(['list', 'person']);
  });
});

describe('Team caseload', () => {
  it('lists the team’s open sign-ups with their workers, by worker, and the unallocated queue', async () => {
    const leader = await sessionAs(test, 'team_leader');
    const all = (await leader.get('/team/caseload')).body;
    expect(clients(all)).toEqual(['Cara Engaged', 'Ivy Former', 'Ben Fresh', 'Gus Nobody', 'Fay Other', 'Ann Prison', 'Dan Quiet']);
    expect(rowOf(all, 'Fay Other').at(-1)).toBe('Other Coach');
    expect(rowOf(all, 'Gus Nobody').at(-1)).toBe('Nobody');
    expect(all).toContain('Unallocated clients (2)');
    expect(clients((await leader.get(`/team/caseload?worker=${ids.coach}`)).body)).toEqual(['Cara Engaged', 'Ben Fresh', 'Ann Prison', 'Dan Quiet']);
    const queue = (await leader.get('/team/caseload?worker=unallocated')).body;
    expect(clients(queue)).toEqual(['Ivy Former', 'Gus Nobody']);
    expect(queue).toContain('All open (2)');
    expect((await leader.get('/team/caseload?stage=closed')).statusCode).toBe(400);
  });

  it('is for team leaders only', async () => {
    expect((await (await sessionAs(test, 'community_life_coach')).get('/team/caseload')).statusCode).toBe(403);
  });
});

describe('Moving selected clients', () => {
  const versionOf = async (episodeId: string) =>
    (await test.database.db.selectFrom('episode').select('version').where('id', '=', episodeId).executeTakeFirstOrThrow()).version;
  const currentWorker = async (episodeId: string) =>
    (await test.database.db.selectFrom('assignment').select('worker_id').where('episode_id', '=', episodeId).where('to_on', 'is', null).execute()).map(
      (row) => row.worker_id,
    );

  it('refuses when nothing is selected, or the worker is not a caseworker of the team, changing nothing', async () => {
    const leader = await sessionAs(test, 'team_leader');
    const manager = await userIdByEmail(test, 'manager@roop.example');
    const gus = `${ids.gusEpisode}:${await versionOf(ids.gusEpisode ?? '')}`;
    for (const [form, message] of [
      [{ workerId: ids.coach ?? '' }, 'Select the clients to move'],
      [{ episodes: gus, workerId: ids.lanark ?? '' }, 'Select a caseworker in your team'],
      [{ episodes: gus, workerId: manager }, 'Select a caseworker in your team'],
      [{ episodes: gus, workerId: '' }, 'Select who to move them to'],
    ] as const) {
      const page = await leader.post('/team/caseload/move', form);
      expect(page.statusCode).toBe(400);
      expect(errorSummary(page.body)).toContain(message);
    }
    expect(await currentWorker(ids.gusEpisode ?? '')).toEqual([]);
  });

  it('refuses the whole move when one sign-up has changed since the list was shown', async () => {
    const leader = await sessionAs(test, 'team_leader');
    const fresh = `${ids.gusEpisode}:${await versionOf(ids.gusEpisode ?? '')}`;
    const stale = `${ids.fayEpisode}:${(await versionOf(ids.fayEpisode ?? '')) - 1}`;
    const page = await postMove(leader, [
      ['episodes', fresh],
      ['episodes', stale],
      ['workerId', ids.coach ?? ''],
    ]);
    expect(page.statusCode).toBe(409);
    expect(errorSummary(page.body)[0]).toMatch(/^Someone else changed one or more of these sign-ups/);
    expect(await currentWorker(ids.gusEpisode ?? '')).toEqual([]);
    expect(await currentWorker(ids.fayEpisode ?? '')).toEqual([ids.otherCoach]);
  });

  it('moves each selected client to the worker, ending their current worker of that part, and audits each person', async () => {
    const leader = await sessionAs(test, 'team_leader');
    const selection = async (id: string | undefined) => `${id}:${await versionOf(id ?? '')}`;
    const page = await postMove(
      leader,
      [
        ['episodes', await selection(ids.gusEpisode)],
        ['episodes', await selection(ids.fayEpisode)],
        ['workerId', ids.coach ?? ''],
      ],
      '?worker=unallocated',
    );
    expect(page.statusCode).toBe(302);
    expect(page.headers.location).toBe('/team/caseload?worker=unallocated');
    expect(await currentWorker(ids.gusEpisode ?? '')).toEqual([ids.coach]);
    expect(await currentWorker(ids.fayEpisode ?? '')).toEqual([ids.coach]);
    const ended = await test.database.db
      .selectFrom('assignment')
      .select(['worker_id', 'to_on', 'end_reason'])
      .where('episode_id', '=', ids.fayEpisode ?? '')
      .where('to_on', 'is not', null)
      .execute();
    expect(ended).toEqual([{ worker_id: ids.otherCoach, to_on: today(), end_reason: 'Moved by a team leader from the team caseload' }]);
    const audited = await auditRows(test, page.headers['x-request-id']);
    expect(
      audited
        .filter((row) => row.action === 'update' && row.record_type === 'person')
        .map((row) => row.record_id)
        .sort(),
    ).toEqual([ids.fay, ids.gus].sort());
    const after = (await leader.get('/team/caseload?worker=unallocated')).body;
    expect(after).toContain('2 clients moved to Jamie Docherty');
    expect(clients(after)).toEqual(['Ivy Former']);
    expect(clients((await (await sessionAs(test, 'community_life_coach')).get('/caseload')).body)).toContain('Gus Nobody');
  });
});

/** Posts the move form with several boxes ticked, as a browser does. */
async function postMove(browser: Awaited<ReturnType<typeof sessionAs>>, fields: [string, string][], query = '') {
  const csrf = await browser.csrfToken('/account');
  return test.app.inject({
    method: 'POST',
    url: `/team/caseload/move${query}`,
    cookies: browser.cookies,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams([...fields, ['_csrf', csrf]]).toString(),
  });
}

describe('Home pages', () => {
  const rowsIn = (html: string, id: string) =>
    (html.match(new RegExp(`<table class="govuk-table" id="${id}">[\\s\\S]*?</table>`))?.[0] ?? '').match(/<tr class="govuk-table__row">/g)?.length ?? 0;

  it('show the first 20 rows of a list, with a link to all of it, a page at a time', async () => {
    const pager = await sessionFor(test, ids.pager ?? '');
    const home = (await pager.get('/')).body;
    expect(rowsIn(home, 'liberations')).toBe(21); // the header row and 20
    expect(home).toContain('Liberations in the next six weeks (30)');
    expect(home).toContain(
      '<a class="govuk-link" href="/caseload/liberations">View all 30<span class="govuk-visually-hidden"> – Liberations in the next six weeks</span></a>',
    );
    expect(home).not.toContain('href="/caseload/gate">View all');
    const first = await pager.get('/caseload/liberations');
    expect(first.statusCode).toBe(200);
    expect(rowsIn(first.body, 'liberations')).toBe(26);
    expect(first.body).toContain('Showing 1 to 25 of 30');
    expect(first.body).toContain('href="/caseload/liberations?page=2"');
    const second = (await pager.get('/caseload/liberations?page=2')).body;
    expect(second).toContain('Showing 26 to 30 of 30');
    expect(second.match(/>Page Client\d+</g)).toEqual(['>Page Client26<', '>Page Client27<', '>Page Client28<', '>Page Client29<', '>Page Client30<']);
    expect((await auditRows(test, first.headers['x-request-id'])).map((row) => row.action)).toContain('list');
    expect((await pager.get('/caseload/everything')).statusCode).toBe(404);
  });

  it('link each role only to pages that exist and that role may open, caseworkers to their caseload and diary', async () => {
    for (const role of [
      'prison_life_coach',
      'community_life_coach',
      'employment_consultant',
      'family_support_coordinator',
      'team_leader',
      'manager',
      'analyst',
      'partner_agency',
      'administrator',
    ] as const) {
      const browser = await sessionAs(test, role);
      const home = (await browser.get('/')).body;
      const work = home.match(/<ul class="govuk-list govuk-list--bullet" id="your-work">[\s\S]*?<\/ul>/)?.[0] ?? '';
      const links = [...work.matchAll(/href="([^"]+)"/g)].map((match) => decodeEntities(match[1] ?? ''));
      if (role !== 'partner_agency') expect(links.length, role).toBeGreaterThan(0);
      if (['prison_life_coach', 'community_life_coach', 'employment_consultant', 'family_support_coordinator', 'team_leader'].includes(role))
        expect(links, role).toEqual(expect.arrayContaining(['/caseload', '/diary']));
      if (role === 'team_leader') expect(links).toEqual(expect.arrayContaining(['/team/caseload', '/team/caseload?worker=unallocated']));
      for (const href of links.filter((link) => link !== '/diary')) expect((await browser.get(href)).statusCode, `${role} ${href}`).toBe(200);
      expect(home, role).not.toMatch(/Supervision to record|Funder and partner returns|Referrals waiting for your answer/);
    }
  });
});

describe('A sign-up closed and reopened', () => {
  it('leaves the open stages and the home page when it closes, and comes back when it is reopened', async () => {
    const fay = await buildPerson(test, { first_name: 'Fay', last_name: 'Closing' });
    const episode = await buildEpisode(test, { personId: fay.id, signed_up_on: day(-70), liberated_on: day(-50), workers: { community_life_coach: ids.coach } });
    const coach = await sessionAs(test, 'community_life_coach');
    const version = async () =>
      (await test.database.db.selectFrom('episode').select('version').where('id', '=', episode.id).executeTakeFirstOrThrow()).version;
    const seen = async () => ({
      open: clients((await coach.get('/caseload')).body).includes('Fay Closing'),
      closed: clients((await coach.get('/caseload?stage=closed')).body).includes('Fay Closing'),
      home: (await coach.get('/')).body.includes('Fay Closing'),
    });
    expect(await seen()).toEqual({ open: true, closed: false, home: true });

    const input = { closedOn: day(-1), closureReason: 'returned_to_custody' };
    await closeEpisode({ ctx: await ctxAs(test, 'community_life_coach'), personId: fay.id, episodeId: episode.id, version: await version(), input });
    expect(await seen()).toEqual({ open: false, closed: true, home: false });
    expect((await coach.get('/caseload')).body).toContain('Closed (2)');

    await reopenEpisode({ ctx: await ctxAs(test, 'team_leader'), personId: fay.id, episodeId: episode.id, version: await version() });
    expect(await seen()).toEqual({ open: true, closed: false, home: true });
  });
});
