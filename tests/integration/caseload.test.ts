import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { today } from '../../src/http/date-fields.ts';
import { buildContact, buildEpisode, buildPerson, buildVisit, programmeId, userIdByEmail } from '../support/journey.ts';
import { buildTestApp, sessionAs, type TestApp } from '../support/test-app.ts';

let test: TestApp;
const day = (offset: number) => {
  const date = new Date(`${today()}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + offset);
  return date.toISOString().slice(0, 10);
};
const section = (html: string, id: string) => html.match(new RegExp(`<table class="govuk-table" id="${id}">[\\s\\S]*?</table>`))?.[0] ?? '';

beforeAll(async () => {
  test = await buildTestApp();
  const coach = await userIdByEmail(test, 'community.coach@roop.example');
  const mine = { workers: { community_life_coach: coach } };

  const soon = await buildPerson(test, { first_name: 'Soon', last_name: 'Released' });
  const soonEpisode = await buildEpisode(test, { personId: soon.id, signed_up_on: day(-20), expected_liberation_on: day(10), ...mine });
  await buildVisit(test, { episodeId: soonEpisode.id, visitedOn: day(-5) });

  const quiet = await buildPerson(test, { first_name: 'Gone', last_name: 'Quiet' });
  const quietEpisode = await buildEpisode(test, { personId: quiet.id, signed_up_on: day(-60), liberated_on: day(-30), ...mine });
  await buildContact(test, { episodeId: quietEpisode.id, contactOn: day(-15) });
  await buildContact(test, { episodeId: quietEpisode.id, contactOn: day(-2), outcome: 'no_answer' });

  const busy = await buildPerson(test, { first_name: 'Keeping', last_name: 'Touch' });
  const busyEpisode = await buildEpisode(test, { personId: busy.id, signed_up_on: day(-60), liberated_on: day(-30), gate_status: 'met', ...mine });
  await buildContact(test, { episodeId: busyEpisode.id, contactOn: day(-3) });
  await test.database.db
    .insertInto('plan_action')
    .values({ programme_id: await programmeId(test), episode_id: busyEpisode.id, domain: 'finance', goal: 'Benefits in place', action: 'Book the jobcentre appointment', owner_text: null, due_on: day(-1), created_by: null })
    .execute();

  const gate = await buildPerson(test, { first_name: 'Gate', last_name: 'Thisweek' });
  await buildEpisode(test, { personId: gate.id, signed_up_on: day(-40), expected_liberation_on: today(), gate_status: 'planned', ...mine });

  const closed = await buildPerson(test, { first_name: 'Long', last_name: 'Closed' });
  await buildEpisode(test, { personId: closed.id, signed_up_on: day(-90), liberated_on: day(-80), closed_on: day(-40), ...mine });
});
afterAll(() => test.close());

describe('a worker’s home page', () => {
  it('shows their liberations with visit counts, gate meetings, quiet clients and overdue actions', async () => {
    const page = (await (await sessionAs(test, 'community_life_coach')).get('/')).body;
    expect(section(page, 'liberations')).toContain('Soon Released');
    expect(section(page, 'liberations')).toContain('1 visit');
    expect(section(page, 'gate')).toContain('Gate Thisweek');
    const quiet = section(page, 'no-contact');
    expect(quiet).toContain('Gone Quiet');
    expect(quiet).not.toContain('Keeping Touch');
    expect(quiet).not.toContain('Long Closed');
    expect(section(page, 'overdue')).toContain('Book the jobcentre appointment');
  });

  it('shows a team leader the same for the team, with each worker’s caseload', async () => {
    const page = (await (await sessionAs(test, 'team_leader')).get('/')).body;
    expect(section(page, 'no-contact')).toContain('Gone Quiet');
    expect(section(page, 'caseloads')).toMatch(/Jamie Docherty<\/a><\/td><td class="govuk-table__cell">Community life coach<\/td><td class="govuk-table__cell govuk-table__cell--numeric">4</);
  });

  it('shows another worker none of it', async () => {
    const page = (await (await sessionAs(test, 'prison_life_coach')).get('/')).body;
    expect(page).not.toContain('Gone Quiet');
    expect(section(page, 'liberations')).toContain('No liberations expected');
  });

  it('uses the programme’s own number of days for "no contact"', async () => {
    await test.database.db.updateTable('programme').set({ no_contact_days: 30 }).execute();
    const page = (await (await sessionAs(test, 'community_life_coach')).get('/')).body;
    expect(section(page, 'no-contact')).not.toContain('Gone Quiet');
    expect(section(page, 'no-contact')).toContain('No contact for 30 days or more');
  });
});
