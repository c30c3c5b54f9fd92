import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { RetentionRules } from './rules.ts';

/**
 * When each record falls due for deletion: the one definition the command, the administrator's page
 * and subject access use.
 *
 * A person (with any records merged into theirs) is due `personYears` after the later of their last
 * sign-up's closure and their last contact; never while a sign-up is open. A person who never signed
 * up is counted from the day their record was made. An evidence file is due `evidenceMonths` after
 * it was uploaded, and so is an import's stored report of the rows it read (it names people).
 */
export type Basis = 'closed' | 'contact' | 'created';

export interface PersonDue {
  personId: string;
  /** null while a sign-up is open: never due. */
  dueOn: string | null;
  basis: Basis | null;
  basisOn: string | null;
  openSignUp: boolean;
}

interface Scope {
  programmeId: string;
  rules: RetentionRules;
  /** Only these people (subject access asks for one). */
  personId?: string;
  /** Only the people due on or before this day. */
  dueBy?: string;
}

/** The people of the programme (merged-away records go with the record they were merged into) and when each is due. */
function peopleDueSql(scope: Scope) {
  return sql<PersonDue>`
    with facts as (
      select p.id as person_id,
        bool_or(e.id is not null and e.closed_on is null) as open_sign_up,
        max(e.closed_on) as last_closed, max(e.last_contact_on) as last_contact,
        (p.created_at at time zone pr.time_zone)::date as created_on
      from person p
      join programme pr on pr.id = p.programme_id
      left join episode e on e.programme_id = p.programme_id and e.person_id = p.id
      where p.programme_id = ${scope.programmeId} and p.merged_into is null
        ${scope.personId ? sql`and p.id = ${scope.personId}` : sql``}
      group by p.id, p.created_at, pr.time_zone
    ), based as (
      select person_id, open_sign_up,
        coalesce(greatest(last_closed, last_contact), created_on) as basis_on,
        case when last_closed is null and last_contact is null then 'created'
             when last_contact is null or last_closed >= last_contact then 'closed' else 'contact' end as basis
      from facts
    ), due as (
      select person_id, open_sign_up, basis, basis_on, (basis_on + make_interval(years => ${scope.rules.personYears}))::date as due_on
      from based
    )
    select person_id as "personId", open_sign_up as "openSignUp",
      case when open_sign_up then null else basis end as basis,
      case when open_sign_up then null else basis_on end as "basisOn",
      case when open_sign_up then null else due_on end as "dueOn"
    from due
    where true ${scope.dueBy ? sql`and not open_sign_up and due_on <= ${scope.dueBy}` : sql``}`;
}

export async function peopleDue(db: Kysely<Database>, scope: Scope & { limit?: number; offset?: number }): Promise<PersonDue[]> {
  const page = scope.limit !== undefined ? sql`limit ${scope.limit} offset ${scope.offset ?? 0}` : sql``;
  const { rows } = await sql<PersonDue>`select * from (${peopleDueSql(scope)}) due order by "dueOn" nulls last, "personId" ${page}`.execute(db);
  return rows;
}

export interface FileDue {
  id: string;
  outcomeId: string;
  fileName: string;
  uploadedOn: string;
  dueOn: string;
}

/** Evidence files and when each is due (only those due by `dueBy`, when given; only one person's, when given). */
export async function evidenceDue(db: Kysely<Database>, scope: Scope): Promise<FileDue[]> {
  const { rows } = await sql<FileDue>`
    select f.id, f.outcome_id as "outcomeId", f.file_name as "fileName", due.uploaded_on as "uploadedOn", due.due_on as "dueOn"
    from evidence_file f
    join programme pr on pr.id = f.programme_id
    cross join lateral (select (f.uploaded_at at time zone pr.time_zone)::date as uploaded_on) up
    cross join lateral (select up.uploaded_on, (up.uploaded_on + make_interval(months => ${scope.rules.evidenceMonths}))::date as due_on) due
    ${scope.personId ? sql`join outcome o on o.programme_id = f.programme_id and o.id = f.outcome_id join episode e on e.programme_id = o.programme_id and e.id = o.episode_id` : sql``}
    where f.programme_id = ${scope.programmeId}
      ${scope.personId ? sql`and e.person_id = ${scope.personId}` : sql``}
      ${scope.dueBy ? sql`and due.due_on <= ${scope.dueBy}` : sql``}
    order by due.due_on, f.id`.execute(db);
  return rows;
}

/** Imports whose stored file, report of the rows read (names, dates of birth, the people they might be) or rows left out is due. */
export async function importReportsDue(db: Kysely<Database>, scope: Scope & { dueBy: string }): Promise<{ id: string; dueOn: string }[]> {
  const { rows } = await sql<{ id: string; dueOn: string }>`
    select b.id, (((b.created_at at time zone pr.time_zone)::date) + make_interval(months => ${scope.rules.evidenceMonths}))::date as "dueOn"
    from import_batch b
    join programme pr on pr.id = b.programme_id
    where b.programme_id = ${scope.programmeId}
      and (b.check_report is not null or b.content is not null
        or exists (select 1 from import_left_out_row l where l.programme_id = b.programme_id and l.import_id = b.id))
      and (((b.created_at at time zone pr.time_zone)::date) + make_interval(months => ${scope.rules.evidenceMonths}))::date <= ${scope.dueBy}
    order by 2, b.id`.execute(db);
  return rows;
}

/** How many people and evidence files fall due on or before each of the days given. */
export async function dueCounts(db: Kysely<Database>, scope: Scope, days: Record<string, string>) {
  const counts: Record<string, { people: number; files: number }> = {};
  for (const [name, dueBy] of Object.entries(days)) {
    const [people, files] = await Promise.all([
      sql<{ n: number }>`select count(*)::int as n from (${peopleDueSql({ ...scope, dueBy })}) due`.execute(db),
      evidenceDue(db, { ...scope, dueBy }),
    ]);
    counts[name] = { people: people.rows[0]?.n ?? 0, files: files.length };
  }
  return counts;
}
