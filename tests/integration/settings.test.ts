import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPerson } from '../support/journey.ts';
import { buildTestApp, errorSummary, sessionAs, type Browser, type TestApp } from '../support/test-app.ts';
import { privacyFields } from '../support/lawful-basis.ts';

let test: TestApp;
let admin: Browser;
beforeAll(async () => {
  test = await buildTestApp();
  admin = await sessionAs(test, 'administrator');
});
afterAll(() => test.close());

const RULES = {
  eligibilityMinMonths: '3',
  eligibilityMaxMonths: '48',
  noContactDays: '14',
  inWorkCheckWeeks: '13, 26',
  distanceImprovement: '2',
  returnWindowDays: '365',
  returnMinGroup: '30',
  returnMinAdjustedGroup: '60',
  signUpWindowMinDays: '28',
  signUpWindowMaxDays: '42',
  supervisionIntervalWeeks: '4',
  staffExpiryWarningDays: '60',
  comparisonMinGroup: '10',
};
const barlinnie = async () => (await test.database.db.selectFrom('prison').select('id').where('name', '=', 'Barlinnie').executeTakeFirstOrThrow()).id;

describe('programme settings', () => {
  it('changes the eligibility range, and sign-ups follow it', async () => {
    const coach = await sessionAs(test, 'prison_life_coach');
    const person = await buildPerson(test);
    const refused = await coach.post(`/people/${person.id}/sign-ups`, { ...privacyFields(), prisonId: await barlinnie(), sentenceMonths: '2', previousSentences: '0', 'signedUpOn-day': '1', 'signedUpOn-month': '10', 'signedUpOn-year': '2026' });
    expect(errorSummary(refused.body)[0]).toMatch(/^Sentence length must be from 3 months to 4 years/);
    expect((await admin.post('/admin/settings', { ...RULES, eligibilityMinMonths: '1', eligibilityMaxMonths: '48' })).statusCode).toBe(302);
    const accepted = await coach.post(`/people/${person.id}/sign-ups`, { ...privacyFields(), prisonId: await barlinnie(), sentenceMonths: '2', previousSentences: '0', 'signedUpOn-day': '1', 'signedUpOn-month': '10', 'signedUpOn-year': '2026' });
    expect(accepted.statusCode).toBe(302);
  });

  it('refuses rules that make no sense', async () => {
    const response = await admin.post('/admin/settings', {
      eligibilityMinMonths: '50',
      eligibilityMaxMonths: '48',
      noContactDays: '0',
      inWorkCheckWeeks: '13, soon',
      distanceImprovement: '0',
      returnWindowDays: '7',
      returnMinGroup: '0',
      returnMinAdjustedGroup: '5',
      signUpWindowMinDays: '28',
      signUpWindowMaxDays: '42',
      supervisionIntervalWeeks: '0',
      staffExpiryWarningDays: '400',
      comparisonMinGroup: 'ten',
    });
    expect(errorSummary(response.body)).toEqual([
      'The longest eligible sentence must be at least the shortest',
      'Enter at least 1 day',
      'Enter whole numbers of weeks separated by commas, like 13, 26',
      'Enter at least 1 point',
      'The window must be at least 28 days',
      'Enter at least 1 liberation',
      'Enter at least 10 liberations',
      'Enter at least 1 week',
      'Enter 365 days or fewer',
      'Enter the fewest sign-ups a team or worker needs to be compared, like 10',
    ]);
    const outOfRange = await admin.post('/admin/settings', { ...RULES, inWorkCheckWeeks: '13, 260' });
    expect(errorSummary(outOfRange.body)).toEqual(['Each check must be between 1 and 104 weeks after the job start']);
    const rules = await test.database.db.selectFrom('programme').select(['no_contact_days', 'in_work_check_weeks']).executeTakeFirstOrThrow();
    expect(rules).toEqual({ no_contact_days: 14, in_work_check_weeks: [13, 26] });
  });

  it('sets when in-work checks fall due and what counts as improved, and shows them again', async () => {
    expect((await admin.post('/admin/settings', { ...RULES, inWorkCheckWeeks: '26,4, 13 ,4', distanceImprovement: '3' })).statusCode).toBe(302);
    const page = (await admin.get('/admin/settings')).body;
    expect(page).toContain('value="4, 13, 26"');
    expect(page).toMatch(/id="distanceImprovement" name="distanceImprovement" type="text" value="3"/);
    expect((await admin.post('/admin/settings', RULES)).statusCode).toBe(302);
  });

  it('sets the return to custody window and the smallest groups the analysis shows figures for', async () => {
    expect((await admin.post('/admin/settings', { ...RULES, returnWindowDays: '730', returnMinGroup: '20', returnMinAdjustedGroup: '100' })).statusCode).toBe(302);
    const rules = await test.database.db.selectFrom('programme').select(['return_window_days', 'return_min_group', 'return_min_adjusted_group']).executeTakeFirstOrThrow();
    expect(rules).toEqual({ return_window_days: 730, return_min_group: 20, return_min_adjusted_group: 100 });
    expect((await admin.get('/admin/settings')).body).toMatch(/id="returnWindowDays" name="returnWindowDays" type="text" value="730"/);
    expect((await admin.post('/admin/settings', RULES)).statusCode).toBe(302);
  });

  it('adds a contact type that then appears on the contact form, and takes one out of use', async () => {
    const added = await admin.post('/admin/settings/lists/contact_type', { label: 'Video call', code: 'video_call', sortOrder: '7', active: 'yes' });
    expect(added.statusCode).toBe(302);
    const duplicate = await admin.post('/admin/settings/lists/contact_type', { label: 'Video', code: 'video_call', sortOrder: '', active: 'yes' });
    expect(errorSummary(duplicate.body)).toEqual(['This code is already in the list']);
    const bad = await admin.post('/admin/settings/lists/contact_type', { label: '', code: 'Video Call!', sortOrder: '', active: 'yes' });
    expect(errorSummary(bad.body)).toEqual(['Enter the name shown to users', 'Code must only include lower-case letters, numbers and underscores, like face_to_face']);
    const text = await test.database.db.selectFrom('choice').select(['id', 'version']).where('list', '=', 'contact_type').where('code', '=', 'text').executeTakeFirstOrThrow();
    expect((await admin.post(`/admin/settings/lists/contact_type/${text.id}`, { label: 'Text message', sortOrder: '2', version: String(text.version) })).statusCode).toBe(302);
    const page = (await admin.get('/admin/settings/lists/contact_type')).body;
    expect(page).toContain('Video call');
    expect(page).toMatch(/Text message<\/a><\/td>[\s\S]*?Not in use/);
  });

  it('is for administrators only', async () => {
    expect((await (await sessionAs(test, 'team_leader')).get('/admin/settings')).statusCode).toBe(403);
    expect((await admin.get('/admin/settings/lists/not_a_list')).statusCode).toBe(404);
  });
});
