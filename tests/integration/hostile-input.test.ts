import { randomUUID } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/modules/auth/api-tokens.ts';
import { can } from '../../src/modules/auth/policy.ts';
import { ROLES, type Role } from '../../src/modules/auth/roles.ts';
import { buildContact, buildEpisode, buildPerson } from '../support/journey.ts';
import {
  encoded,
  formsOf,
  HOSTILE_BODY_TEXT,
  HOSTILE_ID_FOR_EVERY_ROUTE,
  HOSTILE_IDS,
  HOSTILE_TEXT,
  linkedQueryKeys,
  multipartBody,
  urlEncoded,
  validValue,
  WRONG_BODIES,
  WRONG_TYPES,
  type JsonSchema,
} from '../support/hostile-input.ts';
import { buildTestApp, ctxAs, demoUser, errorSummary, sessionAs, type Browser, type TestApp } from '../support/test-app.ts';

/**
 * Every registered route (the app's own route table, so a new route is walked without anyone listing
 * it), signed in as an administrator and as a caseworker, sent hostile values in its path, its query
 * and its body (a form with a valid CSRF token for pages, JSON for the API): none may answer 5xx, nor
 * reach the database with a value it refuses (the error handler's last line, which hides a missing check).
 * Where a route's query and body fields are is read from its own page's forms and links, and from
 * the OpenAPI document for the API.
 */
let test: TestApp;
const ids: Record<string, string> = {};
/** Query keys the app's pages and reports use, sent to every GET route besides the ones its page shows. */
const COMMON_QUERY_KEYS = ['q', 'page', 'table', 'sheet', 'from', 'to', 'returnTo', 'sort', 'status', 'week', 'kind', 'date', 'team', 'worker', 'month'];
/** Each route is walked as the first of these it allows (a caseworker or an administrator for nearly all), so that the hostile values reach its handler. */
const WALKED_AS: Role[] = ['team_leader', 'administrator', ...ROLES];
/** Ends the session the walk uses: walked only with a valid body, last. */
const SIGN_OUT = 'POST /sign-out';

interface Caller {
  role: Role;
  actor: Awaited<ReturnType<typeof ctxAs>>['actor'];
  browser: Browser;
  csrf: string;
  token: string;
}
const callers = new Map<Role, Caller>();

async function signIn(role: Role): Promise<Caller> {
  const browser = await sessionAs(test, role);
  const ctx = await ctxAs(test, role);
  const token = (await createApiToken({ ctx, name: 'hostile walk', scope: 'read-write', expiresInDays: 7 })).token;
  const caller = { role, actor: ctx.actor, browser, csrf: await browser.csrfToken('/account'), token };
  callers.set(role, caller);
  return caller;
}

type Payload = { contentType: string; payload: string | Buffer };

async function send(caller: Caller, method: string, url: string, body?: Payload): Promise<LightMyRequestResponse> {
  const api = url.startsWith('/api/');
  const options: InjectOptions = {
    method: method as 'GET',
    url,
    cookies: api ? {} : caller.browser.cookies,
    headers: { ...(api ? { authorization: `Bearer ${caller.token}` } : {}), ...(body ? { 'content-type': body.contentType } : {}) },
    ...(body ? { payload: body.payload } : {}),
  };
  return test.app.inject(options);
}

/** The route's path with its parameters filled: real records where the walk has them, the `last` one as given. */
function concrete(url: string, last?: string): string {
  const params = [...url.matchAll(/:(\w+)|\*/g)];
  let index = 0;
  return url.replace(/:(\w+)|\*/g, (_match, name: string | undefined) => {
    index += 1;
    if (last !== undefined && index === params.length) return last;
    if (!name) return 'application.css';
    return ids[name] ?? (name === 'week' ? '13' : name === 'list' ? 'contact_type' : randomUUID());
  });
}

