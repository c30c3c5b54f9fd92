import type { ActionStatus, NeedStatus } from '../../db/schema.ts';
import { Banded, Weighted } from './random.ts';

/**
 * The shape of synthetic data: who the clients are and what happens to them, from the phase-two
 * evaluation of Routes out of Prison (2009–2010) where it gives a figure, and plausible guesses
 * where it does not. Weights need not add up to anything; bands are [min, max, weight].
 */

/** "The majority of clients are male (93%)". */
export const FEMALE_SHARE = 0.07;

/** Age at first sign-up: "the largest group … aged between 21 and 30 years (46% and 41%)". */
export const AGE_AT_SIGN_UP = new Banded([
  [16, 20, 10],
  [21, 30, 45],
  [31, 40, 30],
  [41, 50, 11],
  [51, 66, 4],
]);

/** "Nearly two thirds are serving sentences between six and 24 months" (within 3 months to 4 years). */
export const SENTENCE_MONTHS = new Weighted<number>([
  [3, 6], [4, 7], [5, 6], [6, 9], [8, 8], [9, 7], [10, 6], [12, 12], [15, 5], [16, 5], [18, 8],
  [20, 3], [21, 2], [24, 6], [27, 2], [30, 3], [32, 1], [36, 3], [40, 1], [42, 1], [48, 2],
]);

/** "40% have served between two and four prison sentences and over a third have between five and ten". */
export const PREVIOUS_SENTENCES = new Banded([
  [0, 0, 10],
  [1, 1, 8],
  [2, 4, 40],
  [5, 10, 35],
  [11, 20, 7],
]);

/** "70% reported being out of work for 12 months and 56% for over two years". */
export const MONTHS_OUT_OF_WORK = new Banded([
  [0, 5, 16],
  [6, 11, 14],
  [12, 24, 14],
  [25, 180, 56],
]);
export const MONTHS_OUT_OF_WORK_RECORDED = 0.93;

/** About 1.15 sign-ups per person: some people come back on a later sentence. */
export const SIGN_UPS_PER_PERSON = new Weighted<number>([[1, 87], [2, 11], [3, 2]]);

/** Days from one liberation to the next sentence, for people who come back. */
export const DAYS_TO_NEXT_SENTENCE = new Banded([
  [60, 180, 35],
  [181, 365, 35],
  [366, 900, 30],
]);

/** Sign-up is four to six weeks before the expected liberation date. */
export const SIGN_UP_DAYS_BEFORE_LIBERATION: readonly [number, number] = [28, 42];

/** Short-term prisoners are released at the half-way point of their sentence. */
export const SHARE_OF_SENTENCE_SERVED = 0.5;

/** Liberation against the expected date: on the day, a few days early, or a little late. */
export const LIBERATION_TIMING = new Weighted<'on_time' | 'early' | 'late'>([['on_time', 85], ['early', 10], ['late', 5]]);

/** The target is at least one pre-release visit, preferably two. */
export const PRE_RELEASE_VISITS = new Weighted<number>([[0, 10], [1, 35], [2, 45], [3, 10]]);
export const ASSESSED_SHARE = 0.93;

/** How likely each need domain is to be identified (addictions, homelessness and unemployment are commonest). */
export const NEED_LIKELIHOOD: Record<string, number> = {
  accommodation: 0.55,
  finance: 0.5,
  health: 0.35,
  addiction: 0.6,
  family: 0.3,
  education: 0.25,
  employability: 0.65,
};
export const OTHER_NEED_LIKELIHOOD = 0.3;
/** Where a need stands now, by how the sign-up has gone. */
export const NEED_STATUS = {
  inCustody: new Weighted<NeedStatus>([['not_started', 70], ['in_progress', 30]]),
  engagedOpen: new Weighted<NeedStatus>([['met', 25], ['in_progress', 50], ['not_started', 20], ['declined', 5]]),
  engagedClosed: new Weighted<NeedStatus>([['met', 55], ['declined', 15], ['not_required', 10], ['in_progress', 10], ['not_started', 10]]),
  notEngaged: new Weighted<NeedStatus>([['not_started', 75], ['declined', 20], ['not_required', 5]]),
};
/** Plan actions: done or dropped once the case has closed; done or still open when overdue. */
export const ACTION_STATUS = {
  closedEngaged: new Weighted<ActionStatus>([['done', 60], ['dropped', 40]]),
  closedNotEngaged: new Weighted<ActionStatus>([['dropped', 90], ['done', 10]]),
  overdue: new Weighted<ActionStatus>([['done', 50], ['open', 50]]),
};
export const ACTIONS_PER_NEED = new Weighted<number>([[0, 30], [1, 60], [2, 10]]);

