import type { SignedInCtx } from '../../http/context.ts';
import { evidenceDue, peopleDue } from './due.ts';
import { getRetentionRules } from './rules.ts';

/**
 * When a person's records fall due for deletion under the programme's rules, for their subject
 * access page: the whole record's date (the same for every record in it, since they go together)
 * and each evidence file's, which is sooner.
 */
export async function retentionDates(ctx: SignedInCtx, personId: string) {
  const programmeId = ctx.actor.programmeId;
  const rules = await getRetentionRules(ctx.db, programmeId);
  const [person] = await peopleDue(ctx.db, { programmeId, rules, personId });
  const files = await evidenceDue(ctx.db, { programmeId, rules, personId });
  return {
    personYears: rules.personYears,
    evidenceMonths: rules.evidenceMonths,
    dueOn: person?.dueOn ?? null,
    openSignUp: person?.openSignUp ?? false,
    basis: person?.basis ?? null,
    basisOn: person?.basisOn ?? null,
    evidenceFiles: files.map(({ id, fileName, uploadedOn, dueOn }) => ({ id, fileName, uploadedOn, dueOn })),
  };
}

export type RetentionDates = Awaited<ReturnType<typeof retentionDates>>;
