import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import type { SignedInCtx } from '../../http/context.ts';
import { ValidationError } from '../../http/errors.ts';
import { audit } from '../audit/record.ts';
import type { ReferralRow } from './service.ts';

/**
 * An outcome recorded from a referral: a referral the client attended, or whose agency recorded a
 * result, can lead to an outcome (the outcomes module's model) of the same sign-up. The outcome
 * form carries the referral (a hidden referralId) and, saving the outcome, links it here in the
 * same transaction.
 */

/** Whether an outcome can be recorded from this referral now: attended or with a result, not in error, none linked yet. */
export const mayLinkOutcome = (referral: Pick<ReferralRow, 'attended_on' | 'outcome_result' | 'outcome_id' | 'entered_in_error_at'>) =>
  referral.entered_in_error_at === null && referral.outcome_id === null && (referral.attended_on !== null || referral.outcome_result !== null);

const referralId = z.uuid();

/** The referral an outcome form is recorded from: `?referral=` when it is shown, its hidden `referralId` when it is sent. */
export function referralIdOf(request: FastifyRequest): string | undefined {
  const source = (request.method === 'GET' ? (request.query as Record<string, unknown>)?.referral : (request.body as Record<string, unknown> | undefined)?.referralId) ?? undefined;
  const parsed = referralId.safeParse(source);
  return parsed.success ? parsed.data : undefined;
}

const refused = (message: string) => new ValidationError([{ field: 'form', message }]);

/** Links a newly saved outcome to the referral it was recorded from (inside the outcome's transaction): refused, undoing both, when it may not be. */
export async function linkOutcome(tx: SignedInCtx, props: { episodeId: string; referralId: string; outcomeId: string }) {
  const referral = await tx.db
    .selectFrom('referral')
    .selectAll()
    .where('programme_id', '=', tx.actor.programmeId)
    .where('id', '=', props.referralId)
    .forUpdate()
    .executeTakeFirst();
  if (!referral || referral.episode_id !== props.episodeId) throw refused('The referral this outcome is for is not one of this sign-up’s: record the outcome from the referral’s page');
  if (referral.outcome_id !== null) throw refused('An outcome is already recorded from this referral');
  if (!mayLinkOutcome(referral)) throw refused('An outcome can be recorded from a referral only once they attended or the agency recorded a result');
  await tx.db
    .updateTable('referral')
    .set({ outcome_id: props.outcomeId, version: sql`version + 1`, updated_at: sql`now()`, updated_by: tx.actor.userId })
    .where('programme_id', '=', tx.actor.programmeId)
    .where('id', '=', referral.id)
    .execute();
  await audit(tx, { action: 'update', recordType: 'referral', recordId: referral.id, detail: { episodeId: props.episodeId, outcomeId: props.outcomeId } });
}
