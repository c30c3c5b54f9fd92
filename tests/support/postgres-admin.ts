import pg from 'pg';
import { connectPostgres, type DatabaseHandle } from '../../src/db/connect.ts';

/**
 * The PostgreSQL server the tests run on, or undefined on PGlite: the service connects as
 * DATABASE_URL's role; databases are created, migrated and dropped as DATABASE_OWNER_URL's (as CI
 * does: docs/postgresql.md), or as that same role when there is no owner URL.
 */
export function testServer(env = process.env): { serviceUrl: string; ownerUrl: string; separateOwner: boolean } | undefined {
  if (!env.DATABASE_URL) return undefined;
  return { serviceUrl: env.DATABASE_URL, ownerUrl: env.DATABASE_OWNER_URL ?? env.DATABASE_URL, separateOwner: Boolean(env.DATABASE_OWNER_URL) };
}

/** One database of the test server as the service, with its owner to migrate it when that is another role. */
export function connectTestServerDatabase(server: NonNullable<ReturnType<typeof testServer>>, name: string): Promise<DatabaseHandle> {
  const ownerUrl = server.separateOwner ? databaseUrl(server.ownerUrl, name) : undefined;
  return connectPostgres(databaseUrl(server.serviceUrl, name), { ownerUrl });
}

/** The URL of another database on the same PostgreSQL server. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withAdminClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Drops a test database. An autovacuum worker may still be busy in it (after a test writes many
 * rows), and a role without pg_signal_backend cannot end that worker, so wait and try again; a
 * database that still will not go is left for the server to hold, which harms no other test.
 */
export async function dropDatabase(client: pg.Client, name: string): Promise<void> {
  for (let attempt = 1; attempt <= 10; attempt += 1) {
    try {
      await client.query(`drop database if exists ${name} with (force)`);
      return;
    } catch (error) {
      if (attempt === 10) console.warn(`could not drop test database ${name}: ${(error as Error).message}`);
      else await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