const pageCache = new Map<string, string>();
async function pageHtml(caller: Caller, url: string): Promise<string> {
  const key = `${caller.role} ${url}`;
  if (!pageCache.has(key)) {
    const response = await send(caller, 'GET', url);
    pageCache.set(key, response.statusCode === 200 && String(response.headers['content-type']).includes('html') ? response.body : '');
  }
  return pageCache.get(key) ?? '';
}

interface Operation {
  parameters?: { in: string; name: string }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}
let openApi: Record<string, Record<string, Operation>> = {};
const operationOf = (method: string, url: string) => openApi[url.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];

/** Every string in `value` replaced by `text`, at any depth. */
function everyString(value: unknown, text: string): unknown {
  if (typeof value === 'string') return text;
  if (Array.isArray(value)) return value.map((item) => everyString(item, text));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, everyString(item, text)]));
  return value;
}

const parameterKindsWalked = new Set<string>();
const registered = new Set<string>();
let apiWritesWalked = 0;

/** The requests the walk makes of one route: [what is hostile, method, url, body]. */
async function* requestsFor(caller: Caller, method: string, url: string): AsyncGenerator<[string, string, string, Payload?]> {
  const api = url.startsWith('/api/');
  const emptyBody: Payload | undefined =
    method === 'GET' || method === 'DELETE' ? undefined : api ? { contentType: 'application/json', payload: '{}' } : form({});
  function form(fields: Record<string, string> | string): Payload {
    const text = typeof fields === 'string' ? fields : new URLSearchParams(fields).toString();
    return { contentType: 'application/x-www-form-urlencoded', payload: `${text}${text ? '&' : ''}_csrf=${encodeURIComponent(caller.csrf)}` };
  }
  const lastParameter = /(:\w+|\*)[^:*]*$/.exec(url)?.[1];
  if (lastParameter) {
    // Every kind of parameter gets every hostile id once; every route gets the one that most often breaks.
    const firstOfItsKind = !parameterKindsWalked.has(lastParameter);
    parameterKindsWalked.add(lastParameter);
    for (const id of firstOfItsKind ? [...HOSTILE_IDS, HOSTILE_ID_FOR_EVERY_ROUTE] : [HOSTILE_ID_FOR_EVERY_ROUTE]) {
      yield [`path: ${id.name}`, method, concrete(url, encoded(id)), emptyBody];
    }
  }
  const path = concrete(url);
  if (method === 'GET') {
    // A download reads its query with its page's own functions (src/http/downloads.ts): its CSV twin is walked with every value.
    if (url.endsWith('.xlsx') && registered.has(`GET ${url.replace(/\.xlsx$/, '.csv')}`)) return;
    const html = api ? '' : await pageHtml(caller, path);
    const keys = new Set([...COMMON_QUERY_KEYS, ...linkedQueryKeys(html, path.split('?')[0] ?? path)]);
    for (const pageForm of formsOf(html, path)) if (pageForm.method === 'get') for (const key of Object.keys(pageForm.fields)) keys.add(key);
    for (const parameter of operationOf(method, url)?.parameters ?? []) if (parameter.in === 'query') keys.add(parameter.name);
    for (const value of [...HOSTILE_TEXT, 'array' as const])
      yield [`query: ${value === 'array' ? 'arrays' : value.name}`, method, `${path}?${urlEncoded([...keys], value)}`];
    return;
  }
  if (api) {
    const schema = operationOf(method, url)?.requestBody?.content?.['application/json']?.schema;
    const valid = validValue(schema ?? { type: 'object' }, ids) as Record<string, unknown>;
    const json = (body: unknown): Payload => ({ contentType: 'application/json', payload: JSON.stringify(body) });
    for (const value of [...HOSTILE_TEXT, ...HOSTILE_BODY_TEXT])
      if (value.text !== undefined) yield [`JSON: ${value.name}`, method, path, json(everyString(valid, value.text))];
    for (const wrong of WRONG_TYPES)
      yield [`JSON: ${wrong.name} in every field`, method, path, json(Object.fromEntries(Object.keys(valid).map((key) => [key, wrong.value])))];
    // The body parser is the same for every route: bodies of the wrong shape go to the first few.
    if (apiWritesWalked++ < 3)
      for (const wrong of WRONG_BODIES) yield [`JSON: ${wrong.name}`, method, path, { contentType: 'application/json', payload: wrong.payload }];
    return;
  }
  // A page's form posts to its own address, or (a "new" page) to its parent's.
  const forms = [...formsOf(await pageHtml(caller, path), path), ...formsOf(await pageHtml(caller, `${path}/new`), path)].filter(
    (candidate) => candidate.method === 'post' && candidate.action.split('?')[0] === path,
  );
  // Where no form was found, a few names forms often have.
  const fields = Object.assign(forms.length > 0 ? {} : { name: '', reason: '', notes: '' }, ...forms.map((candidate) => candidate.fields)) as Record<
    string,
    string
  >;
  const keys = Object.keys(fields);
  for (const value of [...HOSTILE_TEXT, ...HOSTILE_BODY_TEXT, 'array' as const])
    yield [`form: ${value === 'array' ? 'arrays' : value.name}`, method, path, form(urlEncoded(keys, value))];
  const dateParts = keys.filter((key) => /-(day|month|year)$/.test(key));
  if (dateParts.length > 0) {
    for (const [day, month, year] of [
      ['31', '2', '2025'],
      ['0', '13', '99999'],
      ['-1', '-1', '-1'],
    ]) {
      const dates = Object.fromEntries(dateParts.map((key) => [key, key.endsWith('-day') ? day : key.endsWith('-month') ? month : year]));
      yield [`form: the date ${day}/${month}/${year}`, method, path, form({ ...fields, ...dates } as Record<string, string>)];
    }
  }
  if (forms.some((candidate) => candidate.multipart)) {
    // An upload's fields are read by its route, not the body parser: each field in turn is given a NUL byte, the rest as the page filled them.
    const multipartUrl = `${path}?_csrf=${encodeURIComponent(caller.csrf)}`;
    const fileField = Object.keys(fields).find((key) => /file/i.test(key)) ?? 'file';
    const textFields = Object.fromEntries(Object.entries(fields).filter(([key]) => key !== fileField));
    for (const key of Object.keys(textFields))
      yield [`upload: a NUL byte in ${key}`, method, multipartUrl, multipartBody({ ...textFields, [key]: `${textFields[key] ?? ''}\u0000` })];
    for (const value of HOSTILE_TEXT) {
      if (value.text === undefined) continue;
      const file = { field: fileField, name: `${value.text.slice(0, 200)}.csv`, bytes: Buffer.from(`Name\r\n${value.text}\r\n`) };
      yield [
        `upload: ${value.name}`,
        method,
        multipartUrl,
        multipartBody(Object.fromEntries(Object.keys(textFields).map((key) => [key, value.text ?? ''])), file),
      ];
    }
  }
}

