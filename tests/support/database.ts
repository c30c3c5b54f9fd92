import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { inject } from 'vitest';
import type { Kysely } from 'kysely';
import { connectPglite, type DatabaseHandle } from '../../src/db/connect.ts';
import { migrate } from '../../src/db/migrate.ts';
import type { Database } from '../../src/db/schema.ts';
import { connectTestServerDatabase, dropDatabase, testServer, withAdminClient } from './postgres-admin.ts';

export interface TestDatabase extends DatabaseHandle {
  /**
   * The schema owner's connection, for a test that must do what the service may not (rename a table
   * to make a fault): the same as db on PGlite or with one role.
   */
  ownerDb: Kysely<Database>;
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or, when
 * DATABASE_URL is set, a new database on that PostgreSQL server, dropped again on close (created
 * and dropped by DATABASE_OWNER_URL's role when set; the app connects as DATABASE_URL's). Each is
 * copied from the database the global set-up migrated (template-database.ts); migrate() then finds
 * nothing to do, unless the file runs without that set-up.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const server = testServer();
  const template = inject('testDatabaseTemplate') as string | undefined;
  if (!server) {
    const tarball = template ? new Blob([await readFile(template)]) : undefined;
    const handle = await connectPglite('memory://', { loadDataDir: tarball });
    await migrate(handle);
    return { ...handle, ownerDb: handle.db };
  }
  const name = `throughcare_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient(server.ownerUrl, (client) => client.query(`create database ${name}${template ? ` template ${template}` : ''}`));
  const handle = await connectTestServerDatabase(server, name);
  await migrate(handle);
  // Connects only when a test first uses it.
  const owner = handle.openOwner ? await handle.openOwner() : undefined;
  return {
    ...handle,
    ownerDb: owner?.db ?? handle.db,
    async close() {
      await handle.close();
      await owner?.close();
      await withAdminClient(server.ownerUrl, (client) => dropDatabase(client, name));
    },
  };
}
