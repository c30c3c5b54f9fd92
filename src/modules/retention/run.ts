import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import pino from 'pino';
import type { Database } from '../../db/schema.ts';
import type { Ctx } from '../../http/context.ts';
import { today as todayIn } from '../../http/date-fields.ts';
import { audit, type AuditEntry } from '../audit/record.ts';
import { evidenceDue, importReportsDue, peopleDue, type FileDue, type PersonDue } from './due.ts';
import { deleteRows, personRows, readCatalogue, type Catalogue } from './person-rows.ts';
import { getRetentionRules, type RetentionRules } from './rules.ts';
import { keepStatistics } from './statistics.ts';

/** Who the audit log names for a retention run: the command, not a user. */
export const RETENTION_ACTOR = 'Retention (command line)';

export interface RetentionRun {
  programme: { id: string; slug: string };
  rules: RetentionRules;
  today: string;
  dryRun: boolean;
  people: (PersonDue & { result?: 'deleted' | 'failed'; failure?: string })[];
  files: (FileDue & { result?: 'deleted' | 'failed'; failure?: string })[];
  imports: { id: string; dueOn: string; result?: 'cleared' | 'failed'; failure?: string }[];
}

/**
 * Applies a programme's retention rules as of `today` (the programme's today by default): lists what
 * is due and, unless a dry run, deletes it. Each person is deleted in their own transaction (their
 * whole record, with pseudonymised statistics kept and one audit event naming only the record's id),
 * so one that fails leaves the others deleted. Then each evidence file due, and each import's
 * stored file and report of the rows it read. Running it again finds nothing more to do.
 */
export async function runRetention(props: {
  db: Kysely<Database>;
  programme: { id: string; slug: string; time_zone: string };
  today?: string;
  dryRun: boolean;
}): Promise<RetentionRun> {
  const { db, programme } = props;
  const today = props.today ?? todayIn(programme.time_zone);
  const rules = await getRetentionRules(db, programme.id);
  const scope = { programmeId: programme.id, rules, dueBy: today };
  const run: RetentionRun = {
    programme: { id: programme.id, slug: programme.slug },
    rules,
    today,
    dryRun: props.dryRun,
    people: await peopleDue(db, scope),
    files: [],
    imports: [],
  };
  const requestId = randomUUID();
  const record = (trx: Kysely<Database>, entry: AuditEntry) =>
    audit(systemCtx(trx, requestId), entry, { userId: null, programmeId: programme.id, label: RETENTION_ACTOR });
  const catalogue = props.dryRun ? null : await readCatalogue(db);

  if (catalogue) {
    for (const person of run.people) {
      Object.assign(person, await attempt(() => deletePerson(db, catalogue, { programmeId: programme.id, rules, person, today, record }), 'deleted'));
    }
  }
  run.files = await evidenceDue(db, scope);
  run.imports = await importReportsDue(db, scope);
  if (props.dryRun) return run;
  for (const file of run.files) {
    Object.assign(
      file,
      await attempt(
        () =>
          db.transaction().execute(async (trx) => {
            const gone = await trx.deleteFrom('evidence_file').where('programme_id', '=', programme.id).where('id', '=', file.id).executeTakeFirst();
            if (gone.numDeletedRows > 0n)
              await record(trx, {
                action: 'delete',
                recordType: 'evidence-file',
                recordId: file.id,
                detail: { reason: 'retention', rule: 'evidence', months: rules.evidenceMonths },
              });
          }),
        'deleted',
      ),
    );
  }
  for (const batch of run.imports) {
    Object.assign(
      batch,
      await attempt(
        () =>
          db.transaction().execute(async (trx) => {
            await trx
              .updateTable('import_batch')
              .set({ content: null, check_report: null })
              .where('programme_id', '=', programme.id)
              .where('id', '=', batch.id)
              .execute();
            // The rows an import left out hold people's details as the file had them: they go with its report.
            await trx.deleteFrom('import_left_out_row').where('programme_id', '=', programme.id).where('import_id', '=', batch.id).execute();
            await record(trx, {
              action: 'update',
              recordType: 'import',
              recordId: batch.id,
              detail: { reason: 'retention', rule: 'evidence', months: rules.evidenceMonths, cleared: ['file', 'rows-read', 'rows-left-out'] },
            });
          }),
        'cleared',
      ),
    );
  }
  return run;
}

/** One person's whole record, in one transaction: still due (checked again inside it), statistics kept, every row deleted, one audit event. */
async function deletePerson(
  db: Kysely<Database>,
  catalogue: Catalogue,
  props: { programmeId: string; rules: RetentionRules; person: PersonDue; today: string; record: (trx: Kysely<Database>, entry: AuditEntry) => Promise<void> },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const still = await peopleDue(trx, { programmeId: props.programmeId, rules: props.rules, personId: props.person.personId, dueBy: props.today });
    if (still.length === 0) throw new Error('no longer due');
    // The histories (record_change, need_status_change) refuse deletes except retention's (migration 0020).
    await sql`select set_config('throughcare.retention', 'on', true)`.execute(trx);
    const rows = await personRows(trx, catalogue, props.programmeId, props.person.personId);
    await keepStatistics(trx, { programmeId: props.programmeId, episodeIds: rows.episodeIds, keep: props.rules.statistics });
    await deleteRows(trx, props.programmeId, rows);
    await props.record(trx, {
      action: 'delete',
      recordType: 'person',
      recordId: props.person.personId,
      detail: { reason: 'retention', rule: 'person', years: props.rules.personYears },
    });
  });
}

/** Runs one unit of work; a failure is reported by its database error code (never its message, which can quote values). */
async function attempt<R extends string>(work: () => Promise<unknown>, success: R): Promise<{ result: R | 'failed'; failure?: string }> {
  try {
    await work();
    return { result: success };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return {
      result: 'failed',
      failure: typeof code === 'string' ? `database error ${code}` : error instanceof Error && error.message === 'no longer due' ? 'no longer due' : 'error',
    };
  }
}

function systemCtx(db: Kysely<Database>, requestId: string): Ctx {
  return { actor: null, requestId, address: 'command line', db, log: pino({ level: 'silent' }), systemLabel: RETENTION_ACTOR };
}
