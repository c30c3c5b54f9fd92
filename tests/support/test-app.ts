import type { LightMyRequestResponse } from 'fastify';
import { createApp, type App } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { createSession } from '../../src/modules/auth/sessions.ts';
import { hashSecret } from '../../src/modules/auth/tokens.ts';
import type { SignedInCtx } from '../../src/http/context.ts';
import { actorFromRow, type Role } from '../../src/modules/auth/roles.ts';
import { DEMO_USERS } from '../../src/seed/roop.ts';
import { seedDemo } from '../../src/seed/seed-demo.ts';
import { buildServices } from '../../src/services.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

export const DEMO_PASSWORD = 'through-the-gate-demo';

export interface TestApp extends App {
  database: TestDatabase;
  config: Config;
  close(): Promise<void>;
}

/** The real app on a fresh database seeded with the demo programme. */
export async function buildTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DEMO_PASSWORD, ...env });
  const database = await createTestDatabase();
  await seedDemo({ db: database.db, password: DEMO_PASSWORD });
  const app = await createApp(buildServices(config, database));
  return { ...app, database, config, close: () => app.app.close() };
}

export async function demoUser(test: TestApp, role: Role) {
  const email = DEMO_USERS.find((user) => user.role === role)?.email ?? '';
  return test.database.db.selectFrom('app_user').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
}

/** A domain function's context for the demo user of a role, as a page request would give it (for calling services directly). */
export async function ctxAs(test: TestApp, role: Role): Promise<SignedInCtx> {
  const user = await demoUser(test, role);
  const { time_zone } = await test.database.db.selectFrom('programme').select('time_zone').where('id', '=', user.programme_id).executeTakeFirstOrThrow();
  return { actor: actorFromRow({ ...user, time_zone }, 'session'), requestId: `test-${role}`, address: '127.0.0.1', db: test.database.db, log: test.app.log };
}

/** API headers acting as a user, through a bearer token made for them straight into the database (once). */
export async function apiHeadersAs(test: TestApp, userId: string): Promise<{ authorization: string }> {
  const token = `tc_test_${userId}`;
  const db = test.database.db;
  const existing = await db.selectFrom('api_token').select('id').where('token_hash', '=', hashSecret(token)).executeTakeFirst();
  if (!existing) {
    const user = await db.selectFrom('app_user').select('programme_id').where('id', '=', userId).executeTakeFirstOrThrow();
    await db.insertInto('api_token').values({ programme_id: user.programme_id, user_id: userId, name: 'test', token_hash: hashSecret(token), created_by: userId }).execute();
  }
  return { authorization: `Bearer ${token}` };
}

/** A signed-in browser for a user: a session made directly, so tests need not hash passwords. */
export async function sessionFor(test: TestApp, userId: string): Promise<Browser> {
  const user = await test.database.db.selectFrom('app_user').select('programme_id').where('id', '=', userId).executeTakeFirstOrThrow();
  const token = await createSession({ db: test.database.db, userId, programmeId: user.programme_id, limits: test.config.session });
  return new Browser(test, { '__Host-throughcare-session': token });
}

export async function sessionAs(test: TestApp, role: Role): Promise<Browser> {
  return sessionFor(test, (await demoUser(test, role)).id);
}

/**
 * Keeps cookies between requests like a browser and fills in the CSRF token the page's forms carry.
 */
export class Browser {
  constructor(
    private readonly test: TestApp,
    readonly cookies: Record<string, string> = {},
  ) {}

  async get(url: string): Promise<LightMyRequestResponse> {
    return this.remember(await this.test.app.inject({ method: 'GET', url, cookies: this.cookies }));
  }

  /** Posts a form as the page would, with the CSRF token of a page that has a form. */
  async post(url: string, form: Record<string, string>): Promise<LightMyRequestResponse> {
    const csrf = await this.csrfToken(this.cookies['__Host-throughcare-session'] ? '/account' : '/sign-in');
    return this.postRaw(url, { ...form, _csrf: csrf });
  }

  async postRaw(url: string, form: Record<string, string>): Promise<LightMyRequestResponse> {
    return this.remember(
      await this.test.app.inject({
        method: 'POST',
        url,
        cookies: this.cookies,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(form).toString(),
      }),
    );
  }

  /** Uploads a file as the upload page's form does (multipart, the CSRF token in the action's query). */
  async upload(url: string, file: { name: string; bytes: Buffer; field?: string }): Promise<LightMyRequestResponse> {
    const csrf = await this.csrfToken('/account');
    const boundary = '----throughcare-test-boundary';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      file.bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const separator = url.includes('?') ? '&' : '?';
    return this.remember(
      await this.test.app.inject({
        method: 'POST',
        url: `${url}${separator}_csrf=${encodeURIComponent(csrf)}`,
        cookies: this.cookies,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload,
      }),
    );
  }

  async csrfToken(formPage: string): Promise<string> {
    const page = await this.get(formPage);
    const token = page.body.match(/name="_csrf" value="([^"]+)"/)?.[1];
    if (!token) throw new Error(`No CSRF token on ${formPage} (status ${page.statusCode})`);
    return token;
  }

  private remember(response: LightMyRequestResponse) {
    for (const cookie of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = cookie.maxAge === 0 || (cookie.expires && cookie.expires.getTime() < Date.now());
      if (expired) Reflect.deleteProperty(this.cookies, cookie.name);
      else this.cookies[cookie.name] = cookie.value;
    }
    return response;
  }
}

export const anonymous = (test: TestApp) => new Browser(test);

/** The texts of the GOV.UK error summary on a page. */
export function errorSummary(html: string): string[] {
  const summary = html.match(/<div class="govuk-error-summary"[\s\S]*?<\/ul>/)?.[0] ?? '';
  return [...summary.matchAll(/<a href="#[^"]*">([^<]*)<\/a>/g)].map((match) => decodeEntities(match[1] ?? '').trim());
}

export function decodeEntities(text: string): string {
  return text.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

export async function auditRows(test: TestApp, requestId: unknown) {
  return test.database.db.selectFrom('audit_event').selectAll().where('request_id', '=', String(requestId)).execute();
}
