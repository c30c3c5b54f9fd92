import { sql, type Insertable, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/**
 * Writing a chunk of synthetic rows: one `insert … select * from unnest(…)` per table and slice, every
 * column bound as one array parameter, so a statement carries thousands of rows whichever driver runs it.
 */
export type SyntheticTable =
  | 'person'
  | 'person_name'
  | 'prison_number'
  | 'episode'
  | 'assignment'
  | 'pre_release_visit'
  | 'assessment'
  | 'assessment_need'
  | 'need'
  | 'need_status_change'
  | 'plan_action'
  | 'day_one_appointment'
  | 'contact'
  | 'outcome'
  | 'employability_activity'
  | 'job_start'
  | 'in_work_check'
  | 'distance_reading'
  | 'distance_score'
  | 'custody_return';

export type Rows = { [T in SyntheticTable]: Insertable<Database[T]>[] };

type PgType = 'uuid' | 'text' | 'date' | 'time' | 'timestamptz' | 'integer' | 'numeric' | 'boolean' | 'text[]';
type ColumnTypes<T extends SyntheticTable> = Partial<Record<keyof Insertable<Database[T]> & string, PgType>>;

/**
 * The columns written for each table (the others take their defaults), in the order the tables are
 * written: a table after those its foreign keys refer to (outcome before job_start and in_work_check,
 * job_start before in_work_check, distance_reading before distance_score).
 */
const COLUMNS: { [T in SyntheticTable]: ColumnTypes<T> } = {
  person: {
    id: 'uuid', programme_id: 'uuid', first_name: 'text', last_name: 'text', date_of_birth: 'date', gender: 'text',
    local_authority_id: 'uuid', phone: 'text', risk_to_staff: 'boolean', risk_note: 'text', team_id: 'uuid', created_by: 'uuid',
  },
  person_name: { id: 'uuid', programme_id: 'uuid', person_id: 'uuid', first_name: 'text', last_name: 'text', is_alias: 'boolean', search_key: 'text' },
  prison_number: { id: 'uuid', programme_id: 'uuid', person_id: 'uuid', number: 'text' },
  episode: {
    id: 'uuid', programme_id: 'uuid', person_id: 'uuid', prison_id: 'uuid', prison_number: 'text', sentence_months: 'numeric',
    sentenced_on: 'date', expected_liberation_on: 'date', previous_sentences: 'integer', signed_up_on: 'date', team_id: 'uuid',
    liberated_on: 'date', liberation_type: 'text', gate_status: 'text',
    gate_notes: 'text', non_engagement_reason: 'text', closed_on: 'date', closure_reason: 'text',
  },
  assignment: { id: 'uuid', programme_id: 'uuid', episode_id: 'uuid', worker_id: 'uuid', part: 'text', from_on: 'date', reason: 'text' },
  pre_release_visit: { id: 'uuid', programme_id: 'uuid', episode_id: 'uuid', visited_on: 'date', worker_id: 'uuid', place: 'text', created_by: 'uuid' },
  assessment: { id: 'uuid', episode_id: 'uuid', programme_id: 'uuid', assessed_on: 'date', assessed_by: 'uuid', months_out_of_work: 'integer' },
  assessment_need: { programme_id: 'uuid', assessment_id: 'uuid', episode_id: 'uuid', domain: 'text', status: 'text' },
  need: { id: 'uuid', programme_id: 'uuid', episode_id: 'uuid', domain: 'text', status: 'text' },
  need_status_change: { programme_id: 'uuid', need_id: 'uuid', status: 'text', changed_by: 'uuid', changed_at: 'timestamptz' },
  plan_action: {
    id: 'uuid', programme_id: 'uuid', episode_id: 'uuid', domain: 'text', goal: 'text', action: 'text', owner_text: 'text',
    due_on: 'date', status: 'text', created_by: 'uuid',
  },
  day_one_appointment: {
    id: 'uuid', programme_id: 'uuid', episode_id: 'uuid', appointment_on: 'date', appointment_time: 'time', agency: 'text', purpose: 'text', created_by: 'uuid',
  },
  contact: {
    id: 'uuid', programme_id: 'uuid', episode_id: 'uuid', contact_on: 'date', contact_time: 'time', contact_type: 'text', outcome: 'text',
    help_given: 'text[]', duration_minutes: 'integer', worker_id: 'uuid', place: 'text', notes: 'text', created_by: 'uuid',
  },
  outcome: {
    id: 'uuid', programme_id: 'uuid', episode_id: 'uuid', outcome_type: 'text', achieved_on: 'date', detail: 'text', evidence_kind: 'text',
    evidence_reference: 'text', verification: 'text', verified_by: 'uuid', verified_at: 'timestamptz', rejection_reason: 'text', created_by: 'uuid',
  },
  employability_activity: { id: 'uuid', programme_id: 'uuid', episode_id: 'uuid', kind: 'text', started_on: 'date', ended_on: 'date', detail: 'text', created_by: 'uuid' },
  job_start: {
    id: 'uuid', programme_id: 'uuid', episode_id: 'uuid', employer: 'text', job_title: 'text', hours_per_week: 'numeric', contract_type: 'text',
    started_on: 'date', outcome_id: 'uuid', created_by: 'uuid',
  },
  in_work_check: {
    id: 'uuid', programme_id: 'uuid', job_start_id: 'uuid', episode_id: 'uuid', check_week: 'integer', checked_on: 'date', in_work: 'boolean',
    left_on: 'date', left_reason: 'text', outcome_id: 'uuid', created_by: 'uuid',
  },
  distance_reading: {
    id: 'uuid', programme_id: 'uuid', episode_id: 'uuid', read_on: 'date', worker_id: 'uuid', reoffending: 'text', note: 'text', created_by: 'uuid',
  },
  distance_score: { programme_id: 'uuid', reading_id: 'uuid', area: 'text', client_score: 'integer', worker_score: 'integer' },
  // After the sign-ups: each admission is linked (by trigger) to the liberation it follows.
  custody_return: { id: 'uuid', programme_id: 'uuid', person_id: 'uuid', admitted_on: 'date', checked_on: 'date', created_by: 'uuid' },
};

export const TABLES = Object.keys(COLUMNS) as SyntheticTable[];

export function emptyRows(): Rows {
  return {
    person: [], person_name: [], prison_number: [], episode: [], assignment: [], pre_release_visit: [], assessment: [], assessment_need: [], need: [],
    need_status_change: [], plan_action: [], day_one_appointment: [], contact: [], outcome: [], employability_activity: [], job_start: [],
    in_work_check: [], distance_reading: [], distance_score: [], custody_return: [],
  };
}

/** Rows per statement: large enough to be quick, small enough to keep each statement's parameters modest. */
const SLICE = 10_000;

export async function insertRows(db: Kysely<Database>, rows: Rows): Promise<void> {
  for (const table of TABLES) {
    const tableRows: Record<string, unknown>[] = rows[table];
    for (let start = 0; start < tableRows.length; start += SLICE) {
      await insertSlice(db, table, tableRows.slice(start, start + SLICE));
    }
  }
}

async function insertSlice(db: Kysely<Database>, table: SyntheticTable, rows: Record<string, unknown>[]): Promise<void> {
  const columns = Object.entries(COLUMNS[table]) as [string, PgType][];
  const names = sql.join(columns.map(([name]) => sql.ref(name)));
  const selected = sql.join(columns.map(([name, type]) => (type === 'text[]' ? sql`${sql.ref(`t.${name}`)}::text[]` : sql.ref(`t.${name}`))));
  const arrays = sql.join(
    columns.map(([name, type]) => {
      const values = rows.map((row) => encode(row[name], type));
      // An array column travels as text (one array literal per row) and is cast back after unnest.
      const arrayType = type === 'text[]' ? 'text[]' : `${type}[]`;
      return sql`${values}::${sql.raw(arrayType)}`;
    }),
  );
  await sql`insert into ${sql.table(table)} (${names}) select ${selected} from unnest(${arrays}) as t(${names})`.execute(db);
}

function encode(value: unknown, type: PgType): unknown {
  if (value === undefined || value === null) return null;
  if (type === 'text[]' && Array.isArray(value)) return `{${value.map((item) => `"${String(item).replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
  if (value instanceof Date) return value.toISOString();
  return value;
}
