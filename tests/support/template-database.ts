import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { connectPglite } from '../../src/db/connect.ts';
import { migrate } from '../../src/db/migrate.ts';
import { connectTestServerDatabase, dropDatabase, testServer, withAdminClient } from './postgres-admin.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated database each test file starts from: a PGlite tarball's path, or a PostgreSQL database's name. */
    testDatabaseTemplate: string;
  }
}

/**
 * Vitest global set-up: migrates one database before the test files run, so that each file copies
 * it rather than applying every migration again (on PostgreSQL, CREATE DATABASE … TEMPLATE; on
 * PGlite, a tarball of the data directory). Dropped when the run ends.
 */
export default async function setup(project: TestProject) {
  const server = testServer();
  if (!server) {
    const handle = await connectPglite('memory://');
    await migrate(handle);
    if (!handle.dumpDataDir) throw new Error('A PGlite database can always be dumped');
    const tarball = await handle.dumpDataDir();
    await handle.close();
    const folder = await mkdtemp(join(tmpdir(), 'throughcare-template-'));
    const file = join(folder, 'migrated.tar');
    await writeFile(file, Buffer.from(await tarball.arrayBuffer()));
    project.provide('testDatabaseTemplate', file);
    return () => rm(folder, { recursive: true, force: true });
  }
  const name = `throughcare_template_${randomBytes(6).toString('hex')}`;
  // Made and migrated by the owner, which grants the service its rights; copies keep both.
  await withAdminClient(server.ownerUrl, (client) => client.query(`create database ${name}`));
  const handle = await connectTestServerDatabase(server, name);
  await migrate(handle);
  await handle.close();
  // Nobody (not even autovacuum) connects to it from now on, so it can always be copied.
  await withAdminClient(server.ownerUrl, (client) => client.query(`alter database ${name} with allow_connections false`));
  project.provide('testDatabaseTemplate', name);
  return () => withAdminClient(server.ownerUrl, (client) => dropDatabase(client, name));
}
