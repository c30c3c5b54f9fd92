import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { isRealDate } from '../http/date-fields.ts';
import { runRetention, type RetentionRun } from '../modules/retention/run.ts';
import { UsageError } from './acting-as.ts';

const BASIS: Record<string, string> = { closed: 'last sign-up closed', contact: 'last contact', created: 'record made (never signed up)' };

/**
 * `throughcare retention [--dry-run] [--programme slug] [--as-of YYYY-MM-DD]`: applies every
 * programme's retention rules (or one's). Prints record ids and dates only, never names. Answers 1
 * when anything due could not be deleted, so a scheduler notices.
 */
export async function retentionCommand(
  db: Kysely<Database>,
  options: { dryRun?: boolean; programme?: string; asOf?: string },
  out: (line: string) => void,
): Promise<number> {
  if (options.asOf !== undefined && !isRealDate(options.asOf)) throw new UsageError('--as-of must be a date, YYYY-MM-DD');
  let query = db.selectFrom('programme').select(['id', 'slug', 'time_zone']).orderBy('slug');
  if (options.programme) query = query.where('slug', '=', options.programme);
  const programmes = await query.execute();
  if (programmes.length === 0) throw new UsageError(options.programme ? `No programme ${options.programme}` : 'No programmes');
  let failures = 0;
  for (const programme of programmes) {
    const run = await runRetention({ db, programme, today: options.asOf, dryRun: Boolean(options.dryRun) });
    failures += report(run, out);
  }
  return failures > 0 ? 1 : 0;
}

function report(run: RetentionRun, out: (line: string) => void): number {
  const { rules } = run;
  const verb = run.dryRun ? 'due' : 'done';
  out(`Programme ${run.programme.slug}, as of ${run.today}${run.dryRun ? ' (dry run: nothing deleted)' : ''}`);
  out(
    `  Rules: a person's records ${rules.personYears} years after their last sign-up closed or last contact; evidence files ${rules.evidenceMonths} months after upload`,
  );
  out(`  People ${verb}: ${run.people.length}`);
  for (const p of run.people)
    out(
      `    person ${p.personId} due ${p.dueOn} (${BASIS[p.basis ?? ''] ?? ''} ${p.basisOn})${p.result ? `: ${p.result}${p.failure ? `, ${p.failure}` : ''}` : ''}`,
    );
  out(`  Evidence files ${verb}: ${run.files.length}`);
  for (const f of run.files) out(`    evidence file ${f.id} due ${f.dueOn}${f.result ? `: ${f.result}${f.failure ? `, ${f.failure}` : ''}` : ''}`);
  out(`  Import reports ${verb}: ${run.imports.length}`);
  for (const b of run.imports) out(`    import ${b.id} due ${b.dueOn}${b.result ? `: ${b.result}${b.failure ? `, ${b.failure}` : ''}` : ''}`);
  return [...run.people, ...run.files, ...run.imports].filter((item) => item.result === 'failed').length;
}
