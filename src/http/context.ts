import type { Kysely } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../modules/auth/roles.ts';

/**
 * What a domain function knows about the request that called it, passed explicitly: who, from
 * where, which request, and the database (a transaction when the work writes).
 */
export interface Ctx {
  actor: Actor | null;
  requestId: string;
  address: string;
  db: Kysely<Database>;
  log: FastifyBaseLogger;
  /** Who acts when there is no signed-in user: 'command line', 'demo seed'. */
  systemLabel?: string;
}

export interface SignedInCtx extends Ctx {
  actor: Actor;
}

/** Runs `work` in one transaction; nested calls join the transaction already open. */
export async function inTransaction<C extends Ctx, T>(ctx: C, work: (tx: C) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return work(ctx);
  return ctx.db.transaction().execute((trx) => work({ ...ctx, db: trx }));
}