export const GATE_AFTER_LIBERATION = new Weighted<'met' | 'missed' | 'declined' | null>([['met', 55], ['missed', 15], ['declined', 10], [null, 20]]);
export const GATE_BEFORE_LIBERATION = new Weighted<'planned' | null>([['planned', 60], [null, 40]]);
export const DAY_ONE_APPOINTMENT_SHARE = 0.35;
export const DAY_ONE_APPOINTMENTS = new Weighted<number>([[1, 75], [2, 25]]);

/** 43% of sign-ups engaged in the evaluation; meeting at the gate makes engagement likelier. */
export const ENGAGES_IF_MET_AT_GATE = 0.62;
export const ENGAGES_OTHERWISE = 0.3;

/** Contacts per engaged sign-up (5 to 50) and how long support lasts after liberation. */
export const CONTACTS_PER_ENGAGED = new Banded([
  [5, 9, 45],
  [10, 19, 35],
  [20, 34, 14],
  [35, 50, 6],
]);
export const SUPPORT_DAYS = new Banded([
  [30, 90, 30],
  [91, 180, 35],
  [181, 365, 25],
  [366, 540, 10],
]);
export const DAYS_TO_FIRST_CONTACT = new Banded([
  [0, 0, 30],
  [1, 7, 50],
  [8, 21, 20],
]);
export const CONTACT_OUTCOME = new Weighted<'happened' | 'no_answer' | 'did_not_attend'>([['happened', 88], ['no_answer', 8], ['did_not_attend', 4]]);
export const CONTACT_NOTES_SHARE = 0.3;
/** How long a contact of each type takes, in minutes; a type not named here takes 15 to 60. */
export const CONTACT_MINUTES: Record<string, readonly [number, number]> = {
  face_to_face: [30, 90],
  phone: [5, 20],
  text: [1, 5],
  accompanied_appointment: [60, 240],
  advocacy: [30, 120],
  home_visit: [30, 90],
};
export const SIGNPOSTED_SHARE = 0.15;
/** Attempts to reach a client who never engages: none answered. */
export const ATTEMPTS_IF_NOT_ENGAGED = new Weighted<number>([[0, 30], [1, 30], [2, 20], [3, 15], [4, 5]]);
export const ATTEMPT_OUTCOME = new Weighted<'no_answer' | 'did_not_attend'>([['no_answer', 80], ['did_not_attend', 20]]);

/** A case closes a few weeks after the last contact, or a couple of months after a liberation that led nowhere. */
export const DAYS_FROM_LAST_CONTACT_TO_CLOSURE: readonly [number, number] = [14, 42];
export const DAYS_FROM_LIBERATION_TO_CLOSURE_IF_NOT_ENGAGED: readonly [number, number] = [42, 90];
/** A reason for not engaging is recorded three weeks after liberation, most of the time. */
export const DAYS_BEFORE_NON_ENGAGEMENT_IS_RECORDED = 21;
export const NON_ENGAGEMENT_RECORDED = 0.9;

export const RISK_TO_STAFF_SHARE = 0.03;
export const PHONE_SHARE = 0.7;
export const ALIAS_SHARE = 0.04;

