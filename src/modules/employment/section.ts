import type { SignedInCtx } from '../../http/context.ts';
import { today } from '../../http/date-fields.ts';
import { can, type PersonAccess } from '../auth/policy.ts';
import { withMayCorrect } from '../casework/corrections.ts';
import { getRules } from '../settings/service.ts';
import { listActivities } from './activities.ts';
import { CONSULTANT_PART } from './hand-over.ts';
import { listChecks } from './in-work-checks.ts';
import { listJobStarts } from './job-starts.ts';
import { checkSchedule } from './schedule.ts';
import { ACTIVITY_KINDS, CONTRACT_TYPES, PLACE_KINDS } from './schemas.ts';
import { listPlaces } from './training.ts';

/** The current employment consultant of a sign-up, when they were handed over, by whom and why. */
export function currentConsultant(ctx: SignedInCtx, episodeId: string) {
  return ctx.db
    .selectFrom('assignment as a')
    .innerJoin('app_user as w', (join) => join.onRef('w.programme_id', '=', 'a.programme_id').onRef('w.id', '=', 'a.worker_id'))
    .leftJoin('app_user as by', (join) => join.onRef('by.programme_id', '=', 'a.programme_id').onRef('by.id', '=', 'a.assigned_by'))
    .select(['w.display_name as name', 'a.from_on as fromOn', 'a.reason', 'by.display_name as handedOverBy'])
    .where('a.programme_id', '=', ctx.actor.programmeId)
    .where('a.episode_id', '=', episodeId)
    .where('a.part', '=', CONSULTANT_PART)
    .where('a.to_on', 'is', null)
    .executeTakeFirst();
}

/**
 * The sign-up page's "Employment" section: the consultant, whether the viewer may hand the client
 * over, activities, job starts each with its in-work checks as they stand today, and training
 * places; each record with whether the viewer may correct it (the page asks whether the sign-up is open).
 */
export async function employmentSection(ctx: SignedInCtx, props: { personId: string; episodeId: string; access: PersonAccess }) {
  const { personId, episodeId, access } = props;
  const [consultant, activities, jobStarts, checks, places, rules] = await Promise.all([
    currentConsultant(ctx, episodeId),
    listActivities(ctx, props),
    listJobStarts(ctx, props),
    listChecks(ctx, episodeId),
    listPlaces(ctx, props),
    getRules(ctx),
  ]);
  const now = today(ctx.actor.timeZone);
  const recordedChecks = withMayCorrect(ctx, props, checks);
  return {
    consultant: consultant ?? null,
    mayHandOver: can(ctx.actor, 'employment.handOver', { kind: 'person', id: personId, programmeId: ctx.actor.programmeId, access }),
    activities,
    jobStarts: jobStarts.map((job) => ({
      ...job,
      hoursPerWeek: Number(job.hoursPerWeek),
      schedule: checkSchedule({
        startedOn: job.startedOn,
        jobInError: job.enteredInErrorReason !== null,
        weeks: rules.inWorkCheckWeeks,
        checks: recordedChecks.filter((check) => check.jobStartId === job.id),
        today: now,
      }),
    })),
    places,
    labels: { activityKinds: ACTIVITY_KINDS, contractTypes: CONTRACT_TYPES, placeKinds: PLACE_KINDS },
  };
}
