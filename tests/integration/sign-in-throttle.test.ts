import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_FAILURE_LIMIT, ADDRESS_FAILURE_LIMIT } from '../../src/modules/auth/sign-in.ts';
import { anonymous, buildTestApp, DEMO_PASSWORD, errorSummary, type TestApp } from '../support/test-app.ts';

/**
 * The lock and the address throttle must hold when attempts arrive at the same moment: each attempt
 * is reserved before the slow password hash, so a burst cannot all pass the check.
 */
let test: TestApp;
let csrf: { token: string; cookies: Record<string, string> };
beforeAll(async () => {
  test = await buildTestApp();
  const visitor = anonymous(test);
  csrf = { token: await visitor.csrfToken('/sign-in'), cookies: visitor.cookies };
});
afterAll(() => test.close());

/** One sign-in attempt from `address`, with a CSRF token from an anonymous visitor's page. */
const attempt = (email: string, password: string, address: string) =>
  test.app.inject({
    method: 'POST',
    url: '/sign-in',
    remoteAddress: address,
    cookies: csrf.cookies,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ email, password, _csrf: csrf.token }).toString(),
  });

const failureReasons = async (address: string) =>
  (await test.database.db.selectFrom('audit_event').select('detail').where('action', '=', 'sign-in-failed').where('address', '=', address).execute()).map(
    (row) => (row.detail as { reason: string }).reason,
  );

describe('sign-in throttles under parallel requests', () => {
  it(`checks at most ${ACCOUNT_FAILURE_LIMIT} of 13 passwords for one account sent at the same moment; then even the right one is refused, as a wrong one is`, async () => {
    // Which of a burst reaches the database first is up to the connection pool, so every one is wrong:
    // a right one among them would rightly pass if it came in the allowance.
    const burst = await Promise.all(Array.from({ length: 13 }, (_, i) => attempt('manager@roop.example', `wrong password ${i}`, '10.0.0.1')));
    expect(burst.every((response) => response.statusCode === 401)).toBe(true);
    const reasons = await failureReasons('10.0.0.1');
    expect(reasons).toHaveLength(13);
    expect(reasons.filter((reason) => reason === 'wrong-password').length).toBeLessThanOrEqual(ACCOUNT_FAILURE_LIMIT);
    const right = await attempt('manager@roop.example', DEMO_PASSWORD, '10.0.0.2');
    const wrong = await attempt('analyst@roop.example', 'not the password', '10.0.0.2');
    expect(right.statusCode).toBe(401);
    expect(right.headers['set-cookie']?.toString() ?? '').not.toContain('throughcare-session');
    expect(errorSummary(right.body)).toEqual(errorSummary(wrong.body));
  });

  it(`checks at most ${ADDRESS_FAILURE_LIMIT} of 40 parallel failures from one address; the rest are refused as throttled`, async () => {
    const responses = await Promise.all(Array.from({ length: 40 }, (_, i) => attempt(`guess${i}@roop.example`, 'a guessed password', '10.0.0.3')));
    const reasons = await failureReasons('10.0.0.3');
    expect(reasons).toHaveLength(40);
    expect(reasons.filter((reason) => reason !== 'address-throttled').length).toBeLessThanOrEqual(ADDRESS_FAILURE_LIMIT);
    expect(responses.filter((response) => response.statusCode === 429).length).toBeGreaterThanOrEqual(40 - ADDRESS_FAILURE_LIMIT);
    // Another address is not held up by this one.
    expect((await attempt('admin@roop.example', DEMO_PASSWORD, '10.0.0.4')).statusCode).toBe(302);
  });

  it('gives a locked account the same status and message as a wrong password, for a wrong or a right password', async () => {
    for (let i = 0; i < 5; i += 1) await attempt('team.leader@roop.example', `wrong ${i}`, '10.0.0.5');
    const lockedRight = await attempt('team.leader@roop.example', DEMO_PASSWORD, '10.0.0.5');
    const lockedWrong = await attempt('team.leader@roop.example', 'wrong again', '10.0.0.5');
    const unknown = await attempt('nobody@roop.example', 'wrong again', '10.0.0.5');
    for (const response of [lockedRight, lockedWrong]) {
      expect(response.statusCode).toBe(unknown.statusCode);
      expect(errorSummary(response.body)).toEqual(errorSummary(unknown.body));
    }
  });
});
