import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { today } from '../../src/http/date-fields.ts';
import { computeFigures } from '../../src/modules/funder-returns/compute.ts';
import { recentPeriods } from '../../src/modules/funder-returns/periods.ts';
import { produceReturn } from '../../src/modules/funder-returns/produce.ts';
import { createTemplate } from '../../src/modules/funder-returns/templates.ts';
import type { FundedScope } from '../../src/modules/reports/engagement-filters.ts';
import { loadFilterOptions } from '../../src/modules/reports/filter-options.ts';
import { outcomesReport } from '../../src/modules/reports/outcomes-report.ts';
import { returnReport } from '../../src/modules/returns/report.ts';
import { buildReturn } from '../support/custody-returns.ts';
import { buildJobStart } from '../support/employment.ts';
import { insertFamily, insertFamilyReferral, insertMember, insertSupport } from '../support/family-support-report.ts';
import { buildContact, buildEpisode, buildPerson, programmeId } from '../support/journey.ts';
import { buildOutcome } from '../support/outcomes.ts';
import { apiHeadersAs, buildTestApp, ctxAs, demoUser, type TestApp } from '../support/test-app.ts';

/**
 * A return's figures are the live reports' for the funder's scope: an outcomes, a family support and a
 * return-to-custody figure equal to their reports for the same period and scope, and each rule of the
 * scope (prisons, areas, age bands, sentence lengths) narrowing them. The period is the oldest quarter
 * offered (two financial years back or more), so its liberations have been followed for the whole
 * 365-day window. Two sign-ups are funded (one engaged, with a hard outcome, a job start and a return
 * to custody; one not engaged); five others each fail exactly one rule, and each is engaged, has a
 * hard outcome, a job start and a return: were one rule ignored, every figure would count one more.
 */
let test: TestApp;
const period = recentPeriods('financial_quarter', today('Europe/London')).at(-1) as { from: string; to: string; label: string };
const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const yearsBefore = (iso: string, years: number) => `${Number(iso.slice(0, 4)) - years}${iso.slice(4)}`;
const FIGURES = [
  'sign-ups',
  'engaged-sign-ups',
  'hard-outcomes',
  'job-starts',
  'liberations-followed',
  'returned-engaged',
  'returned-not-engaged',
  'families-referred',
  'families-engaged',
  'adults-supported',
  'children-supported',
];
let scope: FundedScope;
let stored: Record<string, { count: number; of: number | null; percent: number | null }>;

