import type { Config } from './config.ts';
import { connectDatabase, type DatabaseHandle } from './db/connect.ts';

/**
 * The composition root: everything the app needs from outside itself, built once. Tests build the
 * same bundle with their own database handle.
 */
export function buildServices(config: Config, database: DatabaseHandle, logStream?: { write(line: string): void }) {
  return { config, database, db: database.db, logStream };
}

export type Services = ReturnType<typeof buildServices>;

export async function createServices(config: Config): Promise<Services> {
  return buildServices(config, await connectDatabase(config.database));
}