/** Sign-ups spread over the last eight years, up to today. */
export const YEARS_OF_SIGN_UPS = 8;

/**
 * Each team has at least eight prison and eight community life coaches, and more when there are more
 * sign-ups: a coach takes on about 600 sign-ups a year, a heavy caseload (some hundreds open at a time)
 * so that caseload pages are measured at their worst.
 */
export const MIN_COACHES_PER_TEAM = 8;
export const SIGN_UPS_PER_COACH_PER_YEAR = 600;
export const MEAN_SIGN_UPS_PER_PERSON = 1.15;

/** Weights by code for the programme's configurable lists; a code not named here weighs 1. */
export const CHOICE_WEIGHTS = {
  contact_type: { face_to_face: 40, phone: 25, text: 10, accompanied_appointment: 15, advocacy: 5, home_visit: 5 },
  /** 'early' is given to the liberations that come early (LIBERATION_TIMING), not drawn; 'returned_to_custody' only to those who go back (custody-returns.ts). */
  liberation_type: { end_of_sentence: 90, early: 0, from_court: 8, transferred: 0 },
  non_engagement_reason: { not_contactable: 40, declined: 20, returned_to_custody: 0, moved_away: 8, support_elsewhere: 8, health: 4, died: 1, other: 4 },
  closure_reason: { support_completed: 45, disengaged: 30, never_engaged: 0, returned_to_custody: 0, moved_away: 5, transferred: 5, died: 1, other: 2 },
} as const;

/**
 * Routes out of Prison's prisons and local authorities, where the programme has them: where
 * people come from (weights) and who is held where. Other programmes' names weigh 1.
 */
export const PRISON_HINTS: Record<string, { weight?: number; women?: boolean; youngOffenders?: boolean }> = {
  Barlinnie: { weight: 5 },
  Addiewell: { weight: 2 },
  Kilmarnock: { weight: 2 },
  Greenock: { weight: 1 },
  Dumfries: { weight: 1 },
  'Cornton Vale': { women: true },
  Polmont: { youngOffenders: true },
};
export const YOUNG_OFFENDER_MAX_AGE = 20;

export const LOCAL_AUTHORITY_WEIGHTS: Record<string, number> = {
  'Glasgow City': 8,
  'North Lanarkshire': 3.4,
  'South Lanarkshire': 3.2,
  Renfrewshire: 1.8,
  'North Ayrshire': 1.4,
  'East Ayrshire': 1.2,
  'Dumfries and Galloway': 1.2,
  'South Ayrshire': 1,
  'West Dunbartonshire': 0.9,
  Inverclyde: 0.8,
  'Argyll and Bute': 0.6,
  'East Dunbartonshire': 0.5,
  'East Renfrewshire': 0.4,
};

/**
 * Impact evidence for engaged sign-ups. "About 19% of engaging clients achieved a hard outcome, 5%
 * a job"; health and addiction services, accommodation and benefits were the commonest, debt rare
 * ("81 homeless clients found accommodation, 88 accessed health or addiction services, 123 were
 * helped to claim benefits, 17 began to tackle debt"). The shares below are a little higher than
 * the evaluation's because some outcomes are still waiting to be verified or are rejected, and a
 * job start planned after today or after a return to custody never happens.
 */