/** A response that shows the walk found a fault: a 5xx, or a value only the database refused. */
function fault(response: LightMyRequestResponse): boolean {
  return response.statusCode >= 500 || response.body.includes('database-refused-value') || response.body.includes('cannot be saved or searched for');
}

beforeAll(async () => {
  test = await buildTestApp(process.env.HOSTILE_WALK_LOG ? { LOG_LEVEL: 'error' } : {});
  const person = await buildPerson(test, { teamName: 'Glasgow team' });
  const episode = await buildEpisode(test, { personId: person.id, signed_up_on: '2026-10-01', team_id: (await demoUser(test, 'team_leader')).team_id });
  const contact = await buildContact(test, { episodeId: episode.id, contactOn: '2026-10-02' });
  Object.assign(ids, { personId: person.id, episodeId: episode.id, recordId: contact.id, otherId: (await buildPerson(test, { teamName: 'Glasgow team' })).id });
  const analyst = await demoUser(test, 'analyst');
  ids.userId = analyst.id;
  for (const role of new Set(WALKED_AS)) await signIn(role);
  const upload = await (callers.get('team_leader') as Caller).browser.upload('/imports', {
    name: 'walk.csv',
    bytes: Buffer.from('Prisoner Number,Date\r\nA1,01/01/2020\r\n'),
  });
  ids.batchId = String(upload.headers.location).split('/')[2] ?? '';
  openApi = (await test.app.inject({ method: 'GET', url: '/api/docs/json' })).json<{ paths: typeof openApi }>().paths;
});
afterAll(() => test.close());

