import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { DAYS_PER_YEAR, isoOf, type Day } from './days.ts';
import type { Rows } from './insert.ts';
import { Random } from './random.ts';
import type { World } from './world.ts';

/**
 * The prison service's return-to-custody extract, as at the day the data runs up to: a row per
 * admission to custody after a liberation, and a row with no admission for each person not back
 * since their latest liberation. A person's later sentence on the programme is their return; a
 * person with none may still go back (a custody the programme never saw), likelier for the young and
 * those with more previous sentences, a little less likely for those who engage in the community
 * (about 42% within a year overall; 38% of those who engage against 46%). The extract also has a
 * few admissions of people who were never liberated (sent to the prison service by mistake).
 */

/** Log-odds of going back within a year, for people with no later sentence on the programme. */
export const RETURN_WITHIN_YEAR = {
  base: -0.45,
  engages: -0.35,
  /** By previous sentences: [at least this many, log-odds]; the last band that applies counts. */
  previousSentences: [
    [0, -0.7],
    [1, -0.35],
    [2, 0],
    [5, 0.3],
    [11, 0.6],
  ] as const,
  /** By age at liberation: [at least this age, log-odds]. */
  age: [
    [0, 0.45],
    [21, 0.2],
    [31, 0],
    [41, -0.35],
    [51, -0.75],
  ] as const,
};
/** Of those not back within a year, the share who go back in the two years after. */
export const RETURN_LATER_SHARE = 0.25;
/** Days to a return within the year crowd towards liberation: 1 + 364 × u^RETURN_DAYS_SKEW. */
export const RETURN_DAYS_SKEW = 1.6;
/** People never liberated in the data who appear in the extract with their admission anyway. */
export const ADMITTED_NEVER_LIBERATED_SHARE = 0.005;

/** What the extract is drawn with: its own random sequence (so the rest of the data keeps its draws) and who imported it. */
export interface ReturnsExtract {
  random: Random;
  createdBy: string | null;
}

/** A liberation and, when the person went back into custody after it, the day they were admitted (maybe after the extract). */
export interface Liberation {
  liberatedOn: Day;
  admittedOn: Day | null;
}

export async function returnsExtract(db: Kysely<Database>, programmeId: string, seed: number): Promise<ReturnsExtract> {
  const admin = await db
    .selectFrom('app_user')
    .select('id')
    .where('programme_id', '=', programmeId)
    .where('role', '=', 'administrator')
    .where('active', '=', true)
    .orderBy('email')
    .executeTakeFirst();
  return { random: new Random(seed, 'custody returns'), createdBy: admin?.id ?? null };
}

/** The chance of going back within a year of liberation. */
export function returnWithinYear(facts: { engages: boolean; previousSentences: number; age: number }): number {
  const band = (bands: readonly (readonly [number, number])[], value: number) => bands.reduce((found, [from, logOdds]) => (value >= from ? logOdds : found), 0);
  const logOdds =
    RETURN_WITHIN_YEAR.base +
    (facts.engages ? RETURN_WITHIN_YEAR.engages : 0) +
    band(RETURN_WITHIN_YEAR.previousSentences, facts.previousSentences) +
    band(RETURN_WITHIN_YEAR.age, facts.age);
  return 1 / (1 + Math.exp(-logOdds));
}

/**
 * When someone liberated on `liberatedOn` is next admitted: the start of their next sentence on the
 * programme when there is one, otherwise drawn (null: not within three years).
 */
export function admissionAfter(
  extract: ReturnsExtract,
  props: { liberatedOn: Day; nextSentencedOn: Day | null; engages: boolean; previousSentences: number; bornOn: Day },
): Day | null {
  if (props.nextSentencedOn !== null) return props.nextSentencedOn;
  const { random } = extract;
  const age = Math.floor((props.liberatedOn - props.bornOn) / DAYS_PER_YEAR);
  const chance = returnWithinYear({ engages: props.engages, previousSentences: props.previousSentences, age });
  const draw = random.next();
  const spread = random.next();
  if (draw < chance) return props.liberatedOn + 1 + Math.floor(364 * spread ** RETURN_DAYS_SKEW);
  if (draw < chance + (1 - chance) * RETURN_LATER_SHARE) return props.liberatedOn + 366 + Math.floor(730 * spread);
  return null;
}

/** A person's rows in the extract; `admittedSince` is when a person never liberated went into the custody they are in. */
export function extractRows(world: World, rows: Rows, extract: ReturnsExtract, personId: string, liberations: Liberation[], admittedSince: Day | null): void {
  const row = (admittedOn: Day | null) =>
    rows.custody_return.push({
      id: world.ids.next(),
      programme_id: world.programmeId,
      person_id: personId,
      admitted_on: admittedOn === null ? null : isoOf(admittedOn),
      checked_on: isoOf(world.asOf),
      created_by: extract.createdBy,
    });
  const admitted = (liberation: Liberation) => liberation.admittedOn !== null && liberation.admittedOn <= world.asOf;
  for (const liberation of liberations) if (admitted(liberation)) row(liberation.admittedOn);
  const latest = liberations[liberations.length - 1];
  if (latest && !admitted(latest)) row(null);
  if (!latest && admittedSince !== null && admittedSince <= world.asOf && extract.random.chance(ADMITTED_NEVER_LIBERATED_SHARE)) row(admittedSince);
}
