import { isoOf, type Day } from './days.ts';
import { addOutcome, type ImpactWork } from './outcomes.ts';
import type { Rows } from './insert.ts';
import type { Random } from './random.ts';
import {
  CONTRACT_TYPE,
  DAYS_FROM_DUE_TO_CHECK,
  DAYS_HANDED_OVER_BEFORE_JOB,
  EMPLOYABILITY_ACTIVITIES,
  HAND_OVER_WITHOUT_JOB_SHARE,
  HOURS_PER_WEEK,
  STILL_IN_WORK_AT_CHECK,
} from './shape.ts';
import { EMPLOYABILITY_DETAILS, HAND_OVER_REASON, JOBS, LEFT_REASONS } from './texts.ts';
import type { World } from './world.ts';

const DAYS_FROM_FIRST_CONTACT_TO_JOB_READY = 14;

/**
 * Employment on an engaged sign-up: where the team has employment consultants, a hand-over to one
 * (an assignment) some weeks before the job start, with a CV, applications and interviews in
 * between; the job start with its "job start" outcome; and the in-work checks that have fallen due
 * while support lasts, each still in work (a "sustained job" outcome) or left, when and why. A few
 * are handed over without a job yet. Returns whether they started work.
 */
export function employment(random: Random, world: World, rows: Rows, work: ImpactWork): boolean {
  const consultants = work.team?.consultants ?? [];
  const consultant = consultants.length > 0 ? random.pick(consultants) : null;
  const { from, until } = work.active;
  const jobType = world.outcomes.jobStart;
  if (work.jobStartOn !== null && jobType !== null) {
    const startedOn = work.jobStartOn;
    if (consultant !== null) {
      const handedOverOn = Math.max(from, startedOn - DAYS_HANDED_OVER_BEFORE_JOB.pick(random));
      handOver(world, rows, work, consultant, handedOverOn);
      activities(random, world, rows, work, consultant, handedOverOn, startedOn - 1);
    }
    jobStart(random, world, rows, work, { jobType, startedOn, recordedBy: consultant ?? work.worker });
    return true;
  }
  if (consultant !== null && from + DAYS_FROM_FIRST_CONTACT_TO_JOB_READY <= until && random.chance(HAND_OVER_WITHOUT_JOB_SHARE)) {
    const handedOverOn = random.int(from + DAYS_FROM_FIRST_CONTACT_TO_JOB_READY, until);
    handOver(world, rows, work, consultant, handedOverOn);
    activities(random, world, rows, work, consultant, handedOverOn, until);
  }
  return false;
}

function handOver(world: World, rows: Rows, work: ImpactWork, consultant: string, on: Day): void {
  rows.assignment.push({
    id: world.ids.next(),
    programme_id: world.programmeId,
    episode_id: work.episodeId,
    worker_id: consultant,
    part: 'employment_consultant',
    from_on: isoOf(on),
    reason: HAND_OVER_REASON,
  });
}

/** A CV first, then applications and interviews, between the hand-over and `to`. */
function activities(random: Random, world: World, rows: Rows, work: ImpactWork, consultant: string, from: Day, to: Day): void {
  if (to < from) return;
  const kinds = (['cv', 'application', 'interview'] as const).slice(0, EMPLOYABILITY_ACTIVITIES.pick(random));
  const days = kinds.map(() => random.int(from, to)).sort((a, b) => a - b);
  kinds.forEach((kind, index) => {
    const on = days[index] ?? from;
    rows.employability_activity.push({
      id: world.ids.next(),
      programme_id: world.programmeId,
      episode_id: work.episodeId,
      kind,
      started_on: isoOf(on),
      ended_on: kind === 'cv' ? isoOf(on) : null,
      detail: EMPLOYABILITY_DETAILS[kind],
      created_by: consultant,
    });
  });
}

function jobStart(random: Random, world: World, rows: Rows, work: ImpactWork, props: { jobType: string; startedOn: Day; recordedBy: string | null }): void {
  const [employer, jobTitle] = random.pick(JOBS);
  const description = `${jobTitle} at ${employer}`;
  const jobStartId = world.ids.next();
  const outcomeId = addOutcome(random, world, rows, work, { type: props.jobType, on: props.startedOn, detail: description, recordedBy: props.recordedBy });
  rows.job_start.push({
    id: jobStartId,
    programme_id: world.programmeId,
    episode_id: work.episodeId,
    employer,
    job_title: jobTitle,
    hours_per_week: HOURS_PER_WEEK.pick(random),
    contract_type: CONTRACT_TYPE.pick(random),
    started_on: isoOf(props.startedOn),
    outcome_id: outcomeId,
    created_by: props.recordedBy,
  });
  let previous = props.startedOn;
  for (const week of world.checkWeeks) {
    const checkedOn = Math.max(previous, props.startedOn + 7 * week + DAYS_FROM_DUE_TO_CHECK.pick(random));
    if (checkedOn > work.active.until) return;
    const inWork = random.chance(STILL_IN_WORK_AT_CHECK);
    const sustained = world.outcomes.sustainedJob;
    rows.in_work_check.push({
      id: world.ids.next(),
      programme_id: world.programmeId,
      job_start_id: jobStartId,
      episode_id: work.episodeId,
      check_week: week,
      checked_on: isoOf(checkedOn),
      in_work: inWork,
      left_on: inWork ? null : isoOf(random.int(previous, checkedOn)),
      left_reason: inWork ? null : random.pick(LEFT_REASONS),
      outcome_id:
        inWork && sustained !== null
          ? addOutcome(random, world, rows, work, { type: sustained, on: checkedOn, detail: `In work at ${week} weeks: ${description}`, recordedBy: props.recordedBy })
          : null,
      created_by: props.recordedBy,
    });
    if (!inWork) return;
    previous = checkedOn;
  }
}
