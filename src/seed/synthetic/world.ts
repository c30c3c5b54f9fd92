import type { ChoiceList } from '../../db/schema.ts';
import { JOB_OUTCOME_TYPES } from '../outcome-framework.ts';
import type { Day } from './days.ts';
import { IdSequence } from './ids.ts';
import { Random, Weighted } from './random.ts';
import type { ProgrammeReference } from './reference.ts';
import {
  CHOICE_WEIGHTS,
  HARD_OUTCOME_WEIGHTS,
  LOCAL_AUTHORITY_WEIGHTS,
  NEED_LIKELIHOOD,
  OTHER_HARD_OUTCOME_WEIGHT,
  OTHER_NEED_LIKELIHOOD,
  PRISON_HINTS,
  YOUNG_OFFENDER_MAX_AGE,
} from './shape.ts';
import type { TeamStaff } from './staff.ts';

/** Where a person lives: a local authority and the team that covers it (either may be missing). */
export interface Place {
  localAuthorityId: string | null;
  teamId: string | null;
}

/** Everything the generator picks from, built once from the programme's reference data and staff. */
export interface World {
  programmeId: string;
  /** The day the data runs up to ("today"), and the first day a sign-up may fall on. */
  asOf: Day;
  firstSignUpDay: Day;
  ids: IdSequence;
  places: Weighted<Place>;
  staff: Map<string, TeamStaff>;
  prisons: { general: Weighted<string>; women: Weighted<string> | null; youngOffenders: Weighted<string> | null };
  genders: { male: string | null; female: string | null };
  needDomains: { code: string; label: string; likelihood: number }[];
  contactTypes: Weighted<string>;
  liberationTypes: Weighted<string> | null;
  nonEngagementReasons: Weighted<string> | null;
  closureReasons: Weighted<string> | null;
  codes: Record<ChoiceList, Set<string>>;
  outcomes: OutcomeTypes;
  /** The weeks of the in-work checks, in order. */
  checkWeeks: number[];
  distanceAreas: string[];
}

/** The programme's outcome types, as the generator picks them. */
export interface OutcomeTypes {
  /** Hard types other than the two job types, by weight. */
  hard: Weighted<string> | null;
  soft: Weighted<string> | null;
  /** The two job types, where the programme has them (a job start needs its "job start" type). */
  jobStart: string | null;
  sustainedJob: string | null;
  evidenceKind: Map<string, string | null>;
}

/** The programme's places with how many people come from each (by local authority where it can). */
export function placesOf(reference: ProgrammeReference): [Place, number][] {
  const { teams, localAuthorities } = reference;
  if (localAuthorities.length === 0) {
    return teams.length ? teams.map((team) => [{ localAuthorityId: null, teamId: team.id }, 1]) : [[{ localAuthorityId: null, teamId: null }, 1]];
  }
  return localAuthorities.map((la, index) => {
    const team = teams.find((t) => t.areaId === la.areaId) ?? teams[index % Math.max(1, teams.length)];
    return [{ localAuthorityId: la.id, teamId: team?.id ?? null }, LOCAL_AUTHORITY_WEIGHTS[la.name] ?? 1];
  });
}

/** Each team's share of the people, for sizing its staff. */
export function teamShares(places: [Place, number][]): Map<string, number> {
  const total = places.reduce((sum, [, weight]) => sum + weight, 0);
  const shares = new Map<string, number>();
  for (const [place, weight] of places) {
    if (place.teamId) shares.set(place.teamId, (shares.get(place.teamId) ?? 0) + weight / total);
  }
  return shares;
}

