import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, errorSummary, sessionAs, type Browser, type TestApp } from '../support/test-app.ts';
import { buildEpisode, buildPerson } from '../support/journey.ts';
import { dateParts } from '../support/forms.ts';

/** A prison number searched for and not found goes into "Add a person", and on into their first sign-up. */
let test: TestApp;
let prisonCoach: Browser;

beforeAll(async () => {
  test = await buildTestApp();
  prisonCoach = await sessionAs(test, 'prison_life_coach');
});
afterAll(() => test.close());

describe('a prison number carried from search to the sign-up', () => {
  it('offers to add a person with the number a search did not find, and fills it in', async () => {
    const search = await prisonCoach.get('/people?q=' + encodeURIComponent(' a7766 bq '));
    expect(search.body).toContain('No one you work with matches');
    expect(search.body).toContain('href="/people/new?prisonNumber=a7766%20bq"');
    const form = await prisonCoach.get('/people/new?prisonNumber=a7766%20bq');
    expect(form.statusCode).toBe(200);
    expect(form.body).toMatch(/id="prisonNumber" name="prisonNumber" type="text" spellcheck="false" value="a7766 bq"/);
  });

  it('offers no number for a name, for a number someone has, or to a role that cannot add people', async () => {
    expect((await prisonCoach.get('/people?q=Nobody')).body).not.toContain('/people/new?prisonNumber');
    await buildPerson(test, { prisonNumber: 'C1111AA' });
    expect((await prisonCoach.get('/people?q=C1111AA')).body).not.toContain('/people/new?prisonNumber');
    const consultant = await sessionAs(test, 'employment_consultant');
    expect((await consultant.get('/people?q=Z4242')).body).not.toContain('/people/new?prisonNumber');
  });

  it('checks a carried number like a typed one', async () => {
    const form = await prisonCoach.get('/people/new?prisonNumber=' + encodeURIComponent('<b>1</b>'));
    expect(form.statusCode).toBe(400);
    expect(errorSummary(form.body)).toEqual(['Prison number must only include letters, numbers, spaces, hyphens and slashes']);
    expect(form.body).not.toContain('<b>1</b>');
  });

  it('carries the number on into their first sign-up, and not into a later one', async () => {
    const created = await prisonCoach.post('/people', {
      firstName: 'Ailsa', lastName: 'Craig', ...dateParts('dateOfBirth', '1991-07-07'), prisonNumber: 'a7766 bq', gender: '', localAuthorityId: '', phone: '', email: '', address: '', riskNote: '',
    });
    expect(created.statusCode).toBe(302);
    const personId = String(created.headers.location).split('/').pop() ?? '';
    const person = await prisonCoach.get(`/people/${personId}`);
    expect(person.body).toContain(`/people/${personId}/sign-ups/new`);
    const signUp = await prisonCoach.get(`/people/${personId}/sign-ups/new`);
    expect(signUp.body).toMatch(/name="prisonNumber" type="text"[^>]* value="A7766BQ"/);

    const another = await buildPerson(test, { prisonNumber: 'D2222DD' });
    await buildEpisode(test, { personId: another.id, prison_number: 'D2222DD', closed_on: '2024-06-01', closure_reason: 'support_completed' });
    expect((await prisonCoach.get(`/people/${another.id}/sign-ups/new`)).body).not.toContain('value="D2222DD"');
  });
});
