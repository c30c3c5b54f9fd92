import { mkdir } from 'node:fs/promises';
import type { Config } from '../config.ts';
import { connectDatabase } from './connect.ts';
import { migrate } from './migrate.ts';

/** Opens (and if need be creates) the database and brings its schema up to date. */
export async function openDatabase(config: Config) {
  if (config.database.kind === 'pglite') await mkdir(config.database.dataDir, { recursive: true });
  const database = await connectDatabase(config.database);
  const applied = await migrate(database);
  return { database, applied };
}
