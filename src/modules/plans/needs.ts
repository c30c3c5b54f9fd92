import { sql } from 'kysely';
import type { NeedStatus } from '../../db/schema.ts';
import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import { NotFoundError, throwProblems, ValidationError, type FieldProblem } from '../../http/errors.ts';
import { audit } from '../audit/record.ts';
import { writableEpisode, type EpisodeRow } from '../casework/episodes.ts';
import { authorizePerson } from '../people/access.ts';
import { listChoices } from '../settings/lists.ts';
import { NEED_STATUSES, type AssessmentInput } from './schemas.ts';

/**
 * The need domains to choose from: those in use, and those `kept` (the domains of a sign-up's needs as
 * they stand) though no longer in use, so that a review carries a need on rather than ending it unasked.
 */
export const needDomains = (ctx: SignedInCtx, kept?: string[]) => listChoices(ctx, 'need_domain', kept);

/**
 * Needs are assessed more than once: the first assessment of a sign-up (by date) is its baseline,
 * later ones are reviews. Each is kept with the needs it found (assessment_need); `need` is each
 * need as it stands now, every status it has had kept in its history (append-only).
 */
/** An assessment cannot come before the sign-up. */
export const assessedOnProblems = (episode: EpisodeRow, assessedOn: string | undefined): FieldProblem[] =>
  assessedOn && assessedOn < episode.signed_up_on ? [{ field: 'assessedOn', message: 'The assessment must be on or after the sign-up date' }] : [];

