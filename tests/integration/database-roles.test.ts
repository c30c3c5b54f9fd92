import { runThroughcare } from '../support/command-line.ts';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPostgres } from '../../src/db/connect.ts';
import { migrate } from '../../src/db/migrate.ts';
import { auditLogProtected, grantServiceRole, roleOf } from '../../src/db/roles.ts';
import { buildContact, buildEpisode, buildPerson } from '../support/journey.ts';
import { databaseUrl, dropDatabase, testServer, withAdminClient } from '../support/postgres-admin.ts';
import { auditRows, buildTestApp, ctxAs, sessionAs, type TestApp } from '../support/test-app.ts';
import { audit } from '../../src/modules/audit/record.ts';

/**
 * The service connects as a role that owns nothing (DATABASE_URL) and the schema owner's role
 * (DATABASE_OWNER_URL) migrates, as CI runs this suite (.ci/run, docs/postgresql.md): the service
 * cannot change its own audit log. PGlite has a single superuser, so there is nothing to separate.
 */
const server = testServer();

describe.skipIf(!server)('database roles (PostgreSQL only: the embedded PGlite has one superuser and no roles to separate)', () => {
  let test: TestApp;
  beforeAll(async () => {
    test = await buildTestApp();
  });
  afterAll(() => test?.close());

  /** Runs a statement as the service and returns PostgreSQL's refusal. */
  const refusal = async (statement: string) => {
    try {
      await sql.raw(statement).execute(test.database.db);
    } catch (error) {
      return (error as Error).message;
    }
    return 'allowed';
  };
  const auditCount = async () => Number((await sql<{ n: string }>`select count(*) as n from audit_event`.execute(test.database.ownerDb)).rows[0]?.n);

  it('runs the suite as a service role apart from the schema owner, as CI does', async () => {
    expect(server?.separateOwner, 'DATABASE_OWNER_URL is not set: with one role the audit log is not protected (see .ci/run)').toBe(true);
    expect(await roleOf(test.database.db)).not.toBe(await roleOf(test.database.ownerDb));
  });

  it('the service cannot disable the audit log’s triggers, nor update, delete, truncate or drop it', async () => {
    const before = await auditCount();
    expect(before).toBeGreaterThan(0);
    expect(await refusal('alter table audit_event disable trigger all')).toBe('must be owner of table audit_event');
    expect(await refusal('alter table audit_event disable trigger audit_event_no_update_or_delete')).toBe('must be owner of table audit_event');
    expect(await refusal('drop trigger audit_event_no_truncate on audit_event')).toBe('must be owner of relation audit_event');
    expect(await refusal("update audit_event set action = 'nothing'")).toBe('permission denied for table audit_event');
    expect(await refusal('delete from audit_event')).toBe('permission denied for table audit_event');
    expect(await refusal('truncate audit_event')).toBe('permission denied for table audit_event');
    expect(await refusal('drop table audit_event')).toBe('must be owner of table audit_event');
    expect(await refusal('alter table audit_event rename to audit_event_gone')).toBe('must be owner of table audit_event');
    expect(await refusal('create or replace function audit_event_is_append_only() returns trigger language plpgsql as $$ begin return null; end $$')).toBe(
      'permission denied for schema public',
    );
    expect(await auditCount()).toBe(before);
  });

  it('nor change the schema, record a migration, give itself more rights or become the owner', async () => {
    const owner = await roleOf(test.database.ownerDb);
    expect(await refusal('alter table person add column note text')).toBe('must be owner of table person');
    expect(await refusal('drop table contact')).toBe('must be owner of table contact');
    expect(await refusal('create table shadow_audit (id int)')).toBe('permission denied for schema public');
    expect(await refusal("insert into schema_migration (name) values ('9999_mine.sql')")).toBe('permission denied for table schema_migration');
    expect(await refusal(`set role ${owner}`)).toBe(`permission denied to set role "${owner}"`);
    // Granting itself rights it does not hold with grant option grants nothing (PostgreSQL only warns).
    await sql`grant update, delete, truncate on audit_event to current_user`.execute(test.database.db);
    expect(await refusal("update audit_event set action = 'nothing'")).toBe('permission denied for table audit_event');
    expect(await auditLogProtected(test.database.db)).toBe(true);
  });

  it('the owner is held by the triggers instead, and is told apart from a protected service', async () => {
    await expect(sql`delete from audit_event`.execute(test.database.ownerDb)).rejects.toThrow(/append-only/);
    expect(await auditLogProtected(test.database.ownerDb)).toBe(false);
  });

  it('refreshes a table’s statistics inside its transaction, as an import does (roughly), through analyse_table: analyze itself is the owner’s', async () => {
    const estimate = async (db: typeof test.database.db) =>
      Number((await sql<{ rows: number }>`select reltuples as rows from pg_class where oid = 'public.sign_in_failure'::regclass`.execute(db)).rows[0]?.rows);
    const buckets = async (db: typeof test.database.db) =>
      Number(
        (
          await sql<{ bounds: number }>`
            select cardinality(histogram_bounds::text::text[]) - 1 as bounds from pg_stats
            where schemaname = 'public' and tablename = 'sign_in_failure' and attname = 'occurred_at'`.execute(db)
        ).rows[0]?.bounds,
      );
    await test.database.db
      .transaction()
      .execute(async (trx) => {
        await sql`insert into sign_in_failure (address, occurred_at) select '192.0.2.9', now() - i * interval '1 minute' from generate_series(1, 3000) i`.execute(
          trx,
        );
        await sql`analyze sign_in_failure`.execute(trx);
        expect(await estimate(trx)).toBeLessThan(3000);
        await sql`select analyse_table('sign_in_failure')`.execute(trx);
        expect(await estimate(trx)).toBeGreaterThanOrEqual(3000);
        expect(await buckets(trx)).toBe(100);
        // The import's own analyses sample a tenth: ten buckets of the times, not a hundred.
        await sql`select analyse_table_roughly('sign_in_failure')`.execute(trx);
        expect(await estimate(trx)).toBeGreaterThanOrEqual(3000);
        expect(await buckets(trx)).toBe(10);
        throw new Error('rolled back');
      })
      .catch((error: Error) => expect(error.message).toBe('rolled back'));
    expect(await refusal("select analyse_table('pg_authid')")).toBe('there is no table pg_authid');
    // It runs as the owner, so only the roles granted it may call it: not every role (PUBLIC).
    const open = await sql<{ open: boolean }>`select has_function_privilege('public', 'analyse_table(text)', 'execute') as open`.execute(test.database.db);
    expect(open.rows[0]?.open).toBe(false);
  });

  it('does the normal work: pages audited, the audit log added to and read, records written and deleted as retention does', async () => {
    const coach = await sessionAs(test, 'prison_life_coach');
    const person = await buildPerson(test);
    const read = await coach.get(`/people/${person.id}`);
    expect(read.statusCode).toBe(200);
    expect(await auditRows(test, read.headers['x-request-id'])).toMatchObject([{ action: 'read', record_type: 'person', record_id: person.id }]);

    // A person's whole record deleted in one transaction with an audit event, as retention does;
    // the database's own triggers (the engagement rollup) run with the service's rights.
    const episode = await buildEpisode(test, { personId: person.id });
    await buildContact(test, { episodeId: episode.id, contactOn: '2026-02-01' });
    const ctx = await ctxAs(test, 'administrator');
    await test.database.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('contact').where('episode_id', '=', episode.id).execute();
      await trx.deleteFrom('episode').where('id', '=', episode.id).execute();
      await trx.deleteFrom('person_name').where('person_id', '=', person.id).execute();
      await trx.deleteFrom('person').where('id', '=', person.id).execute();
      await audit({ ...ctx, db: trx }, { action: 'delete', recordType: 'person', recordId: person.id, detail: { reason: 'database-roles test' } });
    });
    expect(await test.database.db.selectFrom('person').select('id').where('id', '=', person.id).execute()).toEqual([]);
    expect(await auditRows(test, ctx.requestId)).toMatchObject([{ action: 'delete', record_id: person.id }]);
    // Sign-in's clean-up of old failures deletes too.
    await test.database.db
      .insertInto('sign_in_failure')
      .values({ address: '192.0.2.1', occurred_at: new Date('2020-01-01') })
      .execute();
    const cleaned = await test.database.db.deleteFrom('sign_in_failure').where('occurred_at', '<', new Date('2021-01-01')).executeTakeFirst();
    expect(cleaned.numDeletedRows).toBe(1n);
  });
});

