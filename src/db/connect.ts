import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setImmediate as nextTurnOfEventLoop } from 'node:timers/promises';
import type { Config } from '../config.ts';
import { copyDataOf } from './copy.ts';
import { tallyQuery } from './query-timing.ts';
import type { Database } from './schema.ts';

/** A connected database: the typed query layer, and a way to run a multi-statement SQL script. */
export interface DatabaseHandle {
  kind: 'pglite' | 'postgres';
  db: Kysely<Database>;
  /** Runs a script of several statements and `after` in one transaction (used by migrations). */
  runScriptInTransaction(script: string, after: { sql: string; params: unknown[] }): Promise<void>;
  /** PGlite only: the whole database as a tarball, which connectPglite can start another from. */
  dumpDataDir?(): Promise<Blob>;
  /**
   * PostgreSQL with a separate owner role (DATABASE_OWNER_URL): a new connection as the role that
   * owns the schema, for migrations and grants only (docs/decisions/0008-database-roles.md).
   * Absent with one role: then this handle's own role migrates, as it owns everything.
   */
  openOwner?(): Promise<DatabaseHandle>;
  close(): Promise<void>;
}

const DATE_OID = 1082;
const INT8_OID = 20;
const NUMERIC_OID = 1700;

/** Calendar dates stay 'YYYY-MM-DD' strings: a date of birth is not a moment in any time zone. */
const keepDateText = (value: string) => value;
const int8ToNumber = (value: string) => Number(value);
/** numeric columns here are small (sentence months, percentages): a JS number holds them exactly enough. */
const numericToNumber = (value: string) => Number(value);

export async function connectDatabase(database: Config['database']): Promise<DatabaseHandle> {
  return database.kind === 'postgres' ? connectPostgres(database.url, { ownerUrl: database.ownerUrl }) : connectPglite(database.dataDir);
}

/**
 * dataDir: a folder, or 'memory://' for a throwaway in-memory database (tests); `loadDataDir`, a
 * tarball from dumpDataDir() to start from (tests start from one already migrated).
 */
export async function connectPglite(dataDir: string, options: { loadDataDir?: Blob } = {}): Promise<DatabaseHandle> {
  const client = await PGlite.create(dataDir, {
    parsers: { [pgliteTypes.DATE]: keepDateText, [pgliteTypes.INT8]: int8ToNumber, [pgliteTypes.NUMERIC]: numericToNumber },
    extensions: { pg_trgm },
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  return {
    kind: 'pglite',
    db: new Kysely<Database>({ dialect: new PGliteDialect(yieldingBeforeEachQuery(client)), log: tallyQuery }),
    async runScriptInTransaction(script, after) {
      await client.transaction(async (tx) => {
        await tx.exec(script);
        await tx.query(after.sql, after.params);
      });
    },
    async dumpDataDir() {
      return client.dumpDataDir('none');
    },
    async close() {
      await client.close();
    },
  };
}

/**
 * PGlite runs a query synchronously in WebAssembly and settles its promise as a microtask, so a chain
 * of awaited queries (a demo seed, a long import, a report) never returned to the event loop: no
 * other request, timer or message was served until the whole chain ended. Each query now waits for
 * the next turn of the event loop first, as a query over a socket to PostgreSQL does. A COPY from
 * stdin (copy.ts) reads its rows from a blob, PGlite's way.
 */
function yieldingBeforeEachQuery(client: PGlite): PGlite {
  return withQuery(client, async (target, text: string, parameters?: unknown[], options?: Parameters<PGlite['query']>[2]) => {
    await nextTurnOfEventLoop();
    const copy = copyDataOf(parameters);
    if (copy) return target.query(text.replace(/ from stdin$/, " from '/dev/blob'"), [], { blob: new Blob([copy.text]) });
    return target.query(text, parameters, options);
  });
}

/** A pool whose clients run a COPY from stdin (copy.ts) through pg-copy-streams. */
function copyingPool(pool: pg.Pool) {
  return {
    connect: async () =>
      withQuery(await pool.connect(), async (client, text: string, parameters?: unknown[]) => {
        const copy = copyDataOf(parameters);
        if (!copy) return client.query(text, parameters);
        const stream = client.query(copyFrom(text));
        await pipeline(Readable.from([copy.text]), stream);
        return { command: 'COPY', rowCount: stream.rowCount, rows: [] };
      }),
    end: () => pool.end(),
  };
}

/** The client with its `query` replaced; every other member passes through. */
function withQuery<T extends object, A extends unknown[]>(client: T, query: (target: T, ...args: A) => Promise<unknown>): T {
  return new Proxy(client, {
    get(target, key) {
      if (key === 'query') return (...args: A) => query(target, ...args);
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Each PostgreSQL database's reader (see readerBeside). */
const readers = new WeakMap<Kysely<Database>, Kysely<Database>>();

/**
 * A database to read from while `db`'s transaction is open, on a connection of its own: on
 * PostgreSQL a pool of two connections kept for such reads, so that a transaction waiting for one
 * never waits on the main pool, whose connections those transactions hold (ten imports at once
 * would otherwise each hold one and wait for another for ever); none on PGlite, whose one connection
 * the transaction holds. It sees only what is committed, never the transaction's own writes.
 */
export function readerBeside(db: Kysely<Database>): Kysely<Database> | null {
  return readers.get(db) ?? null;
}

/** A Kysely over a pool of `max` connections to `url`, whose clients also run COPY (copy.ts). */
function pooledDatabase(url: string, max: number): { db: Kysely<Database>; pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    // Every query here is short and planned fresh; JIT compilation cost more than it saved
    // (170 ms of a 1.3 s report at a million people).
    options: '-c jit=off',
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === DATE_OID) return keepDateText;
        if (oid === INT8_OID) return int8ToNumber;
        if (oid === NUMERIC_OID) return numericToNumber;
        return pg.types.getTypeParser(oid, format);
      }) as typeof pg.types.getTypeParser,
    },
  });
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool: copyingPool(pool) }), log: tallyQuery }), pool };
}

/** `ownerUrl`: the schema owner's role, when the service connects as another (see openOwner). */
export async function connectPostgres(url: string, options: { ownerUrl?: string | undefined } = {}): Promise<DatabaseHandle> {
  const { db, pool } = pooledDatabase(url, 10);
  // Connections are opened when first asked for: an app that never imports opens none here.
  const reader = pooledDatabase(url, 2).db;
  readers.set(db, reader);
  const { ownerUrl } = options;
  return {
    kind: 'postgres',
    db,
    ...(ownerUrl ? { openOwner: () => connectPostgres(ownerUrl) } : {}),
    async runScriptInTransaction(script, after) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        await client.query(script);
        await client.query(after.sql, after.params);
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      await Promise.all([db.destroy(), reader.destroy()]);
    },
  };
}
