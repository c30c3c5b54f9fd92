import type { Kysely } from 'kysely';
import type { Database, OutcomeCategory } from '../db/schema.ts';

/** The outcome types job starts and in-work checks record: every programme has them. */
export const JOB_OUTCOME_TYPES = { jobStart: 'job_start', sustainedJob: 'sustained_job' } as const;

interface Rule {
  category: OutcomeCategory;
  hard: boolean;
  needDomain: string | null;
  evidenceKind: string | null;
  mustVerify: boolean;
}

/**
 * The evaluation's framework for the starter outcome types: every easily quantifiable outcome is
 * hard (a job, training, education, a home, a service accessed, benefits, debt tackled); a job
 * counts only once verified, as does a tenancy. Volunteering and family contact are soft.
 */
const STARTER_RULES: Record<string, Rule> = {
  job_start: { category: 'employment', hard: true, needDomain: 'employability', evidenceKind: 'employer_letter', mustVerify: true },
  sustained_job: { category: 'employment', hard: true, needDomain: 'employability', evidenceKind: 'payslip', mustVerify: true },
  training: { category: 'training', hard: true, needDomain: 'employability', evidenceKind: 'enrolment_confirmation', mustVerify: false },
  education: { category: 'education', hard: true, needDomain: 'education', evidenceKind: 'enrolment_confirmation', mustVerify: false },
  volunteering: { category: 'volunteering', hard: false, needDomain: 'employability', evidenceKind: null, mustVerify: false },
  accommodation: { category: 'accommodation', hard: true, needDomain: 'accommodation', evidenceKind: 'tenancy_agreement', mustVerify: true },
  health_service: { category: 'health', hard: true, needDomain: 'health', evidenceKind: 'agency_confirmation', mustVerify: false },
  benefits: { category: 'benefits', hard: true, needDomain: 'finance', evidenceKind: 'award_letter', mustVerify: false },
  debt: { category: 'debt', hard: true, needDomain: 'finance', evidenceKind: null, mustVerify: false },
  family_contact: { category: 'family', hard: false, needDomain: 'family', evidenceKind: null, mustVerify: false },
};

const OTHER: Rule = { category: 'other', hard: true, needDomain: null, evidenceKind: null, mustVerify: false };

/**
 * Gives the programme the two job outcome types if it lacks them, and every outcome type without a
 * rule its starter rule (or "other, hard" for a type the starter does not know). A need domain or
 * kind of evidence the programme's lists lack is left empty. Leaves administrators' rules alone.
 */
export async function ensureOutcomeFramework(db: Kysely<Database>, programmeId: string): Promise<void> {
  await db
    .insertInto('choice')
    .values([
      { programme_id: programmeId, list: 'outcome_type', code: JOB_OUTCOME_TYPES.jobStart, label: 'Job start', sort_order: 0 },
      { programme_id: programmeId, list: 'outcome_type', code: JOB_OUTCOME_TYPES.sustainedJob, label: 'Job sustained', sort_order: 1 },
    ])
    .onConflict((oc) => oc.columns(['programme_id', 'list', 'code']).doNothing())
    .execute();
  const choices = await db.selectFrom('choice').select(['list', 'code']).where('programme_id', '=', programmeId).execute();
  const has = (list: string, code: string | null) => code !== null && choices.some((choice) => choice.list === list && choice.code === code);
  const rows = choices
    .filter((choice) => choice.list === 'outcome_type')
    .map(({ code }) => {
      const rule = STARTER_RULES[code] ?? OTHER;
      return {
        programme_id: programmeId,
        code,
        category: rule.category,
        hard: rule.hard,
        need_domain: has('need_domain', rule.needDomain) ? rule.needDomain : null,
        evidence_kind: has('evidence_kind', rule.evidenceKind) ? rule.evidenceKind : null,
        must_verify: rule.mustVerify,
      };
    });
  await db.insertInto('outcome_type_rule').values(rows).onConflict((oc) => oc.columns(['programme_id', 'code']).doNothing()).execute();
}
