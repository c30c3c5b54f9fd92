import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { faultForLog, handleErrors } from './error-handler.ts';

/** The handler's last line: PostgreSQL refusing a value (a check a route forgot) is the request's fault, not the service's. */
describe('a value the database refuses', () => {
  it.each(['22021', '22P05', '22007', '22008', '22P02', '22003'])('SQLSTATE %s answers 400 without the database’s words', async (code) => {
    const app = Fastify({ logger: false });
    handleErrors(app);
    app.get('/api/v1/walk', async () => {
      throw Object.assign(new Error('invalid input syntax for type date: "Smith, 31/02/2025"'), { code });
    });
    const response = await app.inject({ method: 'GET', url: '/api/v1/walk' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ type: 'urn:throughcare:problem:database-refused-value', status: 400 });
    expect(response.body).not.toContain('Smith');
    await app.close();
  });

  it('anything else is still a fault, shown only by its reference', async () => {
    const app = Fastify({ logger: false });
    handleErrors(app);
    app.get('/api/v1/walk', async () => {
      throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
    });
    const response = await app.inject({ method: 'GET', url: '/api/v1/walk' });
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('deadlock');
    await app.close();
  });
});

describe('a fault in the log', () => {
  it('keeps a database error’s SQLSTATE, constraint and code position, never the values the database quotes', () => {
    const error = Object.assign(new Error('duplicate key value violates unique constraint "app_user_email_idx"'), {
      code: '23505',
      constraint: 'app_user_email_idx',
      table: 'app_user',
      detail: 'Key (lower(email))=(morag.campbell@example.org) already exists.',
    });
    const logged = JSON.stringify(faultForLog(error));
    expect(logged).toContain('23505');
    expect(logged).toContain('app_user_email_idx');
    expect(logged).toContain('error-handler.test.ts');
    expect(logged).not.toContain('morag');
    expect(logged).not.toContain('duplicate key');
  });

  it('keeps any other fault whole, for its stack and message', () => {
    const error = new TypeError('cannot read properties of undefined');
    expect(faultForLog(error)).toBe(error);
  });
});
