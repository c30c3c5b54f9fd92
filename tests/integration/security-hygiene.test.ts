import { runThroughcare } from '../support/command-line.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { Secret } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createApiToken } from '../../src/modules/auth/api-tokens.ts';
import { createSession } from '../../src/modules/auth/sessions.ts';
import { hashSecret } from '../../src/modules/auth/tokens.ts';
import type { Role } from '../../src/modules/auth/roles.ts';
import { newRecoveryCodes, newTotpSecret } from '../../src/modules/second-factor/totp.ts';
import { buildServices } from '../../src/services.ts';
import { seedDemo } from '../../src/seed/seed-demo.ts';
import { createTestDatabase } from '../support/database.ts';
import { dateParts } from '../support/forms.ts';
import { buildContact, buildEpisode, buildPerson } from '../support/journey.ts';
import { enrolUser, extraUser, requireSecondFactor, totpCode } from '../support/second-factor.ts';
import { anonymous, auditRows, buildTestApp, ctxAs, DEMO_PASSWORD, demoUser, errorSummary, sessionAs, sessionFor, type TestApp } from '../support/test-app.ts';

/**
 * The ASVS level 2 requirements whose code was there but unproved (docs/security.md), one
 * describe per chapter: headers, cookies, encoding, tokens, logs, and that a GET changes nothing.
 */
let test: TestApp;
/** The service as run in production behind a proxy (TRUST_PROXY), its application log read here. */
let production: TestApp;
const logLines: string[] = [];

