import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database, RetainedStatistic } from '../../db/schema.ts';
import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import { ConflictError } from '../../http/errors.ts';
import { audit } from '../audit/record.ts';

/** What the statistics kept of a deleted sign-up may hold, in the order the page lists them. */
export const STATISTICS: Record<RetainedStatistic, { label: string; hint: string }> = {
  period: { label: 'Month of sign-up and of closure', hint: 'Months only, never days' },
  age_band: { label: 'Age band at sign-up', hint: 'The reports’ bands, like 21 to 30; never the date of birth' },
  gender: { label: 'Gender', hint: 'Off by default: with the other facts it can make a small group recognisable' },
  prison: { label: 'Prison', hint: 'The prison of the sign-up' },
  engaged: { label: 'Engaged, yes or no', hint: 'Whether the sign-up had a community contact after liberation' },
  returned: { label: 'Returned to custody, yes or no', hint: 'Whether a return to custody followed the liberation' },
  outcomes: { label: 'Outcome counts', hint: 'How many outcomes of each type counted' },
};
const STATISTIC_CODES = Object.keys(STATISTICS) as [RetainedStatistic, ...RetainedStatistic[]];

export interface RetentionRules {
  personYears: number;
  evidenceMonths: number;
  statistics: RetainedStatistic[];
  version: number;
}

/** The rules a programme has until an administrator changes them. */
export const DEFAULT_RULES: RetentionRules = {
  personYears: 6,
  evidenceMonths: 12,
  statistics: ['period', 'age_band', 'prison', 'engaged', 'returned', 'outcomes'],
  version: 0,
};

export async function getRetentionRules(db: Kysely<Database>, programmeId: string): Promise<RetentionRules> {
  const row = await db
    .selectFrom('retention_rule')
    .select(['person_years', 'evidence_months', 'statistics', 'version'])
    .where('programme_id', '=', programmeId)
    .executeTakeFirst();
  if (!row) return DEFAULT_RULES;
  return { personYears: row.person_years, evidenceMonths: row.evidence_months, statistics: row.statistics, version: row.version };
}

const whole = (missing: string, unit: string) => z.coerce.number({ error: missing }).int(`Enter a whole number of ${unit}`);
const oneOrMany = z.preprocess(
  (value) => (value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value]),
  z.array(z.enum(STATISTIC_CODES, { error: 'Choose from the statistics listed' })),
);

export const rulesForm = z.object({
  personYears: whole('Enter how many years a person’s records are kept, like 6', 'years')
    .min(1, 'Keep a person’s records for at least 1 year')
    .max(50, 'Keep a person’s records for 50 years or fewer'),
  evidenceMonths: whole('Enter how many months evidence files are kept, like 12', 'months')
    .min(1, 'Keep evidence files for at least 1 month')
    .max(600, 'Keep evidence files for 600 months or fewer'),
  statistics: oneOrMany.transform((codes) => STATISTIC_CODES.filter((code) => codes.includes(code))),
  version: z.coerce.number().int().min(0),
});
export type RulesInput = z.infer<typeof rulesForm>;

/** Saves the rules from the version the administrator read (a stale save is refused), audited with what they now are. */
export async function saveRetentionRules(ctx: SignedInCtx, input: RulesInput): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const programmeId = ctx.actor.programmeId;
    const current = await getRetentionRules(tx.db, programmeId);
    if (current.version !== input.version) throw new ConflictError('Someone else changed the retention rules since you opened this page.');
    const values = {
      person_years: input.personYears,
      evidence_months: input.evidenceMonths,
      statistics: input.statistics,
      updated_by: ctx.actor.userId,
      updated_at: new Date(),
    };
    await tx.db
      .insertInto('retention_rule')
      .values({ programme_id: programmeId, ...values })
      .onConflict((oc) => oc.column('programme_id').doUpdateSet((eb) => ({ ...values, version: eb('retention_rule.version', '+', 1) })))
      .execute();
    await audit(tx, {
      action: 'update',
      recordType: 'retention-rule',
      recordId: programmeId,
      detail: { personYears: input.personYears, evidenceMonths: input.evidenceMonths, statistics: input.statistics },
    });
  });
}
