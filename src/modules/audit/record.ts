import type { Ctx } from '../../http/context.ts';

export type AuditAction =
  | 'sign-in'
  | 'sign-out'
  | 'sign-in-failed'
  | 'access-denied'
  | 'create'
  | 'read'
  | 'list'
  | 'update'
  | 'delete'
  | 'export';

export interface AuditEntry {
  action: AuditAction;
  recordType?: string;
  recordId?: string | null;
  /** Structured facts about the event (field names changed, reason refused): never personal data. */
  detail?: Record<string, unknown>;
}

/**
 * Writes one audit event with ctx's database, so inside the caller's transaction: the event commits
 * with the work or not at all. The one line every route that touches a record calls.
 */
export async function audit(ctx: Ctx, entry: AuditEntry, actorOverride?: { userId: string | null; programmeId: string; label: string }): Promise<void> {
  await ctx.db
    .insertInto('audit_event')
    .values({
      programme_id: actorOverride?.programmeId ?? ctx.actor?.programmeId ?? null,
      actor_user_id: actorOverride ? actorOverride.userId : (ctx.actor?.userId ?? null),
      actor_label: actorOverride?.label ?? actorLabel(ctx),
      action: entry.action,
      record_type: entry.recordType ?? null,
      record_id: entry.recordId ?? null,
      address: ctx.address,
      request_id: ctx.requestId,
      detail: entry.detail ?? null,
      api_token_id: actorOverride ? null : (ctx.actor?.apiToken?.id ?? null),
    })
    .execute();
}

function actorLabel(ctx: Ctx): string {
  if (!ctx.actor) return ctx.systemLabel ?? 'anonymous';
  if (ctx.actor.via === 'api-token') return ctx.actor.apiToken ? `${ctx.actor.displayName} (API token “${ctx.actor.apiToken.name}”)` : `${ctx.actor.displayName} (API token)`;
  return ctx.actor.via === 'command-line' ? `${ctx.actor.displayName} (command line)` : ctx.actor.displayName;
}
