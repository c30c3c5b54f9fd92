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
  /** Inside inTransaction: runs `then` once the transaction has committed (never if it rolls back). */
  afterCommit?: (then: () => void) => void;
}

export interface SignedInCtx extends Ctx {
  actor: Actor;
}

/**
 * Runs `work` in one transaction; nested calls join the transaction already open. What the work asks
 * to do after commit (ctx.afterCommit: tell another process, send an e-mail) runs once it has
 * committed, and not at all if it rolls back.
 */
export async function inTransaction<C extends Ctx, T>(ctx: C, work: (tx: C) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return work(ctx);
  const committed: (() => void)[] = [];
  const result = await ctx.db.transaction().execute((trx) => work({ ...ctx, db: trx, afterCommit: (then) => committed.push(then) }));
  for (const then of committed) then();
  return result;
}
