import type { ContactOutcome } from '../../db/schema.ts';
import { isoOf, timeOfDay, type Day } from './days.ts';
import type { Rows } from './insert.ts';
import type { Random } from './random.ts';
import {
  ATTEMPT_OUTCOME,
  ATTEMPTS_IF_NOT_ENGAGED,
  CONTACT_MINUTES,
  CONTACT_NOTES_SHARE,
  CONTACT_OUTCOME,
  CONTACTS_PER_ENGAGED,
  DAYS_BEFORE_NON_ENGAGEMENT_IS_RECORDED,
  DAYS_SUPPORTED_AFTER_LAST_CHECK,
  DAYS_TO_JOB_START,
  DAYS_FROM_LAST_CONTACT_TO_CLOSURE,
  DAYS_FROM_LIBERATION_TO_CLOSURE_IF_NOT_ENGAGED,
  DAYS_TO_FIRST_CONTACT,
  ENGAGES_IF_MET_AT_GATE,
  ENGAGES_OTHERWISE,
  JOB_START_SHARE,
  NON_ENGAGEMENT_RECORDED,
  SIGNPOSTED_SHARE,
  SUPPORT_DAYS,
} from './shape.ts';
import { CONTACT_NOTES, CONTACT_PLACES, DAY_ONE_AGENCIES, GATE_NOTE } from './texts.ts';
import { codeOr, type World } from './world.ts';

/** How a liberated sign-up went in the community, as far as today. */
export interface Support {
  engaged: boolean;
  closedOn: Day | null;
  closureReason: string | null;
  nonEngagementReason: string | null;
  /** When the person went back into custody after this liberation, if they did (perhaps after today). */
  admittedOn: Day | null;
  /** For an engaged sign-up, the days work is recorded on it: the first contact to the last day of support (today at the latest). */
  active: { from: Day; until: Day } | null;
  /** The day they start work, for some engaged sign-ups: support lasts past the last in-work check. */
  jobStartOn: Day | null;
}

interface SupportProps {
  episodeId: string;
  liberatedOn: Day;
  metAtGate: boolean;
  /** Support stops when the person's next sentence starts. */
  nextSentencedOn: Day | null;
  /** When they go back into custody, knowing whether they mean to engage (default: when the next sentence starts). */
  admission?: (engages: boolean) => Day | null;
  worker: string | null;
}

/**
 * Community contacts after liberation and what became of the case: most who engage have 5 to 50
 * contacts over some months and close a few weeks after the last; those who never engage have a few
 * unanswered attempts, a recorded reason and close a couple of months on. Nothing is dated after today.
 */