const idByName = async (table: 'prison' | 'area', name: string) =>
  (await test.database.db.selectFrom(table).select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;

/** A sign-up liberated on the period's first day and followed in an extract a year and more later; engaged ones have a contact, a hard outcome, a job start and a return. */
async function signUp(props: { prison?: string; team?: string; localAuthorityId?: string; bornOn?: string; sentenceMonths?: number; engaged: boolean }) {
  const person = await buildPerson(test, {
    teamName: props.team,
    date_of_birth: props.bornOn ?? '1985-06-15',
    local_authority_id: props.localAuthorityId ?? null,
  });
  const episode = await buildEpisode(test, {
    personId: person.id,
    prisonName: props.prison,
    teamName: props.team,
    sentence_months: props.sentenceMonths ?? 12,
    signed_up_on: period.from,
    liberated_on: period.from,
  });
  if (props.engaged) {
    await buildContact(test, { episodeId: episode.id, contactOn: addDays(period.from, 1) });
    await buildOutcome(test, {
      episodeId: episode.id,
      achievedOn: addDays(period.from, 10),
      outcome_type: 'accommodation',
      verification: 'verified',
      verified_at: new Date(),
    });
    await buildJobStart(test, { episodeId: episode.id, startedOn: addDays(period.from, 20) });
  }
  await buildReturn(test, { personId: person.id, admittedOn: props.engaged ? addDays(period.from, 100) : null, asAt: addDays(period.from, 400) });
}

beforeAll(async () => {
  test = await buildTestApp();
  // Rates are given for groups of one, so the stored percentages are compared with the report's too.
  await test.database.db
    .updateTable('programme')
    .set({ return_min_group: 1 })
    .where('id', '=', await programmeId(test))
    .execute();
  const lanarkshire = await test.database.db
    .selectFrom('local_authority as la')
    .innerJoin('area as a', 'a.id', 'la.area_id')
    .select('la.id')
    .where('a.name', '=', 'Lanarkshire')
    .executeTakeFirstOrThrow();
  await signUp({ prison: 'Barlinnie', engaged: true });
  await signUp({ prison: 'Polmont', sentenceMonths: 24, engaged: false });
  // Each fails one rule only: the prison; the area (of the person's local authority, though the team is Glasgow's); the age (25); the sentence, short and long.
  await signUp({ prison: 'Greenock', engaged: true });
  await signUp({ prison: 'Barlinnie', localAuthorityId: lanarkshire.id, engaged: true });
  await signUp({ prison: 'Barlinnie', bornOn: yearsBefore(period.from, 25), engaged: true });
  await signUp({ prison: 'Barlinnie', sentenceMonths: 5.5, engaged: true });
  await signUp({ prison: 'Barlinnie', sentenceMonths: 24.5, engaged: true });

  // Family support: one family referred and engaged in the period, with an adult and a child supported; one referral in error, one before the period.
  const family = await insertFamily(test, { name: 'Family in the period' });
  await insertFamilyReferral(test, { familyId: family, referredOn: addDays(period.from, 5), source: 'self', engagedOn: addDays(period.from, 8) });
  const adult = await insertMember(test, { familyId: family, firstName: 'Adult', dateOfBirth: '1980-01-01' });
  const child = await insertMember(test, { familyId: family, firstName: 'Child', dateOfBirth: yearsBefore(period.from, 8) });
  await insertSupport(test, { familyId: family, on: addDays(period.from, 9), types: ['emotional'], memberIds: [adult, child] });
  await insertFamilyReferral(test, {
    familyId: await insertFamily(test, { name: 'Referral in error' }),
    referredOn: addDays(period.from, 5),
    source: 'self',
    inError: true,
  });
  await insertFamilyReferral(test, { familyId: await insertFamily(test, { name: 'Referral before' }), referredOn: addDays(period.from, -1), source: 'self' });

  const funded = {
    prisonIds: [await idByName('prison', 'Barlinnie'), await idByName('prison', 'Polmont')],
    areaIds: [await idByName('area', 'Glasgow')],
    ageBands: ['31-40' as const, '41-plus' as const],
    sentenceMinMonths: 6,
    sentenceMaxMonths: 24,
  };
  scope = funded;
  const { id: templateId } = await createTemplate(await ctxAs(test, 'administrator'), {
    name: 'Scoped grant',
    funder: 'A trust',
    periodKind: 'financial_quarter',
    ...funded,
    figures: FIGURES,
  });
  const { id: returnId } = await produceReturn(await ctxAs(test, 'manager'), { templateId, period });
  const api = await test.app.inject({ method: 'GET', url: `/api/v1/reports/funder-returns/${returnId}`, headers: await managerApi() });
  stored = Object.fromEntries((api.json().figures as { code: string; value: (typeof stored)[string] }[]).map((figure) => [figure.code, figure.value]));
});
afterAll(() => test.close());

const managerApi = async () => apiHeadersAs(test, (await demoUser(test, 'manager')).id);
const liveFilter = (funded: FundedScope) => ({ from: period.from, to: period.to, funded });

describe('a return’s figures against the live reports for the same period and scope', () => {
  it('stores the outcomes report’s engaged sign-ups with a hard outcome and its job starts', async () => {
    const ctx = await ctxAs(test, 'manager');
    const live = await outcomesReport({ ctx, filter: liveFilter(scope), options: await loadFilterOptions(ctx) });
    const any = live.hard.rows.find((row) => row.code === 'any');
    expect(stored['hard-outcomes']).toEqual({ count: any?.signUps.count, of: live.hard.engagedSignUps, percent: any?.signUps.percent });
    expect(stored['hard-outcomes']).toEqual({ count: 1, of: 1, percent: 100 });
    expect(stored['job-starts']).toEqual({ count: live.employment.jobStarts.count, of: null, percent: null });
    expect(stored['job-starts']?.count).toBe(1);
  });

  it('stores the family support report’s families referred and engaged, adults and children supported (as its API gives them)', async () => {
    const live = (
      await test.app.inject({ method: 'GET', url: `/api/v1/reports/family-support?from=${period.from}&to=${period.to}`, headers: await managerApi() })
    ).json();
    expect(stored['families-referred']).toEqual({ count: live.referrals.families, of: null, percent: null });
    expect(stored['families-engaged']).toEqual({ count: live.referrals.familiesEngaged, of: live.referrals.families, percent: 100 });
    expect(stored['adults-supported']?.count).toBe(live.people.direct.adults + live.people.indirect.adults);
    expect(stored['children-supported']?.count).toBe(live.people.direct.children + live.people.indirect.children);
    expect([stored['families-referred']?.count, stored['adults-supported']?.count, stored['children-supported']?.count]).toEqual([1, 1, 1]);
  });

  it('stores the return-to-custody report’s liberations followed and returns within the window, with its rates', async () => {
    const ctx = await ctxAs(test, 'manager');
    const live = await returnReport({ ctx, filter: liveFilter(scope), options: await loadFilterOptions(ctx) });
    const group = (code: string) => live.rates.groups.find((one) => one.code === code);
    expect(stored['liberations-followed']).toEqual({ count: live.wholeWindow, of: null, percent: null });
    expect(stored['returned-engaged']).toEqual({
      count: group('engaged')?.returned,
      of: group('engaged')?.followed,
      percent: (group('engaged')?.rate ?? -1) * 100,
    });
    expect(stored['returned-not-engaged']).toEqual({
      count: group('not-engaged')?.returned,
      of: group('not-engaged')?.followed,
      percent: (group('not-engaged')?.rate ?? -1) * 100,
    });
    expect([stored['liberations-followed']?.count, stored['returned-engaged'], stored['returned-not-engaged']]).toEqual([
      2,
      { count: 1, of: 1, percent: 100 },
      { count: 0, of: 1, percent: 0 },
    ]);
  });
});

describe('the funded scope', () => {
  it('narrows every report’s figures to the funded sign-ups (the programme as a whole has seven)', async () => {
    expect(stored['sign-ups']?.count).toBe(2);
    expect(stored['engaged-sign-ups']).toMatchObject({ count: 1, of: 2 });
    const ctx = await ctxAs(test, 'manager');
    const whole = await computeFigures(ctx, {
      codes: ['sign-ups', 'hard-outcomes', 'returned-engaged'],
      period,
      options: await loadFilterOptions(ctx),
      funded: { prisonIds: [], areaIds: [], ageBands: [], sentenceMinMonths: null, sentenceMaxMonths: null },
    });
    expect(whole.map((figure) => [figure.code, figure.value.count])).toEqual([
      ['sign-ups', 7],
      ['hard-outcomes', 6],
      ['returned-engaged', 6],
    ]);
  });

  it.each([
    ['prisons', { prisonIds: [] }],
    ['areas', { areaIds: [] }],
    ['age bands', { ageBands: [] }],
    ['shortest sentence', { sentenceMinMonths: null }],
    ['longest sentence', { sentenceMaxMonths: null }],
  ])('counts one more sign-up, hard outcome, job start and return when its %s rule is left out', async (_rule, without: Partial<FundedScope>) => {
    const ctx = await ctxAs(test, 'manager');
    const figures = await computeFigures(ctx, {
      codes: ['sign-ups', 'hard-outcomes', 'job-starts', 'returned-engaged'],
      period,
      options: await loadFilterOptions(ctx),
      funded: { ...scope, ...without },
    });
    expect(figures.map((figure) => figure.value.count)).toEqual([3, 2, 2, 2]);
  });
});
