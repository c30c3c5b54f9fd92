import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { authorize } from '../../http/access.ts';
import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import { NotFoundError } from '../../http/errors.ts';
import { audit } from '../audit/record.ts';
import { ACTOR_COLUMNS, actorFromRow, type Actor, type ApiTokenScope } from './roles.ts';
import { hashSecret, newSecret } from './tokens.ts';

/**
 * API tokens belong to the user who makes them and act only as them, with their role; a read token
 * may not change anything. Each expires (90 days unless its maker chooses sooner, a year at most)
 * and may be revoked by its owner or an administrator. Only the hash is kept.
 */
export const API_TOKEN_PREFIX = 'tc_';
export const TOKEN_EXPIRY_DAYS = [7, 30, 90, 180, 365] as const;
export const DEFAULT_TOKEN_EXPIRY_DAYS = 90;
export const SCOPE_NAMES: Record<ApiTokenScope, string> = { read: 'Read only', 'read-write': 'Read and change' };

/** Makes a token for the signed-in user themselves (never anyone else); the secret is returned this once. */
export async function createApiToken(props: {
  ctx: SignedInCtx;
  name: string;
  scope: ApiTokenScope;
  expiresInDays: (typeof TOKEN_EXPIRY_DAYS)[number];
}): Promise<{ id: string; token: string }> {
  const { ctx } = props;
  const token = newSecret(API_TOKEN_PREFIX);
  const row = await ctx.db
    .insertInto('api_token')
    .values({
      programme_id: ctx.actor.programmeId,
      user_id: ctx.actor.userId,
      name: props.name,
      token_hash: hashSecret(token),
      created_by: ctx.actor.userId,
      scope: props.scope,
      expires_at: sql<Date>`now() + make_interval(days => ${props.expiresInDays})`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(ctx, { action: 'create', recordType: 'api-token', recordId: row.id, detail: { scope: props.scope, expiresInDays: props.expiresInDays } });
  return { id: row.id, token };
}

export interface ApiTokenRecord {
  id: string;
  name: string;
  scope: ApiTokenScope;
  ownerId: string;
  ownerName: string;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  status: 'Active' | 'Expired' | 'Revoked';
}

function selectTokens(ctx: SignedInCtx) {
  return ctx.db
    .selectFrom('api_token as t')
    .innerJoin('app_user as u', (join) => join.onRef('u.id', '=', 't.user_id').onRef('u.programme_id', '=', 't.programme_id'))
    .select([
      't.id',
      't.name',
      't.scope',
      't.user_id as ownerId',
      'u.display_name as ownerName',
      't.created_at as createdAt',
      't.expires_at as expiresAt',
      't.last_used_at as lastUsedAt',
      't.revoked_at as revokedAt',
      sql<ApiTokenRecord['status']>`case when t.revoked_at is not null then 'Revoked' when t.expires_at <= now() then 'Expired' else 'Active' end`.as('status'),
    ])
    .where('t.programme_id', '=', ctx.actor.programmeId)
    .orderBy('t.created_at', 'desc');
}

/** The signed-in user's own tokens, newest first. */
export async function listOwnApiTokens(ctx: SignedInCtx): Promise<ApiTokenRecord[]> {
  const rows = await selectTokens(ctx).where('t.user_id', '=', ctx.actor.userId).execute();
  await audit(ctx, { action: 'list', recordType: 'api-token', detail: { own: true, count: rows.length } });
  return rows;
}

/** Every token of the programme (administrators), newest first; `ownerId` narrows it to one user's. */
export async function listProgrammeApiTokens(ctx: SignedInCtx, ownerId?: string): Promise<ApiTokenRecord[]> {
  await authorize(ctx, 'apiTokens.manage');
  const rows = await selectTokens(ctx)
    .$if(ownerId !== undefined, (q) => q.where('t.user_id', '=', ownerId as string))
    .execute();
  await audit(ctx, { action: 'list', recordType: 'api-token', detail: { count: rows.length } });
  return rows;
}

/** How many live tokens a user has, for their administration page. */
export async function countActiveApiTokens(ctx: SignedInCtx, userId: string): Promise<number> {
  const row = await ctx.db
    .selectFrom('api_token')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('programme_id', '=', ctx.actor.programmeId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * One token of the programme, for its owner ('owner': refused to anyone else) or an administrator
 * ('administrator'); audited as read.
 */
export async function getApiToken(props: { ctx: SignedInCtx; tokenId: string; as: 'owner' | 'administrator'; audited?: boolean }): Promise<ApiTokenRecord> {
  const { ctx } = props;
  const token = await selectTokens(ctx).where('t.id', '=', props.tokenId).executeTakeFirst();
  if (!token) throw new NotFoundError();
  const resource = { kind: 'api-token' as const, id: token.id, programmeId: ctx.actor.programmeId, ownerId: token.ownerId };
  await authorize(ctx, props.as === 'owner' ? 'apiTokens.revokeOwn' : 'apiTokens.manage', resource);
  if (props.audited !== false) await audit(ctx, { action: 'read', recordType: 'api-token', recordId: token.id });
  return token;
}

/** Revokes a token (its owner's or an administrator's act, as `getApiToken` checks); one already revoked stays as it is. */
export async function revokeApiToken(props: { ctx: SignedInCtx; tokenId: string; as: 'owner' | 'administrator' }): Promise<ApiTokenRecord> {
  return inTransaction(props.ctx, async (ctx) => {
    const token = await getApiToken({ ...props, ctx, audited: false });
    const result = await ctx.db
      .updateTable('api_token')
      .set({ revoked_at: sql`now()` })
      .where('id', '=', token.id)
      .where('programme_id', '=', ctx.actor.programmeId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    const revoked = Number(result.numUpdatedRows) === 1;
    await audit(ctx, {
      action: revoked ? 'delete' : 'read',
      recordType: 'api-token',
      recordId: token.id,
      detail: revoked ? { by: props.as } : { alreadyRevoked: true },
    });
    return token;
  });
}

/** Who a bearer token acts as: its own maker, while it is neither revoked nor expired and they are active. */
export async function findApiTokenActor(props: { db: Kysely<Database>; token: string }): Promise<Actor | null> {
  if (!props.token.startsWith(API_TOKEN_PREFIX)) return null;
  const row = await props.db
    .selectFrom('api_token as t')
    .innerJoin('app_user as u', 'u.id', 't.user_id')
    .innerJoin('programme as p', 'p.id', 'u.programme_id')
    .select([
      't.id as token_id',
      't.name as token_name',
      't.scope',
      't.last_used_at',
      ...ACTOR_COLUMNS,
    ])
    .where('t.token_hash', '=', hashSecret(props.token))
    .where('t.revoked_at', 'is', null)
    .where('t.expires_at', '>', sql<Date>`now()`)
    .whereRef('t.created_by', '=', 't.user_id')
    .where('u.active', '=', true)
    .executeTakeFirst();
  if (!row) return null;
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) {
    await props.db
      .updateTable('api_token')
      .set({ last_used_at: sql`now()` })
      .where('id', '=', row.token_id)
      .execute();
  }
  return { ...actorFromRow(row, 'api-token'), apiToken: { id: row.token_id, name: row.token_name, scope: row.scope } };
}

/** Methods that change nothing: all a read token may use. */
const READING_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Why the token may not make this request (a read token, a method that writes), or null. */
export function tokenScopeRefusal(actor: Actor | null, method: string): string | null {
  if (actor?.apiToken?.scope !== 'read' || READING_METHODS.has(method)) return null;
  return 'This API token may only read. Create a token that may read and change records to do this.';
}
