import { sql } from 'kysely';
import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import { today } from '../../http/date-fields.ts';
import { ValidationError } from '../../http/errors.ts';
import { audit } from '../audit/record.ts';
import { canSeePersonSql } from '../people/access.ts';
import { normalisePrisonNumber } from '../people/names.ts';
import { auditFamily } from './audit.ts';
import { loadFamily } from './store.ts';

/**
 * A family's links to clients of the programme. The co-ordinator linking a client may not be able to
 * see the client's record: they find the client by exact prison number and see only the name, to confirm.
 */

/** The client with exactly this prison number, by name only (the look-up is audited as a read of the person). */
export async function clientByPrisonNumber(ctx: SignedInCtx, props: { familyId: string; prisonNumber: string }) {
  const found = await ctx.db
    .selectFrom('prison_number as n')
    .innerJoin('person as p', (join) => join.onRef('p.programme_id', '=', 'n.programme_id').onRef('p.id', '=', 'n.person_id'))
    .select(['p.id', 'p.first_name as firstName', 'p.last_name as lastName'])
    .where('n.programme_id', '=', ctx.actor.programmeId)
    .where('n.number', '=', normalisePrisonNumber(props.prisonNumber))
    .where('p.merged_into', 'is', null)
    .executeTakeFirst();
  if (found) await audit(ctx, { action: 'read', recordType: 'person', recordId: found.id, detail: { view: 'family-link', familyId: props.familyId, nameOnly: true } });
  return found ?? null;
}

/** Inside a transaction: links a client to a family (refused when already linked). */
export async function insertLink(tx: SignedInCtx, props: { familyId: string; personId: string }): Promise<string> {
  const linked = await tx.db
    .selectFrom('family_client')
    .select('id')
    .where('programme_id', '=', tx.actor.programmeId)
    .where('family_id', '=', props.familyId)
    .where('person_id', '=', props.personId)
    .where('entered_in_error_at', 'is', null)
    .executeTakeFirst();
  if (linked) throw new ValidationError([{ field: 'prisonNumber', message: 'This client is already linked to the family' }]);
  const { id } = await tx.db
    .insertInto('family_client')
    .values({ programme_id: tx.actor.programmeId, family_id: props.familyId, person_id: props.personId, linked_on: today(tx.actor.timeZone), created_by: tx.actor.userId })
    .returning('id')
    .executeTakeFirstOrThrow();
  await auditFamily(tx, props.familyId, { action: 'create', recordType: 'family-client', recordId: id });
  return id;
}

export async function linkClient(ctx: SignedInCtx, props: { familyId: string; personId: string }): Promise<string> {
  const family = await loadFamily(ctx, props.familyId, 'families.write');
  const person = await ctx.db.selectFrom('person').select('id').where('programme_id', '=', ctx.actor.programmeId).where('id', '=', props.personId).where('merged_into', 'is', null).executeTakeFirst();
  if (!person) throw new ValidationError([{ field: 'prisonNumber', message: 'No client has this prison number' }]);
  return inTransaction(ctx, (tx) => insertLink(tx, { familyId: family.id, personId: person.id }));
}

/** A family's clients (links in error too), each saying whether the viewer may open the client's record. */
export function familyClients(ctx: SignedInCtx, familyId: string) {
  return ctx.db
    .selectFrom('family_client as fc')
    .innerJoin('person as p', (join) => join.onRef('p.programme_id', '=', 'fc.programme_id').onRef('p.id', '=', 'fc.person_id'))
    .select((eb) => [
      'fc.id',
      'p.id as personId',
      'p.first_name as firstName',
      'p.last_name as lastName',
      'fc.linked_on as linkedOn',
      'fc.entered_in_error_reason as enteredInErrorReason',
      sql<boolean>`${canSeePersonSql(ctx.actor, eb.ref('p.id'))}`.as('mayOpen'),
    ])
    .where('fc.programme_id', '=', ctx.actor.programmeId)
    .where('fc.family_id', '=', familyId)
    .orderBy('fc.created_at')
    .execute();
}