describe.skipIf(!server?.separateOwner)('migrating with two roles (PostgreSQL with DATABASE_OWNER_URL only)', () => {
  const name = `throughcare_roles_${randomBytes(6).toString('hex')}`;
  const urls = () => ({ service: databaseUrl(server?.serviceUrl ?? '', name), owner: databaseUrl(server?.ownerUrl ?? '', name) });
  beforeAll(() => withAdminClient(server?.ownerUrl ?? '', (client) => client.query(`create database ${name}`)));
  afterAll(() => withAdminClient(server?.ownerUrl ?? '', (client) => dropDatabase(client, name)));

  it('the service alone cannot migrate; `throughcare migrate` migrates as the owner and grants the service, afresh every time', async () => {
    const alone = await connectPostgres(urls().service);
    try {
      await expect(migrate(alone)).rejects.toThrow(/may not change the schema.*DATABASE_OWNER_URL/);
    } finally {
      await alone.close();
    }
    const run = await runThroughcare(['migrate'], {
      env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: urls().service, DATABASE_OWNER_URL: urls().owner },
    });
    expect(run.stdout).toContain('Applied 0001_foundation.sql');
    const service = await connectPostgres(urls().service, { ownerUrl: urls().owner });
    try {
      const serviceRole = await roleOf(service.db);
      expect(run.stdout).toContain(`The service's role ${serviceRole} may read and write the programme's records and add to the audit log, but not change it`);
      expect(await auditLogProtected(service.db)).toBe(true);
      await sql`insert into audit_event (actor_label, action) values ('test', 'read')`.execute(service.db);
      await expect(sql`update audit_event set action = 'nothing'`.execute(service.db)).rejects.toThrow('permission denied for table audit_event');
      // A right granted by hand, as a mistake would be, is taken away by the migrate command's grants.
      await withAdminClient(urls().owner, (client) => client.query(`grant truncate on audit_event to ${serviceRole}`));
      expect(await auditLogProtected(service.db)).toBe(false);
      expect(await grantServiceRole(service)).toBe(serviceRole);
      expect(await auditLogProtected(service.db)).toBe(true);
    } finally {
      await service.close();
    }
  });

  it('with one role the migrate command warns in production that the audit log is not protected', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', RESEARCH_PSEUDONYM_KEY: 'k'.repeat(32), DATABASE_URL: urls().owner };
    delete env.DATABASE_OWNER_URL;
    const run = await runThroughcare(['migrate'], { env });
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('The audit log is not protected: the database role in DATABASE_URL can change or remove it');
  });
});
