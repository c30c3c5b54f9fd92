import { sql } from 'kysely';
import type { SignedInCtx } from '../../http/context.ts';
import type { FundedScope } from '../reports/engagement-filters.ts';
import { selectedSignUps } from '../reports/engagement-queries.ts';

/**
 * What changed in the records a return counts since the return it follows was produced, worked out
 * when the new one is produced and stored with it (so it never changes either): corrections and
 * entries in error (record_change) on the sign-ups in scope, sign-ups added, returns to custody and
 * family support records marked entered in error, and imports run or undone.
 */
export interface StoredChanges {
  /** When the return followed was produced (ISO 8601). */
  since: string;
  /** Only what happened at least once. */
  items: { code: string; label: string; count: number }[];
}

const RECORD_NAMES: Record<string, string> = {
  contact: 'Contacts',
  pre_release_visit: 'Pre-release visits',
  day_one_appointment: 'Day-one appointments',
  plan_action: 'Plan actions',
  outcome: 'Outcomes',
  employability_activity: 'Employability activities',
  job_start: 'Job starts',
  in_work_check: 'In-work checks',
  training_place: 'Training and education places',
  distance_reading: 'Distance travelled readings',
  appointment: 'Appointments',
};
const IMPORT_NAMES: Record<string, string> = {
  sign_ups: 'sign-ups',
  visits: 'pre-release visits',
  contacts: 'contacts',
  outcomes: 'outcomes',
  custody_returns: 'returns to custody',
};

/** Words saying what "in scope" means, shown under "Why". */
export const CHANGES_IN_WORDS =
  'Counted on the sign-ups the funder funds that were signed up on or before the last day of the period (those a figure of the period can count), since the return it follows was produced. Family support records are counted across the programme, as the family figures are.';

export async function changesSince(ctx: SignedInCtx, props: { since: Date; periodTo: string; funded: FundedScope }): Promise<StoredChanges> {
  const programmeId = ctx.actor.programmeId;
  const { since } = props;
  const scope = () => selectedSignUps({ ctx, filter: { to: props.periodTo, funded: props.funded } });
  const inScope = scope().clearSelect().select('e.id');
  const [corrections, counts, imports] = await Promise.all([
    ctx.db
      .with('scope', scope)
      .selectFrom('record_change as c')
      .innerJoin('scope as s', 's.id', 'c.episode_id')
      .where('c.programme_id', '=', programmeId)
      .where('c.changed_at', '>', since)
      .select(['c.record_type as type', 'c.kind', sql<number>`count(*)`.as('count')])
      .groupBy(['c.record_type', 'c.kind'])
      .orderBy('c.record_type')
      .orderBy('c.kind')
      .execute(),
    sql<{ added: number; returns: number; families: number }>`select
        (select count(*) from episode where programme_id = ${programmeId} and created_at > ${since} and id in (${inScope})) as added,
        (select count(*) from custody_return where programme_id = ${programmeId} and entered_in_error_at > ${since} and episode_id in (${inScope})) as returns,
        (select count(*) from family where programme_id = ${programmeId} and entered_in_error_at > ${since})
      + (select count(*) from family_referral where programme_id = ${programmeId} and entered_in_error_at > ${since})
      + (select count(*) from family_member where programme_id = ${programmeId} and entered_in_error_at > ${since})
      + (select count(*) from family_support where programme_id = ${programmeId} and entered_in_error_at > ${since}) as families`.execute(ctx.db),
    ctx.db
      .selectFrom('import_batch')
      .where('programme_id', '=', programmeId)
      .where((eb) => eb.or([eb('imported_at', '>', since), eb('undone_at', '>', since)]))
      .select(['row_kind as kind', sql<number>`count(*) filter (where imported_at > ${since})`.as('run'), sql<number>`count(*) filter (where undone_at > ${since})`.as('undone')])
      .groupBy('row_kind')
      .orderBy('row_kind')
      .execute(),
  ]);
  const items = [
    { code: 'sign-ups-added', label: 'Sign-ups added', count: Number(counts.rows[0]?.added ?? 0) },
    ...corrections.map((row) => ({
      code: `${row.type}.${row.kind}`,
      label: `${RECORD_NAMES[row.type] ?? row.type} ${row.kind === 'corrected' ? 'corrected' : 'marked entered in error'}`,
      count: Number(row.count),
    })),
    { code: 'custody-returns.entered_in_error', label: 'Returns to custody marked entered in error', count: Number(counts.rows[0]?.returns ?? 0) },
    { code: 'family-records.entered_in_error', label: 'Family support records marked entered in error', count: Number(counts.rows[0]?.families ?? 0) },
    ...imports.flatMap((row) => {
      const what = IMPORT_NAMES[row.kind ?? ''] ?? 'records';
      return [
        { code: `import.${row.kind}.run`, label: `Imports of ${what} run`, count: Number(row.run) },
        { code: `import.${row.kind}.undone`, label: `Imports of ${what} undone`, count: Number(row.undone) },
      ];
    }),
  ];
  return { since: since.toISOString(), items: items.filter((item) => item.count > 0) };
}