const PROXY_ENV = { NODE_ENV: 'production', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/nowhere', RESEARCH_PSEUDONYM_KEY: 'k'.repeat(32) };

async function buildLoggedProductionApp(): Promise<TestApp> {
  const config = loadConfig({ ...PROXY_ENV, LOG_LEVEL: 'info', TRUST_PROXY: 'true', DEMO_PASSWORD });
  const database = await createTestDatabase();
  await seedDemo({ db: database.db, password: DEMO_PASSWORD });
  const app = await createApp(buildServices(config, database, { write: (line: string) => void logLines.push(line) }));
  return { ...app, database, config, close: () => app.app.close() };
}

beforeAll(async () => {
  test = await buildTestApp();
  production = await buildLoggedProductionApp();
  await requireSecondFactor(production, false);
}, 120_000);
afterAll(async () => {
  await test.close();
  await production.close();
});

const SESSION = '__Host-throughcare-session';
const apiHeaders = async (app: TestApp, role: Role) => {
  const user = await demoUser(app, role);
  const token = `tc_hygiene_${role}`;
  await app.database.db.insertInto('api_token').values({ programme_id: user.programme_id, user_id: user.id, name: 'hygiene', token_hash: hashSecret(token), created_by: user.id }).onConflict((oc) => oc.doNothing()).execute();
  return { authorization: `Bearer ${token}` };
};
const passwordHashOf = async (userId: string) =>
  (await test.database.db.selectFrom('app_user').select('password_hash').where('id', '=', userId).executeTakeFirstOrThrow()).password_hash;

describe('V6 authentication', () => {
  it('refuses a password change with a wrong current password, and the old password still signs in', async () => {
    const user = await extraUser(test, 'analyst');
    const before = await passwordHashOf(user.id);
    const browser = await sessionFor(test, user.id);
    const refused = await browser.post('/account/password', { currentPassword: 'not the password at all', newPassword: 'copper lantern meadow 91', confirmPassword: 'copper lantern meadow 91' });
    expect(refused.statusCode).toBe(400);
    expect(errorSummary(refused.body).join(' ')).toMatch(/current password/i);
    expect(await passwordHashOf(user.id)).toBe(before);
    expect((await anonymous(test).post('/sign-in', { email: user.email, password: 'copper lantern meadow 91' })).statusCode).toBe(401);
    expect((await anonymous(test).post('/sign-in', { email: user.email, password: DEMO_PASSWORD })).headers.location).toBe('/');
  });

  it('makes every password field on the sign-in, account and user pages a password input that a password manager can fill', async () => {
    const admin = await sessionAs(test, 'administrator');
    const someone = await demoUser(test, 'analyst');
    const pages = [
      { url: '/sign-in', browser: anonymous(test), fields: 1 },
      { url: '/account', browser: admin, fields: 3 },
      { url: '/admin/users/new', browser: admin, fields: 1 },
      { url: `/admin/users/${someone.id}/password`, browser: admin, fields: 1 },
    ];
    for (const page of pages) {
      const response = await page.browser.get(page.url);
      expect(response.statusCode, page.url).toBe(200);
      const inputs = response.body.match(/<input[^>]*>/g) ?? [];
      const passwordInputs = inputs.filter((input) => /name="[^"]*password[^"]*"/i.test(input) || /type="password"/.test(input));
      expect(passwordInputs, page.url).toHaveLength(page.fields);
      for (const input of passwordInputs) {
        expect(input, page.url).toContain('type="password"');
        expect(input, page.url).toMatch(/autocomplete="(current-password|new-password)"/);
        expect(input, page.url).not.toMatch(/onpaste|oncopy|readonly/i);
      }
    }
  });

  it('takes the password exactly as typed: with a space added or in other case it is not the password', async () => {
    const user = await extraUser(test, 'analyst');
    for (const wrong of [`${DEMO_PASSWORD} `, ` ${DEMO_PASSWORD}`, DEMO_PASSWORD.toUpperCase()]) {
      expect((await anonymous(test).post('/sign-in', { email: user.email, password: wrong })).statusCode, JSON.stringify(wrong)).toBe(401);
    }
    expect((await anonymous(test).post('/sign-in', { email: user.email.toUpperCase(), password: DEMO_PASSWORD })).headers.location).toBe('/');
  });

  it('never adds the demo users in production, from serve --seed-demo or seed', async () => {
    for (const args of [['serve', '--seed-demo'], ['seed']]) {
      const run = await runThroughcare(args, { env: { ...process.env, ...PROXY_ENV }, timeout: 60_000 });
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr).toContain('never added in production');
    }
  });

  it('still asks for the second factor after an administrator resets the password', async () => {
    const user = await extraUser(test, 'manager');
    await enrolUser(test, user.id);
    const admin = await sessionAs(test, 'administrator');
    const reset = await admin.post(`/admin/users/${user.id}/password`, { password: 'violet harbour spindle 73' });
    expect(reset.statusCode).toBe(302);
    const signIn = await anonymous(test).post('/sign-in', { email: user.email, password: 'violet harbour spindle 73' });
    expect(signIn.headers.location).toBe('/sign-in/second-factor?returnTo=%2F');
    expect(await test.database.db.selectFrom('second_factor').select('confirmed_at').where('user_id', '=', user.id).executeTakeFirst()).toBeTruthy();
  });
});