export function buildWorld(props: {
  reference: ProgrammeReference;
  places: [Place, number][];
  staff: Map<string, TeamStaff>;
  asOf: Day;
  firstSignUpDay: Day;
}): World {
  const { reference } = props;
  const codes = Object.fromEntries(Object.entries(reference.choices).map(([list, items]) => [list, new Set(items.map((c) => c.code))])) as World['codes'];
  const prisonsWhere = (test: (hint: (typeof PRISON_HINTS)[string]) => boolean) =>
    weightedOrNull(reference.prisons.filter((p) => test(PRISON_HINTS[p.name] ?? {})).map((p) => [p.id, PRISON_HINTS[p.name]?.weight ?? 1]));
  const general = prisonsWhere((hint) => !hint.women && !hint.youngOffenders) ?? new Weighted(reference.prisons.map((p) => [p.id, 1] as const));
  const codeIfThere = (list: ChoiceList, code: string) => (codes[list].has(code) ? code : (reference.choices[list][0]?.code ?? null));
  const contactTypes = weightedChoices(reference, 'contact_type', CHOICE_WEIGHTS.contact_type);
  if (!contactTypes) throw new Error('The programme has no contact types');
  return {
    programmeId: reference.programmeId,
    asOf: props.asOf,
    firstSignUpDay: props.firstSignUpDay,
    ids: new IdSequence(),
    places: new Weighted(props.places),
    staff: props.staff,
    prisons: { general, women: prisonsWhere((hint) => Boolean(hint.women)), youngOffenders: prisonsWhere((hint) => Boolean(hint.youngOffenders)) },
    genders: { male: codeIfThere('gender', 'male'), female: codes.gender.has('female') ? 'female' : codeIfThere('gender', 'male') },
    needDomains: reference.choices.need_domain.map((d) => ({ ...d, likelihood: NEED_LIKELIHOOD[d.code] ?? OTHER_NEED_LIKELIHOOD })),
    contactTypes,
    liberationTypes: weightedChoices(reference, 'liberation_type', CHOICE_WEIGHTS.liberation_type),
    nonEngagementReasons: weightedChoices(reference, 'non_engagement_reason', CHOICE_WEIGHTS.non_engagement_reason),
    closureReasons: weightedChoices(reference, 'closure_reason', CHOICE_WEIGHTS.closure_reason),
    codes,
    outcomes: outcomeTypes(reference, codes),
    checkWeeks: reference.inWorkCheckWeeks,
    distanceAreas: reference.choices.distance_area.map((area) => area.code),
  };
}

function outcomeTypes(reference: ProgrammeReference, codes: World['codes']): OutcomeTypes {
  const jobTypes: string[] = Object.values(JOB_OUTCOME_TYPES);
  const others = reference.outcomeRules.filter((rule) => !jobTypes.includes(rule.code));
  const has = (code: string) => (codes.outcome_type.has(code) ? code : null);
  return {
    hard: weightedOrNull(others.filter((rule) => rule.hard).map((rule) => [rule.code, HARD_OUTCOME_WEIGHTS[rule.code] ?? OTHER_HARD_OUTCOME_WEIGHT])),
    soft: weightedOrNull(others.filter((rule) => !rule.hard).map((rule) => [rule.code, 1])),
    jobStart: has(JOB_OUTCOME_TYPES.jobStart),
    sustainedJob: has(JOB_OUTCOME_TYPES.sustainedJob),
    evidenceKind: new Map(reference.outcomeRules.map((rule) => [rule.code, rule.evidenceKind])),
  };
}

export function pickPrison(world: World, random: Random, female: boolean, age: number): string {
  const { women, youngOffenders, general } = world.prisons;
  if (female && women) return women.pick(random);
  if (!female && age <= YOUNG_OFFENDER_MAX_AGE && youngOffenders) return youngOffenders.pick(random);
  return general.pick(random);
}

/** `code` when the programme has it in the list, otherwise one of the list's entries by weight. */
export function codeOr(world: World, list: 'closure_reason' | 'non_engagement_reason', code: string, random: Random): string | null {
  if (world.codes[list].has(code)) return code;
  return (list === 'closure_reason' ? world.closureReasons : world.nonEngagementReasons)?.pick(random) ?? null;
}

function weightedChoices(reference: ProgrammeReference, list: ChoiceList, hints: Record<string, number>): Weighted<string> | null {
  return weightedOrNull(reference.choices[list].map((c) => [c.code, hints[c.code] ?? 1]));
}

function weightedOrNull<T>(entries: [T, number][]): Weighted<T> | null {
  return entries.some(([, weight]) => weight > 0) ? new Weighted(entries) : null;
}
