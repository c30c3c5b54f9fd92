import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../src/modules/auth/tokens.ts';
import { anonymous, buildTestApp, demoUser, sessionAs, type TestApp } from '../support/test-app.ts';

let test: TestApp;
beforeAll(async () => {
  test = await buildTestApp({ BODY_LIMIT_BYTES: '2048' });
});
afterAll(() => test.close());

describe('health', () => {
  it('answers /healthz and /readyz', async () => {
    expect((await test.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await test.app.inject('/readyz')).json()).toMatchObject({ status: 'ready' });
  });
});

describe('errors', () => {
  it('shows a GOV.UK "Page not found" for an unknown page, and a problem document for an unknown API path', async () => {
    const page = await anonymous(test).get('/no/such/page');
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('<h1 class="govuk-heading-l">Page not found</h1>');
    const api = await test.app.inject('/api/v1/nothing-here');
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toContain('application/problem+json');
  });

  it('treats a malformed id in a page address as not found', async () => {
    const admin = await sessionAs(test, 'administrator');
    expect((await admin.get('/admin/users/not-a-uuid')).statusCode).toBe(404);
  });

  it('answers malformed JSON with 400 and an oversized body with 413, as problem documents', async () => {
    const user = await demoUser(test, 'administrator');
    await test.database.db.insertInto('api_token').values({ programme_id: user.programme_id, user_id: user.id, name: 't', token_hash: hashSecret('tc_errors'), created_by: user.id }).execute();
    const headers = { authorization: 'Bearer tc_errors', 'content-type': 'application/json' };
    const malformed = await test.app.inject({ method: 'POST', url: '/api/v1/prisons', headers, payload: '{"name": ' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ status: 400, title: 'The request body is not valid JSON' });
    const huge = await test.app.inject({ method: 'POST', url: '/api/v1/prisons', headers, payload: JSON.stringify({ name: 'x'.repeat(5000) }) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().title).toBe('The request is too large');
  });

  it('shows a fault as a 500 page with a reference and no internals', async () => {
    const admin = await sessionAs(test, 'administrator');
    // As the schema's owner: the service's own role may not rename tables.
    await sql`alter table team rename to team_gone`.execute(test.database.ownerDb);
    try {
      const page = await admin.get('/admin/users');
      expect(page.statusCode).toBe(500);
      expect(page.body).toContain('Sorry, there is a problem with the service');
      expect(page.body).toContain(String(page.headers['x-request-id']));
      expect(page.body).not.toMatch(/team_gone|at .*\.ts|stack/i);
    } finally {
      await sql`alter table team_gone rename to team`.execute(test.database.ownerDb);
    }
  });
});

describe('the API documentation', () => {
  it('is an OpenAPI 3.1 document of the /api/v1 routes, generated from their schemas', async () => {
    const doc = (await test.app.inject('/api/docs/json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).every((path) => path.startsWith('/api/v1/'))).toBe(true);
    expect(doc.paths['/api/v1/users'].post.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['email', 'displayName', 'role', 'password']),
    );
    expect((await test.app.inject('/api/docs')).statusCode).toBeLessThan(400);
  });
});
