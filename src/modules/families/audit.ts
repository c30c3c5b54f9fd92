import type { SignedInCtx } from '../../http/context.ts';
import { audit, type AuditEntry } from '../audit/record.ts';

/** The clients a family is linked to now (links in error left out). */
async function linkedPersonIds(ctx: SignedInCtx, familyId: string): Promise<string[]> {
  const links = await ctx.db
    .selectFrom('family_client')
    .select('person_id')
    .where('programme_id', '=', ctx.actor.programmeId)
    .where('family_id', '=', familyId)
    .where('entered_in_error_at', 'is', null)
    .execute();
  return links.map((link) => link.person_id);
}

/**
 * Audits a read or write of a family or one of its records, naming the family (for its records) and
 * the clients it is linked to (detail.personIds), so that each client's audit trail (subject access)
 * finds it. `alsoPersonIds`: a client whose link this event ends.
 */
export async function auditFamily(ctx: SignedInCtx, familyId: string, entry: AuditEntry, alsoPersonIds: string[] = []): Promise<void> {
  const personIds = [...new Set([...(await linkedPersonIds(ctx, familyId)), ...alsoPersonIds])];
  const detail = { ...(entry.recordType === 'family' ? {} : { familyId }), ...entry.detail, ...(personIds.length > 0 ? { personIds } : {}) };
  await audit(ctx, { ...entry, detail });
}