export async function saveAssessment(props: { ctx: SignedInCtx; personId: string; episodeId: string; input: AssessmentInput }): Promise<string> {
  const { ctx, input } = props;
  await authorizePerson(ctx, props.personId, 'people.write');
  const episode = await writableEpisode(ctx, props.personId, props.episodeId);
  throwProblems(assessedOnProblems(episode, input.assessedOn));
  const { programmeId } = ctx.actor;
  return inTransaction(ctx, async (tx) => {
    // The sign-up's needs as they stand, read in the transaction that changes them: a review may
    // carry on one whose domain is no longer in use.
    const existing = await tx.db.selectFrom('need').select(['id', 'domain', 'identified', 'status']).where('programme_id', '=', programmeId).where('episode_id', '=', episode.id).execute();
    const known = new Set((await needDomains(tx, existing.filter((need) => need.identified).map((need) => need.domain))).map((d) => d.code));
    const unknown = input.needs.find((need) => !known.has(need.domain));
    if (unknown) throw new ValidationError([{ field: 'needs', message: `“${unknown.domain}” is not one of the programme’s need domains` }]);
    const assessment = await tx.db
      .insertInto('assessment')
      .values({ programme_id: programmeId, episode_id: episode.id, assessed_on: input.assessedOn, assessed_by: ctx.actor.userId, months_out_of_work: input.monthsOutOfWork ?? null })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (input.needs.length) {
      await tx.db
        .insertInto('assessment_need')
        .values(input.needs.map((need) => ({ programme_id: programmeId, assessment_id: assessment.id, episode_id: episode.id, domain: need.domain, status: need.status })))
        .execute();
    }
    const wanted = new Map(input.needs.map((need) => [need.domain, need.status]));
    for (const row of existing) {
      const status = wanted.get(row.domain);
      if (status === undefined && row.identified) {
        await tx.db.updateTable('need').set({ identified: false, updated_at: sql`now()`, version: sql`version + 1` }).where('programme_id', '=', programmeId).where('id', '=', row.id).execute();
      } else if (status !== undefined && (!row.identified || status !== row.status)) {
        await setStatus(tx, { needId: row.id, status, note: null });
      }
      wanted.delete(row.domain);
    }
    for (const [domain, status] of wanted) {
      const need = await tx.db
        .insertInto('need')
        .values({ programme_id: programmeId, episode_id: episode.id, domain, identified: true, status, notes: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordHistory(tx, { needId: need.id, status, note: null });
    }
    await audit(tx, { action: 'create', recordType: 'assessment', recordId: assessment.id, detail: { episodeId: episode.id } });
    return assessment.id;
  });
}

async function setStatus(ctx: SignedInCtx, props: { needId: string; status: NeedStatus; note: string | null }) {
  await ctx.db
    .updateTable('need')
    .set({ status: props.status, identified: true, updated_at: sql`now()`, version: sql`version + 1` })
    .where('programme_id', '=', ctx.actor.programmeId)
    .where('id', '=', props.needId)
    .execute();
  await recordHistory(ctx, props);
}

async function recordHistory(ctx: SignedInCtx, props: { needId: string; status: NeedStatus; note: string | null }) {
  await ctx.db.insertInto('need_status_change').values({ programme_id: ctx.actor.programmeId, need_id: props.needId, status: props.status, changed_by: ctx.actor.userId, note: props.note }).execute();
}

export async function changeNeedStatus(props: { ctx: SignedInCtx; personId: string; episodeId: string; needId: string; status: NeedStatus; note?: string }): Promise<void> {
  const { ctx } = props;
  await authorizePerson(ctx, props.personId, 'people.write');
  const episode = await writableEpisode(ctx, props.personId, props.episodeId);
  const need = await ctx.db.selectFrom('need').select(['id']).where('programme_id', '=', ctx.actor.programmeId).where('id', '=', props.needId).where('episode_id', '=', episode.id).executeTakeFirst();
  if (!need) throw new NotFoundError();
  await inTransaction(ctx, async (tx) => {
    await setStatus(tx, { needId: need.id, status: props.status, note: props.note ?? null });
    await audit(tx, { action: 'update', recordType: 'need', recordId: need.id, detail: { status: props.status } });
  });
}

/** How a need moved between the baseline and the latest review. */
function changeSince(baseline: NeedStatus | null, latest: NeedStatus | null): string {
  if (baseline === null && latest === null) return '';
  if (baseline === null) return 'New since the baseline';
  if (latest === null) return 'No longer a need';
  if (baseline === latest) return 'No change';
  return `${NEED_STATUSES[baseline]} to ${NEED_STATUSES[latest].toLowerCase()}`;
}

/**
 * A sign-up's needs: its assessments (the baseline first), the latest compared with the baseline
 * domain by domain, and each need as it stands now with the history of its status.
 */
export async function listNeeds(ctx: SignedInCtx, episodeId: string) {
  const { programmeId } = ctx.actor;
  const [assessments, found, domains, needs, history] = await Promise.all([
    ctx.db
      .selectFrom('assessment as a')
      .leftJoin('app_user as u', (j) => j.onRef('u.programme_id', '=', 'a.programme_id').onRef('u.id', '=', 'a.assessed_by'))
      .select(['a.id', 'a.assessed_on as assessedOn', 'a.months_out_of_work as monthsOutOfWork', 'u.display_name as assessedBy'])
      .where('a.programme_id', '=', programmeId)
      .where('a.episode_id', '=', episodeId)
      .orderBy('a.assessed_on')
      .orderBy('a.created_at')
      .execute(),
    ctx.db.selectFrom('assessment_need').select(['assessment_id', 'domain', 'status']).where('programme_id', '=', programmeId).where('episode_id', '=', episodeId).execute(),
    ctx.db.selectFrom('choice').select(['code', 'label']).where('programme_id', '=', programmeId).where('list', '=', 'need_domain').orderBy('sort_order').orderBy('label').execute(),
    ctx.db
      .selectFrom('need as n')
      .leftJoin('choice as d', (join) => join.onRef('d.programme_id', '=', 'n.programme_id').on('d.list', '=', 'need_domain').onRef('d.code', '=', 'n.domain'))
      .select(['n.id', 'n.domain', 'd.label as domainLabel', 'n.status', 'n.identified'])
      .where('n.programme_id', '=', programmeId)
      .where('n.episode_id', '=', episodeId)
      .orderBy('d.sort_order')
      .execute(),
    ctx.db
      .selectFrom('need_status_change as h')
      .innerJoin('need as n', (j) => j.onRef('n.programme_id', '=', 'h.programme_id').onRef('n.id', '=', 'h.need_id'))
      .leftJoin('app_user as u', (j) => j.onRef('u.programme_id', '=', 'h.programme_id').onRef('u.id', '=', 'h.changed_by'))
      .select(['h.need_id as needId', 'h.status', 'h.changed_at as changedAt', 'h.note', 'u.display_name as changedBy'])
      .where('n.programme_id', '=', programmeId)
      .where('n.episode_id', '=', episodeId)
      .orderBy('h.changed_at', 'desc')
      .orderBy('h.id', 'desc')
      .execute(),
  ]);
  const baseline = assessments[0] ?? null;
  const latest = assessments.at(-1) ?? null;
  const statusIn = (assessmentId: string | undefined, domain: string) => found.find((f) => f.assessment_id === assessmentId && f.domain === domain)?.status ?? null;
  const comparison = domains
    .map((d) => {
      const before = statusIn(baseline?.id, d.code);
      const now = statusIn(latest?.id, d.code);
      return { domain: d.code, label: d.label, baseline: before, latest: now, change: changeSince(before, now) };
    })
    .filter((row) => row.baseline !== null || row.latest !== null);
  return {
    assessments: assessments.map((a, index) => ({ ...a, kind: index === 0 ? ('baseline' as const) : ('review' as const) })),
    /** The latest assessment (the baseline when there is only one). */
    assessment: latest,
    baseline,
    comparison,
    needs: needs.map((need) => ({ ...need, history: history.filter((h) => h.needId === need.id) })),
  };
}
