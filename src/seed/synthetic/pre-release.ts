import type { ActionStatus, NeedStatus } from '../../db/schema.ts';
import { isoOf, momentOn, timeOfDay, type Day } from './days.ts';
import type { Rows } from './insert.ts';
import type { Random } from './random.ts';
import type { Support } from './community.ts';
import {
  ACTION_STATUS,
  ACTIONS_PER_NEED,
  ASSESSED_SHARE,
  DAY_ONE_APPOINTMENT_SHARE,
  DAY_ONE_APPOINTMENTS,
  MONTHS_OUT_OF_WORK,
  MONTHS_OUT_OF_WORK_RECORDED,
  NEED_STATUS,
  PRE_RELEASE_VISITS,
} from './shape.ts';
import { DAY_ONE_AGENCIES, generalPlanTemplate, PLAN_TEMPLATES, VISIT_PLACES } from './texts.ts';
import type { Custody } from './timeline.ts';
import type { World } from './world.ts';

export interface EpisodeWork {
  episodeId: string;
  custody: Custody;
  liberatedOn: Day | null;
  /** Null while the person is still in prison. */
  support: Support | null;
  prisonCoach: string | null;
  communityCoach: string | null;
}

/** Pre-release visits by the prison life coach, between sign-up and liberation (and not after today). */
export function preReleaseVisits(random: Random, world: World, rows: Rows, work: EpisodeWork): Day[] {
  const { signedUpOn, leavesOn } = work.custody;
  const until = Math.min(leavesOn - 1, world.asOf);
  if (until < signedUpOn) return [];
  const count = PRE_RELEASE_VISITS.pick(random);
  const days = [...new Set(Array.from({ length: count }, () => random.int(signedUpOn, until)))].sort((a, b) => a - b);
  for (const day of days) {
    rows.pre_release_visit.push({
      id: world.ids.next(),
      programme_id: world.programmeId,
      episode_id: work.episodeId,
      visited_on: isoOf(day),
      worker_id: work.prisonCoach,
      place: random.pick(VISIT_PLACES),
      created_by: work.prisonCoach,
    });
  }
  return days;
}

/**
 * The needs assessment (at the first visit, or soon after sign-up), one need row per domain
 * identified with its status history, and plan actions for most needs.
 */
export function assessment(random: Random, world: World, rows: Rows, work: EpisodeWork, firstVisitOn: Day | undefined): void {
  if (!random.chance(ASSESSED_SHARE)) return;
  const { custody, support } = work;
  const assessedOn = Math.min(firstVisitOn ?? custody.signedUpOn + random.int(0, 7), world.asOf, custody.leavesOn);
  const assessmentId = world.ids.next();
  rows.assessment.push({
    id: assessmentId,
    episode_id: work.episodeId,
    programme_id: world.programmeId,
    assessed_on: isoOf(assessedOn),
    assessed_by: work.prisonCoach,
    months_out_of_work: random.chance(MONTHS_OUT_OF_WORK_RECORDED) ? MONTHS_OUT_OF_WORK.pick(random) : null,
  });
  const domains = world.needDomains.filter((domain) => random.chance(domain.likelihood));
  if (domains.length === 0 && world.needDomains.length > 0) domains.push(random.pick(world.needDomains));
  const statuses = support === null ? NEED_STATUS.inCustody : !support.engaged ? NEED_STATUS.notEngaged : support.closedOn ? NEED_STATUS.engagedClosed : NEED_STATUS.engagedOpen;
  const lastActiveOn = Math.max(assessedOn, Math.min(world.asOf, support?.closedOn ?? world.asOf));
  for (const domain of domains) {
    const needId = world.ids.next();
    const status = statuses.pick(random);
    rows.need.push({ id: needId, programme_id: world.programmeId, episode_id: work.episodeId, domain: domain.code, status });
    // The baseline found the need; where it has got to since is in its status history.
    rows.assessment_need.push({ programme_id: world.programmeId, assessment_id: assessmentId, episode_id: work.episodeId, domain: domain.code, status: 'not_started' });
    statusChange(rows, world, needId, 'not_started', work.prisonCoach, momentOn(assessedOn, 10));
    if (status !== 'not_started') {
      const changedBy = work.liberatedOn === null ? work.prisonCoach : work.communityCoach;
      statusChange(rows, world, needId, status, changedBy, momentOn(random.int(assessedOn, lastActiveOn), 14, random.int(0, 59)));
    }
    const actions = ACTIONS_PER_NEED.pick(random);
    for (let i = 0; i < actions; i += 1) planAction(random, world, rows, work, domain);
  }
}

function statusChange(rows: Rows, world: World, needId: string, status: NeedStatus, changedBy: string | null, changedAt: Date): void {
  rows.need_status_change.push({ programme_id: world.programmeId, need_id: needId, status, changed_by: changedBy, changed_at: changedAt });
}

function planAction(random: Random, world: World, rows: Rows, work: EpisodeWork, domain: { code: string; label: string }): void {
  const templates = PLAN_TEMPLATES[domain.code];
  const template = templates ? random.pick(templates) : generalPlanTemplate(domain.label);
  const dueOn = (work.liberatedOn ?? work.custody.expectedLiberationOn) + random.int(7, 60);
  rows.plan_action.push({
    id: world.ids.next(),
    programme_id: world.programmeId,
    episode_id: work.episodeId,
    domain: domain.code,
    goal: template.goal,
    action: template.action,
    owner_text: template.owner,
    due_on: isoOf(dueOn),
    status: actionStatus(random, work.support, dueOn < world.asOf),
    created_by: work.prisonCoach,
  });
}

function actionStatus(random: Random, support: Support | null, overdue: boolean): ActionStatus {
  if (support?.closedOn) return (support.engaged ? ACTION_STATUS.closedEngaged : ACTION_STATUS.closedNotEngaged).pick(random);
  return overdue && support?.engaged ? ACTION_STATUS.overdue.pick(random) : 'open';
}

/** Appointments with community agencies on the day of liberation, for some. */
export function dayOneAppointments(random: Random, world: World, rows: Rows, work: EpisodeWork): void {
  if (!random.chance(DAY_ONE_APPOINTMENT_SHARE)) return;
  const day = work.liberatedOn ?? work.custody.expectedLiberationOn;
  const count = DAY_ONE_APPOINTMENTS.pick(random);
  for (let i = 0; i < count; i += 1) {
    const [agency, purpose] = random.pick(DAY_ONE_AGENCIES);
    rows.day_one_appointment.push({
      id: world.ids.next(),
      programme_id: world.programmeId,
      episode_id: work.episodeId,
      appointment_on: isoOf(day),
      appointment_time: timeOfDay(random, 10, 15),
      agency,
      purpose,
      created_by: work.prisonCoach,
    });
  }
}
