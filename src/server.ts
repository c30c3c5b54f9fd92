import { mkdir } from 'node:fs/promises';
import { createApp, type App } from './app.ts';
import type { Config } from './config.ts';
import { connectDatabase } from './db/connect.ts';
import { migrate } from './db/migrate.ts';
import { AUDIT_LOG_UNPROTECTED, auditLogProtected } from './db/roles.ts';
import { seedDemo } from './seed/seed-demo.ts';
import { buildServices } from './services.ts';

/** Opens (and if need be creates) the database and brings its schema up to date. */
export async function openDatabase(config: Config) {
  if (config.database.kind === 'pglite') await mkdir(config.database.dataDir, { recursive: true });
  const database = await connectDatabase(config.database);
  const applied = await migrate(database);
  return { database, applied };
}

export async function startServer(config: Config, options: { seedDemo: boolean }): Promise<App & { url: string; seeded: boolean }> {
  const { database } = await openDatabase(config);
  const seeded = options.seedDemo ? (await seedDemo({ db: database.db, password: config.demoPassword })) === 'seeded' : false;
  const app = await createApp(buildServices(config, database));
  if (config.environment === 'production' && !(await auditLogProtected(database.db))) app.app.log.warn(AUDIT_LOG_UNPROTECTED);
  const url = await app.app.listen({ host: config.host, port: config.port });
  return { ...app, url, seeded };
}
