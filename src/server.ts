import { createApp, type App } from './app.ts';
import type { Config } from './config.ts';
import { openDatabase } from './db/open.ts';
import { AUDIT_LOG_UNPROTECTED, auditLogProtected } from './db/roles.ts';
import { seedDemo } from './seed/seed-demo.ts';
import { buildServices } from './services.ts';

export async function startServer(config: Config, options: { seedDemo: boolean }): Promise<App & { url: string; seeded: boolean }> {
  const { database } = await openDatabase(config);
  const seeded = options.seedDemo ? (await seedDemo({ db: database.db, password: config.demoPassword, exampleReferrals: true })) === 'seeded' : false;
  const app = await createApp(buildServices(config, database));
  if (config.environment === 'production' && !(await auditLogProtected(database.db))) app.app.log.warn(AUDIT_LOG_UNPROTECTED);
  const url = await app.app.listen({ host: config.host, port: config.port });
  return { ...app, url, seeded };
}