describe('V7 sessions and V11 random secrets', () => {
  const bytesOf = (token: string) => Buffer.from(token.replace(/^tc_/, ''), 'base64url');
  const expectRandom = (tokens: string[], decode: (token: string) => Uint8Array = bytesOf, size = 32) => {
    expect(new Set(tokens).size).toBe(tokens.length);
    for (const token of tokens) expect(decode(token)).toHaveLength(size);
    // A counter or a clock would be distinct but not random: about half the bits of random tokens are set.
    const bits = tokens.flatMap((token) => [...decode(token)].map((byte) => byte.toString(2).replace(/0/g, '').length));
    const ones = bits.reduce((sum, n) => sum + n, 0) / (tokens.length * size * 8);
    expect(ones).toBeGreaterThan(0.47);
    expect(ones).toBeLessThan(0.53);
  };

  it('makes second-factor keys of 160 random bits and recovery codes never the same twice', () => {
    const seeds = Array.from({ length: 200 }, () => newTotpSecret());
    expectRandom(seeds, (seed) => Secret.fromBase32(seed).bytes, 20);
    const codes = Array.from({ length: 50 }, () => newRecoveryCodes().codes).flat();
    expect(new Set(codes).size).toBe(500);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){5}$/);
  });

  it('gives each sign-in a session token of 256 random bits, never the same twice', async () => {
    const signIn = await anonymous(test).post('/sign-in', { email: 'analyst@roop.example', password: DEMO_PASSWORD });
    const cookie = (signIn.cookies as { name: string; value: string }[]).find((c) => c.name === SESSION)?.value ?? '';
    expect(bytesOf(cookie)).toHaveLength(32);
    const user = await demoUser(test, 'analyst');
    const tokens = [cookie];
    for (let i = 0; i < 200; i += 1) tokens.push(await createSession({ db: test.database.db, userId: user.id, programmeId: user.programme_id, limits: test.config.session }));
    expectRandom(tokens);
  });

  it('makes API tokens of 256 random bits, never the same twice', async () => {
    const ctx = await ctxAs(test, 'analyst');
    const tokens: string[] = [];
    for (let i = 0; i < 100; i += 1) tokens.push((await createApiToken({ ctx, name: `t${i}`, scope: 'read', expiresInDays: 7 })).token);
    for (const token of tokens) expect(token).toMatch(/^tc_[A-Za-z0-9_-]{43}$/);
    expectRandom(tokens);
  });

  it('ends the user’s other sessions, not this one, when they set up a second factor, make new recovery codes or change their password', async () => {
    const user = await extraUser(test, 'analyst');
    const here = await sessionFor(test, user.id);
    const elsewhere = await sessionFor(test, user.id);
    expect((await here.get('/account/second-factor')).statusCode).toBe(200);
    const { secret } = await test.database.db.selectFrom('second_factor').select('secret').where('user_id', '=', user.id).executeTakeFirstOrThrow();
    const setUp = await here.post('/account/second-factor', { code: totpCode(secret) });
    expect(setUp.statusCode).toBe(200);
    expect((await elsewhere.get('/account')).headers.location).toMatch(/^\/sign-in/);
    expect((await here.get('/account')).statusCode).toBe(200);

    const third = await sessionFor(test, user.id);
    const renewed = await here.post('/account/second-factor/recovery-codes', { code: totpCode(secret, -1) });
    expect(renewed.body).toContain('Your new recovery codes');
    expect((await third.get('/account')).headers.location).toMatch(/^\/sign-in/);
    expect((await here.get('/account')).statusCode).toBe(200);

    const fourth = await sessionFor(test, user.id);
    const changed = await here.post('/account/password', { currentPassword: DEMO_PASSWORD, newPassword: 'amber quarry willow 58', confirmPassword: 'amber quarry willow 58' });
    expect(changed.headers.location).toBe('/account');
    expect((await fourth.get('/account')).headers.location).toMatch(/^\/sign-in/);
    expect((await here.get('/account')).statusCode).toBe(200);
  });
});

