import { isoOf, type Day } from './days.ts';
import type { Rows } from './insert.ts';
import type { Random } from './random.ts';
import { communitySupport } from './community.ts';
import type { Liberation } from './custody-returns.ts';
import { distanceReadings } from './distance.ts';
import { employment } from './employment.ts';
import { otherOutcomes, type ImpactWork } from './outcomes.ts';
import { assessment, dayOneAppointments, preReleaseVisits } from './pre-release.ts';
import { GATE_AFTER_LIBERATION, GATE_BEFORE_LIBERATION } from './shape.ts';
import type { TeamStaff } from './staff.ts';
import type { Custody } from './timeline.ts';
import type { World } from './world.ts';

export interface EpisodeProps {
  personId: string;
  custody: Custody;
  prisonId: string;
  prisonNumber: string;
  previousSentences: number;
  teamId: string | null;
  team: TeamStaff | null;
  prisonCoach: string | null;
  /** When the person goes back into custody after this liberation, knowing whether they mean to engage. */
  admission?: (liberatedOn: Day, engages: boolean) => Day | null;
}

/**
 * One sign-up and everything recorded on it: visits, assessment, plan, the gate, contacts, impact
 * evidence, closure. Returns its liberation, if it has one by today, with the person's next admission.
 */
export function synthesiseEpisode(random: Random, world: World, rows: Rows, props: EpisodeProps): Liberation | null {
  const { custody, admission } = props;
  const episodeId = world.ids.next();
  const communityCoach = props.team?.communityCoaches.length ? random.pick(props.team.communityCoaches) : null;
  const liberatedOn = custody.leavesOn <= world.asOf ? custody.leavesOn : null;
  const gateStatus = liberatedOn === null ? GATE_BEFORE_LIBERATION.pick(random) : GATE_AFTER_LIBERATION.pick(random);
  const support =
    liberatedOn === null
      ? null
      : communitySupport(random, world, rows, {
          episodeId,
          liberatedOn,
          metAtGate: gateStatus === 'met',
          nextSentencedOn: custody.nextSentencedOn,
          admission: admission && ((engages) => admission(liberatedOn, engages)),
          worker: communityCoach,
        });
  const work = { episodeId, custody, liberatedOn, support, prisonCoach: props.prisonCoach, communityCoach };
  const visits = preReleaseVisits(random, world, rows, work);
  assessment(random, world, rows, work, visits[0]);
  dayOneAppointments(random, world, rows, work);
  rows.episode.push({
    id: episodeId,
    programme_id: world.programmeId,
    person_id: props.personId,
    prison_id: props.prisonId,
    prison_number: props.prisonNumber,
    sentence_months: custody.sentenceMonths,
    sentenced_on: isoOf(custody.sentencedOn),
    expected_liberation_on: isoOf(custody.expectedLiberationOn),
    previous_sentences: props.previousSentences,
    signed_up_on: isoOf(custody.signedUpOn),
    team_id: props.teamId,
    liberated_on: liberatedOn === null ? null : isoOf(liberatedOn),
    liberation_type: liberatedOn === null ? null : liberationType(random, world, custody),
    gate_status: gateStatus,
    non_engagement_reason: support?.nonEngagementReason ?? null,
    closed_on: support?.closedOn ? isoOf(support.closedOn) : null,
    closure_reason: support?.closureReason ?? null,
  });
  const assigned = (workerId: string | null, part: string, fromOn: string) => {
    if (workerId) rows.assignment.push({ id: world.ids.next(), programme_id: world.programmeId, episode_id: episodeId, worker_id: workerId, part, from_on: fromOn, reason: 'Synthetic data' });
  };
  assigned(props.prisonCoach, 'prison_life_coach', isoOf(custody.signedUpOn));
  assigned(communityCoach, 'community_life_coach', isoOf(liberatedOn ?? custody.signedUpOn));
  if (support?.active) {
    const work: ImpactWork = { episodeId, active: support.active, jobStartOn: support.jobStartOn, worker: communityCoach, team: props.team };
    otherOutcomes(random, world, rows, work, employment(random, world, rows, work));
    distanceReadings(random, world, rows, work);
  }
  return liberatedOn === null ? null : { liberatedOn, admittedOn: support?.admittedOn ?? null };
}

function liberationType(random: Random, world: World, custody: Custody): string | null {
  if (custody.timing === 'early' && world.codes.liberation_type.has('early')) return 'early';
  return world.liberationTypes?.pick(random) ?? null;
}
