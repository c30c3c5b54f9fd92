import { isoOf, momentOn, type Day } from './days.ts';
import type { Rows } from './insert.ts';
import type { Random } from './random.ts';
import {
  DAYS_TO_OUTCOME,
  DAYS_TO_VERIFY,
  EVIDENCE_REFERENCE_SHARE,
  HARD_OUTCOMES_PER_SIGN_UP,
  OTHER_HARD_OUTCOME_SHARE,
  OTHER_HARD_OUTCOME_SHARE_WITH_JOB,
  SOFT_OUTCOME_SHARE,
  VERIFICATION,
} from './shape.ts';
import type { TeamStaff } from './staff.ts';
import { EVIDENCE_REFERENCES, OUTCOME_DETAILS, REJECTION_REASONS } from './texts.ts';
import type { World } from './world.ts';

/** An engaged sign-up, for recording what came of it. */
export interface ImpactWork {
  episodeId: string;
  /** The first contact to the last day of support (today at the latest): everything is dated in here. */
  active: { from: Day; until: Day };
  /** The day they start work, if they do. */
  jobStartOn: Day | null;
  /** The community life coach, who records outcomes and distance readings. */
  worker: string | null;
  team: TeamStaff | null;
}

/**
 * Outcomes other than a job's, dated from the first contact after liberation to the end of support:
 * hard ones (benefits, accommodation, health and addiction services commonest; debt rare) for some
 * engaged sign-ups, more often for those who started work, and a soft one for a few.
 */
export function otherOutcomes(random: Random, world: World, rows: Rows, work: ImpactWork, hasJob: boolean): void {
  const { hard, soft } = world.outcomes;
  if (hard && random.chance(hasJob ? OTHER_HARD_OUTCOME_SHARE_WITH_JOB : OTHER_HARD_OUTCOME_SHARE)) {
    const count = HARD_OUTCOMES_PER_SIGN_UP.pick(random);
    const types = new Set<string>();
    for (let i = 0; i < count; i += 1) types.add(hard.pick(random));
    for (const type of types) addOutcome(random, world, rows, work, { type, on: outcomeDay(random, work), detail: detailOf(random, type), recordedBy: work.worker });
  }
  if (soft && random.chance(SOFT_OUTCOME_SHARE)) {
    const type = soft.pick(random);
    addOutcome(random, world, rows, work, { type, on: outcomeDay(random, work), detail: detailOf(random, type), recordedBy: work.worker });
  }
}

function outcomeDay(random: Random, work: ImpactWork): Day {
  const { from, until } = work.active;
  const day = from + DAYS_TO_OUTCOME.pick(random);
  return day <= until ? day : random.int(from, until);
}

function detailOf(random: Random, type: string): string | null {
  const details = OUTCOME_DETAILS[type];
  return details ? random.pick(details) : null;
}

/**
 * One outcome with its evidence and verification: most verified by one of the team's leaders
 * (nobody named where the team has none) some days later, a few rejected with a reason, and those
 * whose verification would fall after today still waiting. Returns its id.
 */
export function addOutcome(
  random: Random,
  world: World,
  rows: Rows,
  work: ImpactWork,
  props: { type: string; on: Day; detail: string | null; recordedBy: string | null },
): string {
  const id = world.ids.next();
  const evidenceKind = world.outcomes.evidenceKind.get(props.type) ?? null;
  const verifiedOn = props.on + DAYS_TO_VERIFY.pick(random);
  const picked = VERIFICATION.pick(random);
  const verification = verifiedOn > world.asOf ? 'unverified' : picked;
  const judged = verification !== 'unverified';
  const leaders = work.team?.teamLeaders ?? [];
  rows.outcome.push({
    id,
    programme_id: world.programmeId,
    episode_id: work.episodeId,
    outcome_type: props.type,
    achieved_on: isoOf(props.on),
    detail: props.detail,
    evidence_kind: evidenceKind,
    evidence_reference: evidenceKind !== null && random.chance(EVIDENCE_REFERENCE_SHARE) ? random.pick(EVIDENCE_REFERENCES) : null,
    verification,
    verified_by: judged && leaders.length > 0 ? random.pick(leaders) : null,
    verified_at: judged ? momentOn(verifiedOn, random.int(9, 16), random.int(0, 59)) : null,
    rejection_reason: verification === 'rejected' ? random.pick(REJECTION_REASONS) : null,
    created_by: props.recordedBy,
  });
  return id;
}