describe('no hostile input answers 5xx, on any route', () => {
  it('finds the routes and their fields from the app itself', () => {
    expect(test.routes.length).toBeGreaterThan(100);
    expect(Object.keys(openApi).length).toBeGreaterThan(20);
    expect(ids.batchId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('every route, as the first of a caseworker, an administrator or another role that it allows', async () => {
    const faults: string[] = [];
    let requests = 0;
    const stats: Record<string, [number, number]> = {};
    const byRoute: Record<string, number> = {};
    for (const route of test.routes) registered.add(`${route.method} ${route.url}`);
    const routes = [...test.routes].sort((a, b) => Number(`${a.method} ${a.url}` === SIGN_OUT) - Number(`${b.method} ${b.url}` === SIGN_OUT));
    for (const route of routes) {
      const role = WALKED_AS.find((candidate) => route.access === 'public' || can((callers.get(candidate) as Caller).actor, route.access)) ?? 'team_leader';
      let caller = callers.get(role) as Caller;
      for await (const [what, method, url, body] of requestsFor(caller, route.method, route.url)) {
        const started = performance.now();
        const response = await send(caller, method, url, body);
        const took = performance.now() - started;
        const kind = what.split(':')[0] ?? '';
        stats[kind] = [(stats[kind]?.[0] ?? 0) + 1, (stats[kind]?.[1] ?? 0) + took];
        const routeKey = `${route.method} ${route.url}`;
        byRoute[routeKey] = (byRoute[routeKey] ?? 0) + took;
        requests += 1;
        if (fault(response))
          faults.push(`${role} ${route.method} ${route.url} — ${what}: ${response.statusCode} (request ${String(response.headers['x-request-id'])})`);
        // A walk that signed itself out (or changed the session) signs in again.
        const signedOut = response.statusCode === 302 && String(response.headers.location).startsWith('/sign-in');
        if (signedOut || (response.statusCode === 403 && response.body.includes('Your form has expired'))) caller = await signIn(role);
      }
    }
    if (process.env.HOSTILE_WALK_STATS)
      console.log(
        stats,
        Object.entries(byRoute)
          .sort((a, b) => b[1] - a[1])
          .slice(0, 25),
      );
    expect(requests).toBeGreaterThan(1_500);
    expect(faults).toEqual([]);
  }, 600_000);
});

describe('a NUL byte (or half of a character) is refused with a clear message, and nothing is saved', () => {
  const UNSAVABLE = /contains a character that cannot be saved: remove it and try again$/;
  const contacts = async () =>
    (
      await test.database.db
        .selectFrom('contact')
        .select('id')
        .where('episode_id', '=', ids.episodeId ?? '')
        .execute()
    ).length;
  const leader = () => callers.get('team_leader') as Caller;
  const contactsPage = () => `/people/${ids.personId}/sign-ups/${ids.episodeId}/contacts`;

  it('in a page form: the GOV.UK error summary names the field', async () => {
    const fields =
      formsOf(await pageHtml(leader(), contactsPage()), contactsPage()).find((f) => f.method === 'post' && f.action === contactsPage())?.fields ?? {};
    const before = await contacts();
    const body = new URLSearchParams({ ...fields, notes: 'Met at the gate\u0000', _csrf: leader().csrf }).toString();
    const response = await send(leader(), 'POST', contactsPage(), { contentType: 'application/x-www-form-urlencoded', payload: body });
    expect(response.statusCode).toBe(400);
    expect(errorSummary(response.body)).toEqual([expect.stringMatching(/^The field “notes” /)]);
    expect(errorSummary(response.body)[0]).toMatch(UNSAVABLE);
    expect(await contacts()).toBe(before);
  });

  it('in a search or a web address: the page says so', async () => {
    const search = await send(leader(), 'GET', '/people?q=Smith%00');
    expect(search.statusCode).toBe(400);
    expect(errorSummary(search.body)).toEqual([expect.stringMatching(/^The field “q” contains a character that cannot be saved/)]);
    const address = await send(leader(), 'GET', `/people/${ids.personId}%00`);
    expect(address.statusCode).toBe(400);
    expect(errorSummary(address.body)).toEqual([expect.stringMatching(/^The web address contains a character/)]);
  });

  it('in JSON, a query or a key on the API: a problem document names the field', async () => {
    const before = await contacts();
    const url = `/api/v1/people/${ids.personId}/sign-ups/${ids.episodeId}/contacts`;
    const body = { contactOn: '2026-10-03', contactType: 'phone', outcome: 'happened', notes: 'Met\u0000' };
    const json = await send(leader(), 'POST', url, { contentType: 'application/json', payload: JSON.stringify(body) });
    expect(json.statusCode).toBe(400);
    expect(json.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(json.json()).toMatchObject({
      type: 'urn:throughcare:problem:validation',
      status: 400,
      errors: [{ field: 'notes', message: expect.stringMatching(UNSAVABLE) }],
    });
    const surrogate = await send(leader(), 'POST', url, { contentType: 'application/json', payload: JSON.stringify(body).replace('Met\\u0000', 'Met\\ud800') });
    expect(surrogate.json()).toMatchObject({ status: 400, errors: [{ field: 'notes' }] });
    const query = await send(leader(), 'GET', `${url}?q=%00`);
    expect(query.json()).toMatchObject({ status: 400, errors: [{ field: 'q' }] });
    expect(await contacts()).toBe(before);
  });

  it('in an upload: a form field is refused; a file name is kept without it', async () => {
    const outcomes = `/people/${ids.personId}/sign-ups/${ids.episodeId}/outcomes`;
    const fields = formsOf(await pageHtml(leader(), outcomes), outcomes).find((f) => f.multipart)?.fields ?? {};
    delete fields.evidenceFile;
    const form = multipartBody({ ...fields, detail: 'Course\u0000' });
    const refused = await send(leader(), 'POST', `${outcomes}?_csrf=${encodeURIComponent(leader().csrf)}`, form);
    expect(refused.statusCode).toBe(400);
    expect(errorSummary(refused.body)).toEqual([expect.stringMatching(/^The field “detail” contains a character that cannot be saved/)]);
    const upload = await leader().browser.upload('/imports', { name: 'con\u0000tacts.csv', bytes: Buffer.from('Prisoner Number,Date\r\nA1,01/01/2020\r\n') });
    expect(upload.statusCode).toBe(302);
    const batch = await test.database.db
      .selectFrom('import_batch')
      .select('file_name')
      .where('id', '=', String(upload.headers.location).split('/')[2] ?? '')
      .executeTakeFirstOrThrow();
    expect(batch.file_name).toBe('contacts.csv');
  });

  it('an upload with more parts than a form has is refused, not a fault', async () => {
    const outcomes = `/people/${ids.personId}/sign-ups/${ids.episodeId}/outcomes`;
    const many = Object.fromEntries(Array.from({ length: 21 }, (_, index) => [`field${index}`, 'x']));
    const body = multipartBody(many, { field: 'evidenceFile', name: 'a.pdf', bytes: Buffer.from('%PDF-1.4 walk') });
    const response = await send(leader(), 'POST', `${outcomes}?_csrf=${encodeURIComponent(leader().csrf)}`, body);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('The upload could not be read');
  });
});
