import { sql } from 'kysely';
import type { SignedInCtx } from '../../http/context.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { audit } from '../audit/record.ts';
import { actorFromRow, type Actor } from './roles.ts';
import { hashSecret, newSecret } from './tokens.ts';

/** API tokens act as the user they were made for, with that user's role; only the hash is kept. */
export const API_TOKEN_PREFIX = 'tc_';

export async function createApiToken(props: { ctx: SignedInCtx; userId: string; name: string }): Promise<{ id: string; token: string }> {
  const token = newSecret(API_TOKEN_PREFIX);
  const row = await props.ctx.db
    .insertInto('api_token')
    .values({
      programme_id: props.ctx.actor.programmeId,
      user_id: props.userId,
      name: props.name,
      token_hash: hashSecret(token),
      created_by: props.ctx.actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(props.ctx, { action: 'create', recordType: 'api-token', recordId: row.id, detail: { forUser: props.userId } });
  return { id: row.id, token };
}

export async function revokeApiToken(props: { ctx: SignedInCtx; tokenId: string }): Promise<boolean> {
  const result = await props.ctx.db
    .updateTable('api_token')
    .set({ revoked_at: sql`now()` })
    .where('id', '=', props.tokenId)
    .where('programme_id', '=', props.ctx.actor.programmeId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  const revoked = Number(result.numUpdatedRows) === 1;
  if (revoked) await audit(props.ctx, { action: 'delete', recordType: 'api-token', recordId: props.tokenId });
  return revoked;
}

export function listApiTokens(props: { ctx: SignedInCtx; userId: string }) {
  return props.ctx.db
    .selectFrom('api_token')
    .select(['id', 'name', 'created_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', props.userId)
    .where('programme_id', '=', props.ctx.actor.programmeId)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function findApiTokenActor(props: { db: Kysely<Database>; token: string }): Promise<Actor | null> {
  if (!props.token.startsWith(API_TOKEN_PREFIX)) return null;
  const row = await props.db
    .selectFrom('api_token as t')
    .innerJoin('app_user as u', 'u.id', 't.user_id')
    .innerJoin('programme as p', 'p.id', 'u.programme_id')
    .select(['t.id as token_id', 't.last_used_at', 'u.id', 'u.programme_id', 'u.role', 'u.team_id', 'u.display_name', 'p.time_zone'])
    .where('t.token_hash', '=', hashSecret(props.token))
    .where('t.revoked_at', 'is', null)
    .where('u.active', '=', true)
    .executeTakeFirst();
  if (!row) return null;
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) {
    await props.db.updateTable('api_token').set({ last_used_at: sql`now()` }).where('id', '=', row.token_id).execute();
  }
  return actorFromRow(row, 'api-token');
}
