import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFamilySupportLists } from '../support/family-support-list.ts';
import { buildPerson } from '../support/journey.ts';
import { apiHeadersAs, buildTestApp, demoUser, type TestApp } from '../support/test-app.ts';

/**
 * The family support report's figures after a programme's made-up family support lists are imported
 * (tests/support/family-support-list.ts), worked out by hand from the file, for the three financial
 * years it covers, side by side as the report gives them for 2010-11.
 */
let test: TestApp;
let years: {
  period: { label: string };
  referrals: unknown;
  people: unknown;
  support: { contacts: number; families: number; byType: { code: string; contacts: number }[] };
}[];

beforeAll(async () => {
  test = await buildTestApp();
  for (const [number, last] of [
    ['FA1001', 'Hay'],
    ['FA1002', 'Hay'],
    ['FA1003', 'Gallacher'],
  ] as const) {
    await buildPerson(test, { prisonNumber: number, first_name: 'Client', last_name: last });
  }
  const dir = await mkdtemp(join(tmpdir(), 'family-report-'));
  try {
    await importFamilySupportLists(test, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const headers = await apiHeadersAs(test, (await demoUser(test, 'analyst')).id);
  const response = await test.app.inject({ method: 'GET', url: '/api/v1/reports/family-support?from=2010-04-01&to=2011-03-31', headers });
  expect(response.statusCode, response.body).toBe(200);
  years = response.json<{ years: typeof years }>().years;
}, 240_000);

afterAll(() => test?.close());

const year = (label: string) => {
  const found = years.find((figures) => figures.period.label === label);
  if (!found) throw new Error(`no year ${label} in ${years.map((figures) => figures.period.label).join(', ')}`);
  return found;
};
const typesOf = (figures: (typeof years)[number]) =>
  Object.fromEntries(figures.support.byType.filter((type) => type.contacts > 0).map((type) => [type.code, type.contacts]));

describe('the family support report of an imported family support list', () => {
  it('counts 2008-09: the Hays referred by a life coach and engaged; Morven and Callan supported directly, Isla indirectly', () => {
    const figures = year('2008-09');
    expect(figures.referrals).toEqual({ made: 1, engaged: 1, engagedPercent: 100, families: 1, familiesEngaged: 1 });
    // Callan (born 14 July 2006) is 1 on the day; Isla is a child by the age group recorded.
    expect(figures.people).toEqual({ direct: { adults: 1, children: 1 }, indirect: { adults: 0, children: 1 } });
    expect(figures.support).toMatchObject({ contacts: 1, families: 1 });
    expect(typesOf(figures)).toEqual({ emotional: 1, caring: 1 });
  });

  it('counts 2009-10: three families referred (one engaged), each given support, the Hay children indirectly', () => {
    const figures = year('2009-10');
    expect(figures.referrals).toEqual({ made: 3, engaged: 1, engagedPercent: 33.3, families: 3, familiesEngaged: 1 });
    // Morven (the Hays), Shona (an adult by the age group) and Jean (born 1950) took part; Callan and Isla did not.
    expect(figures.people).toEqual({ direct: { adults: 3, children: 0 }, indirect: { adults: 0, children: 2 } });
    expect(figures.support).toMatchObject({ contacts: 3, families: 3 });
    expect(typesOf(figures)).toEqual({ housing: 1, domestic_abuse: 1, money: 2 });
  });

  it('counts 2010-11: the Hays referred a third time (themselves), linked to two clients yet one family, with no support given that year', () => {
    const figures = year('2010-11');
    expect(figures.referrals).toEqual({ made: 1, engaged: 1, engagedPercent: 100, families: 1, familiesEngaged: 1 });
    expect(figures.people).toEqual({ direct: { adults: 0, children: 0 }, indirect: { adults: 0, children: 0 } });
    expect(figures.support).toMatchObject({ contacts: 0, families: 0 });
  });
});
