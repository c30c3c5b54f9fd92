import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import { ValidationError } from '../../http/errors.ts';
import { can, canSeeFamily } from '../auth/policy.ts';
import { audit } from '../audit/record.ts';
import { isActiveChoice } from '../casework/choices.ts';
import { authorizePerson } from '../people/access.ts';
import { insertLink } from './clients.ts';
import { insertReferral, joinLatestReferral, LATEST_REFERRAL_DATES, referralState } from './referrals.ts';

/**
 * "Family support" on a client's record: that a family is linked, who works with it and where its
 * latest referral has got to. Its members and details only for those who may see the family.
 * The caller has checked the viewer may read the person.
 */
export async function clientFamilies(ctx: SignedInCtx, personId: string) {
  const rows = await ctx.db
    .selectFrom('family_client as fc')
    .innerJoin('family as f', (join) => join.onRef('f.programme_id', '=', 'fc.programme_id').onRef('f.id', '=', 'fc.family_id'))
    .leftJoin('app_user as u', (join) => join.onRef('u.programme_id', '=', 'f.programme_id').onRef('u.id', '=', 'f.coordinator_id'))
    .leftJoin('family_referral as r', joinLatestReferral)
    .select([
      'f.id',
      'f.programme_id as programmeId',
      'f.team_id as teamId',
      'f.coordinator_id as coordinatorId',
      'f.name',
      'u.display_name as coordinatorName',
      ...LATEST_REFERRAL_DATES,
    ])
    .where('fc.programme_id', '=', ctx.actor.programmeId)
    .where('fc.person_id', '=', personId)
    .where('fc.entered_in_error_at', 'is', null)
    .where('f.entered_in_error_at', 'is', null)
    .orderBy('fc.created_at')
    .execute();
  return rows.map((row) => {
    const mayView = canSeeFamily(ctx.actor, row);
    return {
      id: row.id,
      // The family's name is a detail of the family: only those who may see it read it.
      name: mayView ? row.name : null,
      mayView,
      coordinatorName: row.coordinatorName,
      referral: row.referredOn ? { referredOn: row.referredOn, state: referralState(row) } : null,
    };
  });
}

/** Whether the viewer may refer this client's family from their record (families.refer and people.write on the client). */
export const mayReferFamily = (ctx: SignedInCtx, resource: Parameters<typeof can>[2]) => can(ctx.actor, 'families.refer') && can(ctx.actor, 'people.write', resource);

/**
 * A life coach's referral of a client's family: the family the client is linked to (when there is just
 * one), or a new one named for the client's surname, held by the client's team with no co-ordinator
 * yet (its co-ordinators see it in their list), linked to the client, with a referral from a life coach.
 */
export async function referFamily(ctx: SignedInCtx, props: { personId: string; referredOn: string; reason: string }): Promise<void> {
  await authorizePerson(ctx, props.personId, 'people.write');
  if (!(await isActiveChoice(ctx, 'family_referral_source', 'life_coach'))) {
    throw new ValidationError([{ field: 'form', message: 'The programme’s list of referral sources has no “life coach”: ask an administrator' }]);
  }
  const person = await ctx.db
    .selectFrom('person as p')
    .select((eb) => [
      'p.last_name as lastName',
      eb
        .fn<string | null>('coalesce', [
          eb
            .selectFrom('episode as e')
            .select('e.team_id')
            .whereRef('e.programme_id', '=', 'p.programme_id')
            .whereRef('e.person_id', '=', 'p.id')
            .orderBy('e.closed_on', (ob) => ob.desc().nullsFirst())
            .orderBy('e.signed_up_on', 'desc')
            .limit(1),
          'p.team_id',
        ])
        .as('teamId'),
    ])
    .where('p.programme_id', '=', ctx.actor.programmeId)
    .where('p.id', '=', props.personId)
    .executeTakeFirstOrThrow();
  const teamId = person.teamId ?? ctx.actor.teamId;
  if (!teamId) throw new ValidationError([{ field: 'form', message: 'The client is not held by a team, so there is no team to refer the family to' }]);
  const linked = await ctx.db
    .selectFrom('family_client as fc')
    .innerJoin('family as f', (join) => join.onRef('f.programme_id', '=', 'fc.programme_id').onRef('f.id', '=', 'fc.family_id'))
    .select('f.id')
    .where('fc.programme_id', '=', ctx.actor.programmeId)
    .where('fc.person_id', '=', props.personId)
    .where('fc.entered_in_error_at', 'is', null)
    .where('f.entered_in_error_at', 'is', null)
    .execute();
  await inTransaction(ctx, async (tx) => {
    let familyId = linked.length === 1 ? linked[0]?.id : undefined;
    if (!familyId) {
      familyId = (
        await tx.db
          .insertInto('family')
          .values({ programme_id: ctx.actor.programmeId, name: `${person.lastName} family`, team_id: teamId, created_by: ctx.actor.userId, updated_by: ctx.actor.userId })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      await audit(tx, { action: 'create', recordType: 'family', recordId: familyId, detail: { referredFrom: 'client-record', personIds: [props.personId] } });
      await insertLink(tx, { familyId, personId: props.personId });
    }
    await insertReferral(tx, { familyId, input: { referredOn: props.referredOn, source: 'life_coach', sourceDetail: ctx.actor.displayName, reason: props.reason } });
  });
}