describe('V1 encoding and V3 text shown as text', () => {
  it('shows a person named <script>alert(1)</script> as text on their page, in search results and on the caseload', async () => {
    const coach = await demoUser(test, 'prison_life_coach');
    const person = await buildPerson(test, { first_name: '<script>alert(1)</script>', last_name: 'Quillfeather' });
    await buildEpisode(test, { personId: person.id, signed_up_on: '2026-10-01', workers: { prison_life_coach: coach.id } });
    const browser = await sessionFor(test, coach.id);
    for (const url of [`/people/${person.id}`, '/people?q=Quillfeather', '/caseload']) {
      const page = await browser.get(url);
      expect(page.statusCode, url).toBe(200);
      expect(page.body, url).toContain('Quillfeather');
      expect(page.body, url).not.toContain('<script>alert(1)</script>');
      expect(page.body, url).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
  });
});

describe('V3 web frontend headers', () => {
  it('sends HSTS for a year with subdomains in production', async () => {
    const page = await production.app.inject('/sign-in');
    const hsts = String(page.headers['strict-transport-security']);
    expect(Number(hsts.match(/max-age=(\d+)/)?.[1])).toBeGreaterThanOrEqual(31_536_000);
    expect(hsts).toContain('includeSubDomains');
  });

  it('forbids a <base> element and plugins in the Content-Security-Policy', async () => {
    const csp = String((await test.app.inject('/sign-in')).headers['content-security-policy']);
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("object-src 'none'");
  });

  it('sends no referrer to other sites', async () => {
    for (const url of ['/sign-in', '/healthz', '/no/such/page']) expect((await test.app.inject(url)).headers['referrer-policy'], url).toBe('no-referrer');
  });

  it('changes nothing when an administrator, a caseworker or a family support co-ordinator opens every page (GET) there is', async () => {
    const coach = await demoUser(test, 'prison_life_coach');
    const admin = await demoUser(test, 'administrator');
    const coordinator = await demoUser(test, 'family_support_coordinator');
    const person = await buildPerson(test, {});
    const episode = await buildEpisode(test, { personId: person.id, signed_up_on: '2026-10-01', workers: { prison_life_coach: coach.id } });
    const contact = await buildContact(test, { episodeId: episode.id, contactOn: '2026-10-02' });
    const team = await test.database.db.selectFrom('team').select('id').executeTakeFirstOrThrow();
    const token = (await createApiToken({ ctx: await ctxAs(test, 'administrator'), name: 'walk', scope: 'read', expiresInDays: 7 })).id;
    const family = await test.database.db
      .insertInto('family')
      .values({ programme_id: coordinator.programme_id, name: 'Walked family', team_id: coordinator.team_id ?? team.id, coordinator_id: coordinator.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    const ids: Record<string, string> = {
      personId: person.id,
      episodeId: episode.id,
      recordId: contact.id,
      userId: coach.id,
      tokenId: token,
      id: team.id,
      list: 'contact_type',
      familyId: family.id,
    };
    const concrete = (url: string) =>
      url.replace(/\*$/, 'application.css').replace(/:(\w+)/g, (_m, name: string) => ids[name] ?? '00000000-0000-4000-8000-000000000000');
    const tables = (
      await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not in ('audit_event', 'user_session')`.execute(test.database.db)
    ).rows.map((row) => row.name);
    const counts = async () => {
      const rows = await sql<{ name: string; n: string }>`${sql.raw(tables.map((t) => `select '${t}' as name, count(*)::text as n from "${t}"`).join(' union all '))}`.execute(test.database.db);
      const events = await test.database.db.selectFrom('audit_event').select((eb) => eb.fn.countAll<string>().as('n')).where('action', 'not in', ['read', 'list', 'export', 'access-denied']).executeTakeFirstOrThrow();
      return { ...Object.fromEntries(rows.rows.map((row) => [row.name, row.n])), audit_event: String(events.n) };
    };
    // Starting the set-up of a second factor keeps its unconfirmed secret, so the page shows the same QR code when reloaded (see docs/security.md, 3.5.3).
    const SKIP = new Set(['/account/second-factor']);
    const gets = test.routes.filter((route) => route.method === 'GET' && !SKIP.has(route.url));
    for (const user of [admin, coach, coordinator]) {
      // Each user's own staff pages (their record, their supervision) are theirs to open.
      ids.userId = user.id;
      const cookies = { [SESSION]: await createSession({ db: test.database.db, userId: user.id, programmeId: user.programme_id, limits: test.config.session }) };
      const headers = await apiHeaders(test, user.role as Role);
      const before = await counts();
      let answered = 0;
      for (const route of gets) {
        const url = concrete(route.url);
        const response = await test.app.inject({ method: 'GET', url, cookies, headers: url.startsWith('/api/') ? headers : {} });
        expect(response.statusCode, url).toBeLessThan(500);
        if (response.statusCode < 300) answered += 1;
      }
      expect(await counts(), user.role).toEqual(before);
      // Not a vacuous walk: each role opens a good share of the pages (each role sees only its own part of the service).
      expect(answered, `${user.role} pages answered`).toBeGreaterThan(gets.length / 5);
    }
  }, 60_000);
});

describe('V4 API', () => {
  it('labels pages, JSON and problem documents with their type and UTF-8', async () => {
    expect((await test.app.inject('/sign-in')).headers['content-type']).toBe('text/html; charset=utf-8');
    const headers = await apiHeaders(test, 'administrator');
    expect((await test.app.inject({ url: '/api/v1/prisons', headers })).headers['content-type']).toBe('application/json; charset=utf-8');
    const problem = await test.app.inject({ url: '/api/v1/nothing-here', headers });
    expect(problem.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  });

  it('ignores X-Forwarded-For unless TRUST_PROXY is set: the audit log keeps the address that really connected', async () => {
    for (const [app, expected] of [[test, '10.9.8.7'], [production, '203.0.113.9']] as const) {
      const visitor = anonymous(app);
      const csrf = await visitor.csrfToken('/sign-in');
      const response = await app.app.inject({
        method: 'POST',
        url: '/sign-in',
        remoteAddress: '10.9.8.7',
        cookies: visitor.cookies,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '203.0.113.9' },
        payload: new URLSearchParams({ email: 'nobody@roop.example', password: 'wrong wrong wrong', _csrf: csrf }).toString(),
      });
      expect(response.statusCode).toBe(401);
      const [event] = await auditRows(app, response.headers['x-request-id']);
      expect(String(event?.address)).toBe(expected);
    }
  });
});

describe('V13 configuration', () => {
  it('serves no source, package file, source control metadata or folder listing', async () => {
    for (const url of ['/.git/config', '/.git/HEAD', '/assets/', '/assets', '/src/app.ts', '/package.json', '/assets/package.json', '/assets/../package.json', '/.env', '/assets/moj/']) {
      expect((await test.app.inject(url)).statusCode, url).toBe(404);
    }
  });

  it('sends no Server-Timing unless SERVER_TIMING is on; a fault’s problem document holds no internals, and the log has it under its request id', async () => {
    expect((await test.app.inject('/sign-in')).headers['server-timing']).toBeUndefined();
    expect((await production.app.inject('/sign-in')).headers['server-timing']).toBeUndefined();
    const headers = await apiHeaders(production, 'administrator');
    logLines.length = 0;
    await sql`alter table prison rename to prison_gone`.execute(production.database.ownerDb);
    try {
      const fault = await production.app.inject({ url: '/api/v1/prisons', headers });
      expect(fault.statusCode).toBe(500);
      expect(fault.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(fault.headers['server-timing']).toBeUndefined();
      expect(fault.body).not.toMatch(/prison_gone|relation|\.ts:|stack|at \w/i);
      // The fault is in the application log, under the request id the problem document gives.
      const logged = logLines.map((line) => JSON.parse(line) as { level: number; reqId?: string });
      expect(logged.some((line) => line.level >= 50 && line.reqId === fault.headers['x-request-id'])).toBe(true);
    } finally {
      await sql`alter table prison_gone rename to prison`.execute(production.database.ownerDb);
    }
  });
});

describe('V14 data protection in the browser', () => {
  it('keeps the session and CSRF secrets in HttpOnly, Secure, SameSite cookies, and no script uses browser storage', async () => {
    const visitor = anonymous(test);
    const page = await visitor.get('/sign-in');
    const signIn = await visitor.post('/sign-in', { email: 'manager@roop.example', password: DEMO_PASSWORD });
    const cookies = [...(page.cookies as Record<string, unknown>[]), ...(signIn.cookies as Record<string, unknown>[])].filter((c) => c.value);
    expect(cookies.map((c) => c.name).sort()).toEqual(['__Host-throughcare-csrf', SESSION]);
    for (const cookie of cookies) expect(cookie).toMatchObject({ httpOnly: true, secure: true, path: '/' });
    expect(cookies.find((c) => c.name === SESSION)?.sameSite).toBe('Lax');
    expect(cookies.find((c) => c.name === '__Host-throughcare-csrf')?.sameSite).toBe('Strict');
    const assets = new URL('../../src/assets/', import.meta.url);
    const scripts = readdirSync(assets).filter((name) => name.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const name of scripts) expect(readFileSync(new URL(name, assets), 'utf8'), name).not.toMatch(/localStorage|sessionStorage|indexedDB|document\.cookie/);
  });

  it('tells the browser to clear the service’s cache, cookies and storage at sign-out', async () => {
    const browser = await sessionAs(test, 'analyst');
    const signedOut = await browser.post('/sign-out', {});
    expect(signedOut.headers.location).toBe('/signed-out');
    expect(signedOut.headers['clear-site-data']).toBe('"cache", "cookies", "storage"');
  });
});

describe('V16 logging', () => {
  it('audits a refused CSRF token as a refused request, without the form’s values', async () => {
    const analyst = await demoUser(test, 'analyst');
    const browser = await sessionFor(test, analyst.id);
    const refused = await browser.postRaw('/account/password', { currentPassword: 'lighthouse secret 11', newPassword: 'x', confirmPassword: 'x', _csrf: 'forged' });
    expect(refused.statusCode).toBe(403);
    const rows = await auditRows(test, refused.headers['x-request-id']);
    expect(rows).toMatchObject([{ action: 'access-denied', actor_label: analyst.display_name, detail: { reason: 'csrf', route: '/account/password' } }]);
    expect(JSON.stringify(rows)).not.toContain('lighthouse');
    const anonymousRefusal = await anonymous(test).postRaw('/sign-in', { email: 'analyst@roop.example', password: DEMO_PASSWORD });
    expect(anonymousRefusal.statusCode).toBe(403);
    const anonymousRows = await auditRows(test, anonymousRefusal.headers['x-request-id']);
    expect(anonymousRows).toMatchObject([{ action: 'access-denied', actor_label: 'anonymous', detail: { reason: 'csrf', route: '/sign-in' } }]);
    expect(JSON.stringify(anonymousRows)).not.toMatch(/analyst@|through-the-gate/);
  });

  it('writes no name, password, note or query string to the application log, and one JSON object a line', async () => {
    const coach = await demoUser(production, 'prison_life_coach');
    const person = await buildPerson(production, { first_name: 'Zebedee', last_name: 'Marchbanks' });
    const episode = await buildEpisode(production, { personId: person.id, signed_up_on: '2026-10-01', workers: { prison_life_coach: coach.id } });
    const browser = await sessionFor(production, coach.id);
    logLines.length = 0;
    const search = await browser.get('/people?q=Marchbanks');
    expect(search.body).toContain('Zebedee');
    await anonymous(production).post('/sign-in', { email: 'prison.coach@roop.example', password: 'kestrel harbour wrong 12' });
    const saved = await browser.post(`/people/${person.id}/sign-ups/${episode.id}/contacts`, {
      ...dateParts('contactOn', '2026-10-03'),
      contactType: 'phone',
      outcome: 'happened',
      notes: 'Marmalade worry about housing',
    });
    expect(saved.statusCode).toBe(302);
    await production.app.inject('/no-such%0D%0A%7B%22msg%22%3A%22forged%22%7D');
    const text = logLines.join('');
    expect(text).toContain('"url":"/people"');
    expect(text).toContain('"url":"/sign-in"');
    expect(text).not.toMatch(/Zebedee|Marchbanks|kestrel|Marmalade|prison\.coach@|q=|through-the-gate/i);
    for (const line of logLines) expect((JSON.parse(line) as { msg?: string }).msg).not.toBe('forged');
  });

  it('stamps log lines with epoch milliseconds and audit events with a time zone, so both read as UTC', async () => {
    logLines.length = 0;
    const response = await production.app.inject('/sign-in');
    for (const line of logLines) expect(Math.abs((JSON.parse(line) as { time: number }).time - Date.now())).toBeLessThan(60_000);
    expect(logLines.length).toBeGreaterThan(0);
    const column = await sql<{ type: string }>`select data_type as type from information_schema.columns where table_name = 'audit_event' and column_name = 'occurred_at'`.execute(production.database.db);
    expect(column.rows).toEqual([{ type: 'timestamp with time zone' }]);
    expect(response.statusCode).toBe(200);
  });
});