export const JOB_START_SHARE = 0.06;
/** Of engaged sign-ups without a job start: at least one other hard outcome. */
export const OTHER_HARD_OUTCOME_SHARE = 0.155;
/** Of engaged sign-ups with a job start: other hard outcomes as well (benefits, a home...). */
export const OTHER_HARD_OUTCOME_SHARE_WITH_JOB = 0.35;
export const HARD_OUTCOMES_PER_SIGN_UP = new Weighted<number>([[1, 62], [2, 27], [3, 11]]);
/** Hard outcome types by code (the evaluation's counts); another hard type of the programme weighs 4. */
export const HARD_OUTCOME_WEIGHTS: Record<string, number> = {
  benefits: 123,
  accommodation: 81,
  health_service: 46,
  addiction_service: 42,
  training: 14,
  education: 8,
  debt: 17,
};
export const OTHER_HARD_OUTCOME_WEIGHT = 4;
/** Soft outcomes (volunteering, family contact restored...) for some engaged sign-ups. */
export const SOFT_OUTCOME_SHARE = 0.1;
/** When an outcome is achieved, in days from the first community contact. */
export const DAYS_TO_OUTCOME = new Banded([
  [0, 30, 40],
  [31, 90, 35],
  [91, 365, 25],
]);
/** Most outcomes are verified within weeks (one whose verification would fall after today waits); a few are rejected. */
export const VERIFICATION = new Weighted<'verified' | 'unverified' | 'rejected'>([['verified', 86], ['unverified', 10], ['rejected', 4]]);
export const DAYS_TO_VERIFY = new Banded([
  [1, 7, 60],
  [8, 28, 35],
  [29, 60, 5],
]);
export const EVIDENCE_REFERENCE_SHARE = 0.7;

/** Job starts: some weeks into support, after a hand-over to an employment consultant. */
export const DAYS_TO_JOB_START = new Banded([
  [21, 60, 35],
  [61, 120, 40],
  [121, 240, 25],
]);
export const DAYS_HANDED_OVER_BEFORE_JOB = new Banded([
  [7, 30, 55],
  [31, 90, 45],
]);
/** Handed over as job-ready but no job (yet): a share of engaged sign-ups without a job start. */
export const HAND_OVER_WITHOUT_JOB_SHARE = 0.07;
export const EMPLOYABILITY_ACTIVITIES = new Weighted<number>([[0, 25], [1, 30], [2, 30], [3, 15]]);
/** Support of someone who starts work lasts until their last in-work check, and a few weeks more. */
export const DAYS_SUPPORTED_AFTER_LAST_CHECK = 30;
export const HOURS_PER_WEEK = new Weighted<number>([[16, 14], [20, 10], [25, 8], [30, 12], [35, 14], [37.5, 22], [40, 20]]);
export const CONTRACT_TYPE = new Weighted<'permanent' | 'fixed_term' | 'temporary' | 'zero_hours' | 'self_employed' | 'apprenticeship'>([
  ['permanent', 34], ['temporary', 20], ['zero_hours', 20], ['fixed_term', 16], ['apprenticeship', 6], ['self_employed', 4],
]);
/** An in-work check is recorded around the week it falls due; most are still in work. */
export const DAYS_FROM_DUE_TO_CHECK = new Banded([
  [-7, 0, 40],
  [1, 14, 50],
  [15, 30, 10],
]);
export const STILL_IN_WORK_AT_CHECK = 0.78;

/** Distance travelled: readings for about half of engaged sign-ups, a few weeks apart. */
export const DISTANCE_READING_SHARE = 0.5;
export const DISTANCE_READINGS = new Weighted<number>([[2, 40], [3, 35], [4, 25]]);
export const DAYS_TO_FIRST_READING: readonly [number, number] = [0, 14];
export const DAYS_BETWEEN_READINGS: readonly [number, number] = [28, 70];
export const FIRST_SCORE = new Banded([
  [1, 3, 35],
  [4, 6, 45],
  [7, 9, 20],
]);
/** Most people's scores drift upwards from one reading to the next; the others' wander. */
export const DISTANCE_IMPROVES = 0.7;
export const WORKER_SCORE_SHARE = 0.12;
export const READING_NOTE_SHARE = 0.2;
export const SELF_REPORTED_REOFFENDING = new Weighted<'no' | 'yes' | 'prefers_not_to_say'>([['no', 88], ['yes', 6], ['prefers_not_to_say', 6]]);

/** Each team has at least two employment consultants, one for about every four life coaches' sign-ups. */
export const MIN_CONSULTANTS_PER_TEAM = 2;
export const SIGN_UPS_PER_CONSULTANT_PER_YEAR = 2_400;
