import { sql } from 'kysely';
import type { SignedInCtx } from '../../http/context.ts';
import { JOB_OUTCOME_TYPES } from '../../seed/outcome-framework.ts';
import { audit } from '../audit/record.ts';
import { markRowInError, saveRowChanges, type Correctable } from '../casework/corrections.ts';
import type { EpisodeRow } from '../casework/episodes.ts';

/**
 * The outcomes employment records on its own: a job start records a "job start" outcome, and an
 * in-work check that finds them still in work a "sustained job" outcome. Each follows the record
 * that made it, in the same transaction: corrected with it, and entered in error with it. Every
 * change is kept in record_change and audited, as a user's correction of the outcome would be.
 */
export type JobOutcomeType = keyof typeof JOB_OUTCOME_TYPES;

export async function recordJobOutcome(
  tx: SignedInCtx,
  props: { episodeId: string; type: JobOutcomeType; achievedOn: string; detail: string },
): Promise<string> {
  const row = await tx.db
    .insertInto('outcome')
    .values({
      programme_id: tx.actor.programmeId,
      episode_id: props.episodeId,
      outcome_type: JOB_OUTCOME_TYPES[props.type],
      achieved_on: props.achievedOn,
      detail: props.detail,
      created_by: tx.actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(tx, { action: 'create', recordType: 'outcome', recordId: row.id, detail: { episodeId: props.episodeId, recordedBy: props.type } });
  return row.id;
}

/** The outcome as stored, when it still counts (not entered in error). */
async function liveOutcome(tx: SignedInCtx, outcomeId: string | null): Promise<Correctable['row'] | null> {
  if (outcomeId === null) return null;
  const found = await sql<Correctable['row']>`
    select * from outcome where programme_id = ${tx.actor.programmeId} and id = ${outcomeId} and entered_in_error_at is null for update`.execute(tx.db);
  return found.rows[0] ?? null;
}

/** Sets the outcome's date and detail to the record's; nothing is written when they already agree. */
export async function keepOutcomeInStep(tx: SignedInCtx, props: { outcomeId: string | null; episode: EpisodeRow; achievedOn: string; detail: string }): Promise<void> {
  const row = await liveOutcome(tx, props.outcomeId);
  if (!row) return;
  const wanted = { achieved_on: props.achievedOn, detail: props.detail };
  const changed = (Object.keys(wanted) as (keyof typeof wanted)[]).filter((column) => row[column] !== wanted[column]);
  if (changed.length === 0) return;
  // The row is locked (for update), so its version cannot be stale.
  await saveRowChanges(tx, { table: 'outcome', record: { episode: props.episode, row }, version: row.version, changes: Object.fromEntries(changed.map((column) => [column, wanted[column]])) });
}

/** Marks the outcome entered in error with `reason` (when it still counts): kept, counted nowhere. */
export async function outcomeInError(tx: SignedInCtx, props: { outcomeId: string | null; episode: EpisodeRow; reason: string }): Promise<void> {
  const row = await liveOutcome(tx, props.outcomeId);
  if (!row) return;
  await markRowInError(tx, { table: 'outcome', record: { episode: props.episode, row }, version: row.version, reason: props.reason });
}
