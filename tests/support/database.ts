import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { inject } from 'vitest';
import type { Kysely } from 'kysely';
import { connectPglite, type DatabaseHandle } from '../../src/db/connect.ts';
import { migrate } from '../../src/db/migrate.ts';
import type { Database } from '../../src/db/schema.ts';
import { connectTestServerDatabase, dropDatabase, testServer, withAdminClient } from './postgres-admin.ts';

/**
 * The migrated template's tarball (45 MB) as a Blob that hands its bytes to PGlite in one copy.
 * PGlite reads the tarball with arrayBuffer(), which Node 20 assembles from a Blob's parts chunk by
 * chunk: for 45 MB that was about 0.8 s of CPU of the 2.2 s each test database took to start. The
 * Blob holds the bytes too, so its other readers (stream, text, slice) see the same contents.
 */
class TarballBlob extends Blob {
  constructor(private readonly contents: Uint8Array<ArrayBuffer>) {
    super([contents]);
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.resolve(this.contents.slice().buffer);
  }
}

/** Read once per test worker: under --no-isolate this module outlives a test file, and the tarball never changes during a run. */
const tarballs = new Map<string, Promise<Blob>>();

/** The migrated template (template-database.ts) as PGlite's loadDataDir. */
export function templateTarball(path: string): Promise<Blob> {
  if (!tarballs.has(path)) tarballs.set(path, readFile(path).then((bytes) => new TarballBlob(bytes)));
  return tarballs.get(path) as Promise<Blob>;
}

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
    const handle = await connectPglite('memory://', { loadDataDir: template ? await templateTarball(template) : undefined });
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
