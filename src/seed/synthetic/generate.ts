import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { returnsExtract } from './custody-returns.ts';
import { today } from '../../http/date-fields.ts';
import { DAYS_PER_YEAR, dayOf, isoOf } from './days.ts';
import { emptyRows, insertRows, TABLES, type SyntheticTable } from './insert.ts';
import { synthesisePerson, syntheticPrisonNumber } from './person.ts';
import { Random } from './random.ts';
import { loadReference } from './reference.ts';
import { YEARS_OF_SIGN_UPS } from './shape.ts';
import { ensureStaff } from './staff.ts';
import { buildWorld, placesOf, teamShares } from './world.ts';

export interface GenerateOptions {
  db: Kysely<Database>;
  people: number;
  programme?: string;
  seed?: number;
  /** The day the data runs up to, 'YYYY-MM-DD' (default: today where the programme is). */
  asOf?: string;
  /** People per transaction. */
  chunkSize?: number;
  /** Chunks written at the same time, each in its own transaction (PostgreSQL: a few; PGlite: 1). */
  concurrency?: number;
  progress?: (line: string) => void;
}

export interface GenerateSummary {
  rows: Record<SyntheticTable, number>;
  staffCreated: number;
  asOf: string;
  seconds: number;
}

/**
 * `throughcare generate`: fills a programme with synthetic people shaped like the evaluation's
 * clients, with their sign-ups and casework, for trying the service out and measuring it at scale.
 * The same seed on the same database gives the same data (record ids apart). Each chunk of people is
 * written in its own transaction; the programme's own reference data, lists and staff are used, and
 * synthetic life coaches and employment consultants are added to teams that have too few.
 */
export async function generateSyntheticData(options: GenerateOptions): Promise<GenerateSummary> {
  const started = performance.now();
  const { db, people } = options;
  const seed = options.seed ?? 42;
  const chunkSize = options.chunkSize ?? 5_000;
  const progress = options.progress ?? (() => {});
  const reference = await loadReference(db, options.programme ?? 'roop');
  const asOf = dayOf(options.asOf ?? today(reference.timeZone));
  const places = placesOf(reference);
  const { staff, created } = await ensureStaff(db, { programmeId: reference.programmeId, teamShares: teamShares(places), people, seed });
  const world = buildWorld({ reference, places, staff, asOf, firstSignUpDay: asOf - Math.round(YEARS_OF_SIGN_UPS * DAYS_PER_YEAR) });
  const random = new Random(seed, 'people');
  const extract = await returnsExtract(db, reference.programmeId, seed);
  const firstNumber = await prisonNumbersInUse(db, reference.programmeId);
  const totals = Object.fromEntries(TABLES.map((table) => [table, 0])) as Record<SyntheticTable, number>;
  const writer = new ChunkWriter(options.concurrency ?? 1);
  for (let start = 0; start < people; start += chunkSize) {
    const rows = emptyRows();
    for (let index = start; index < Math.min(people, start + chunkSize); index += 1)
      synthesisePerson(random, world, rows, syntheticPrisonNumber(firstNumber + index + 1), extract);
    await writer.write(async () => {
      await db.transaction().execute((tx) => insertRows(tx, rows));
      for (const table of TABLES) totals[table] += rows[table].length;
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      progress(
        `${count(totals.person)} of ${count(people)} people, ${count(totals.episode)} sign-ups, ${count(totals.contact)} contacts, ` +
          `${count(totals.outcome)} outcomes, ${count(totals.distance_reading)} distance readings, ${count(totals.custody_return)} return-to-custody rows (${seconds} s)`,
      );
    });
  }
  await writer.finish();
  progress('Updating the planner statistics');
  for (const table of TABLES) await sql`select analyse_table(${table})`.execute(db);
  await db
    .insertInto('audit_event')
    .values({
      programme_id: reference.programmeId,
      actor_user_id: null,
      actor_label: 'synthetic data generator',
      action: 'create',
      record_type: 'programme',
      record_id: reference.programmeId,
      address: null,
      request_id: null,
      detail: { synthetic: true, people, seed, asOf: isoOf(asOf), staffCreated: created, rows: totals },
    })
    .execute();
  return { rows: totals, staffCreated: created, asOf: isoOf(asOf), seconds: (performance.now() - started) / 1000 };
}

const count = (n: number) => n.toLocaleString('en-GB');

/** Runs up to `limit` chunk writes at once; the first failure stops the run once the others have settled. */
class ChunkWriter {
  private readonly running = new Set<Promise<void>>();
  private failure: unknown = null;

  constructor(private readonly limit: number) {}

  async write(work: () => Promise<void>): Promise<void> {
    while (this.running.size >= this.limit) await Promise.race(this.running);
    if (this.failure !== null) await this.finish();
    const task: Promise<void> = work()
      .catch((error: unknown) => {
        this.failure ??= error;
      })
      .finally(() => this.running.delete(task));
    this.running.add(task);
  }

  async finish(): Promise<void> {
    await Promise.all(this.running);
    if (this.failure !== null) throw this.failure;
  }
}

/** Synthetic prison numbers carry on after those already given, so a second run adds no duplicates. */
async function prisonNumbersInUse(db: Kysely<Database>, programmeId: string): Promise<number> {
  const row = await db
    .selectFrom('prison_number')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('programme_id', '=', programmeId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
