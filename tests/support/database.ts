import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { inject } from 'vitest';
import { connectPglite, connectPostgres, type DatabaseHandle } from '../../src/db/connect.ts';
import { migrate } from '../../src/db/migrate.ts';
import { databaseUrl, dropDatabase, withAdminClient } from './postgres-admin.ts';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or, when
 * DATABASE_URL is set, a new database on that PostgreSQL server, dropped again on close. Each is
 * copied from the database the global set-up migrated (template-database.ts); migrate() then finds
 * nothing to do, unless the file runs without that set-up.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const serverUrl = process.env.DATABASE_URL;
  const template = inject('testDatabaseTemplate') as string | undefined;
  if (!serverUrl) {
    const tarball = template ? new Blob([await readFile(template)]) : undefined;
    const handle = await connectPglite('memory://', { loadDataDir: tarball });
    await migrate(handle);
    return handle;
  }
  const name = `throughcare_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient(serverUrl, (client) => client.query(`create database ${name}${template ? ` template ${template}` : ''}`));
  const handle = await connectPostgres(databaseUrl(serverUrl, name));
  await migrate(handle);
  return {
    ...handle,
    async close() {
      await handle.close();
      await withAdminClient(serverUrl, (client) => dropDatabase(client, name));
    },
  };
}