export function communitySupport(random: Random, world: World, rows: Rows, props: SupportProps): Support {
  const { liberatedOn } = props;
  const intendsToEngage = random.chance(props.metAtGate ? ENGAGES_IF_MET_AT_GATE : ENGAGES_OTHERWISE);
  const admittedOn = props.admission ? props.admission(intendsToEngage) : props.nextSentencedOn;
  let closesOn: Day;
  let closureReason: string | null = null;
  let happened = 0;
  let active: Support['active'] = null;
  let jobStartOn: Day | null = null;
  if (intendsToEngage) {
    const firstOn = liberatedOn + (props.metAtGate && random.chance(0.6) ? 0 : DAYS_TO_FIRST_CONTACT.pick(random));
    const jobOn = world.outcomes.jobStart !== null && random.chance(JOB_START_SHARE) ? firstOn + DAYS_TO_JOB_START.pick(random) : null;
    const lastCheckWeek = world.checkWeeks[world.checkWeeks.length - 1] ?? 0;
    const supportedForJob = jobOn === null ? 0 : jobOn + 7 * lastCheckWeek + DAYS_SUPPORTED_AFTER_LAST_CHECK;
    const lastOn = Math.max(firstOn, liberatedOn + SUPPORT_DAYS.pick(random), supportedForJob);
    closesOn = lastOn + random.int(...DAYS_FROM_LAST_CONTACT_TO_CLOSURE);
    closureReason = world.closureReasons?.pick(random) ?? null;
    const until = Math.min(lastOn, world.asOf, (admittedOn ?? Infinity) - 1);
    if (firstOn <= until) happened = engagedContacts(random, world, rows, props, firstOn, until);
    if (happened > 0) {
      active = { from: firstOn, until };
      jobStartOn = jobOn !== null && jobOn <= until ? jobOn : null;
    }
  } else {
    const until = Math.min(liberatedOn + 28, world.asOf, (admittedOn ?? Infinity) - 1);
    const attempts = until >= liberatedOn ? ATTEMPTS_IF_NOT_ENGAGED.pick(random) : 0;
    for (let i = 0; i < attempts; i += 1) addContact(random, world, rows, props, random.int(liberatedOn, until), ATTEMPT_OUTCOME.pick(random));
    closesOn = liberatedOn + random.int(...DAYS_FROM_LIBERATION_TO_CLOSURE_IF_NOT_ENGAGED);
  }
  const returnedToCustody = admittedOn !== null && admittedOn <= closesOn;
  if (returnedToCustody) {
    closesOn = admittedOn;
    closureReason = codeOr(world, 'closure_reason', 'returned_to_custody', random);
  }
  const engaged = happened > 0;
  let nonEngagementReason: string | null = null;
  if (!engaged) {
    const backByToday = returnedToCustody && admittedOn <= world.asOf;
    const decided = backByToday || Math.min(closesOn, world.asOf) - liberatedOn >= DAYS_BEFORE_NON_ENGAGEMENT_IS_RECORDED;
    if (backByToday) nonEngagementReason = codeOr(world, 'non_engagement_reason', 'returned_to_custody', random);
    else if (decided && random.chance(NON_ENGAGEMENT_RECORDED)) nonEngagementReason = world.nonEngagementReasons?.pick(random) ?? null;
    if (!returnedToCustody) {
      const sameReason = nonEngagementReason !== null && world.codes.closure_reason.has(nonEngagementReason) && nonEngagementReason !== 'other';
      closureReason = sameReason ? nonEngagementReason : codeOr(world, 'closure_reason', 'never_engaged', random);
    }
  }
  const closedOn = closesOn <= world.asOf ? closesOn : null;
  return { engaged, closedOn, closureReason: closedOn === null ? null : closureReason, nonEngagementReason, admittedOn, active, jobStartOn };
}

/** The first contact happened (at the gate, when met there); the rest crowd towards the start of support. */
function engagedContacts(random: Random, world: World, rows: Rows, props: SupportProps, firstOn: Day, until: Day): number {
  const count = Math.min(CONTACTS_PER_ENGAGED.pick(random), 2 * (until - firstOn + 1));
  const atGate = props.metAtGate && firstOn === props.liberatedOn;
  addContact(random, world, rows, props, firstOn, 'happened', atGate);
  let happened = 1;
  const days: Day[] = [];
  for (let i = 1; i < count; i += 1) days.push(firstOn + Math.floor((until - firstOn + 1) * random.next() ** 1.6));
  for (const day of days.sort((a, b) => a - b)) {
    const outcome = CONTACT_OUTCOME.pick(random);
    if (outcome === 'happened') happened += 1;
    addContact(random, world, rows, props, day, outcome);
  }
  return happened;
}

function addContact(random: Random, world: World, rows: Rows, props: SupportProps, day: Day, outcome: ContactOutcome, atGate = false): void {
  const type = atGate && world.codes.contact_type.has('face_to_face') ? 'face_to_face' : world.contactTypes.pick(random);
  const happened = outcome === 'happened';
  const [shortest, longest] = CONTACT_MINUTES[type] ?? [15, 60];
  rows.contact.push({
    id: world.ids.next(),
    programme_id: world.programmeId,
    episode_id: props.episodeId,
    contact_on: isoOf(day),
    contact_time: timeOfDay(random),
    contact_type: type,
    outcome,
    help_given: happened ? helpGiven(random, type) : [],
    duration_minutes: happened ? random.int(shortest, longest) : null,
    worker_id: props.worker,
    place: atGate ? 'Prison gate' : placeFor(random, type),
    notes: atGate ? GATE_NOTE : happened && random.chance(CONTACT_NOTES_SHARE) ? random.pick(CONTACT_NOTES) : null,
    created_by: props.worker,
  });
}

function helpGiven(random: Random, type: string): string[] {
  if (type === 'accompanied_appointment') return ['accompanied'];
  if (type === 'advocacy') return ['advocated'];
  return random.chance(SIGNPOSTED_SHARE) ? ['signposted'] : [];
}

function placeFor(random: Random, type: string): string | null {
  if (type === 'home_visit') return "Client's home";
  if (type === 'accompanied_appointment') return random.pick(DAY_ONE_AGENCIES)[0];
  if (type === 'face_to_face') return random.pick(CONTACT_PLACES);
  return null;
}
