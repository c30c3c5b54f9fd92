import type { Kysely } from 'kysely';
import type { ChoiceList, Database, OutcomeCategory } from '../../db/schema.ts';

/** What synthetic data is built from: the programme's own active reference data and lists. */
export interface ProgrammeReference {
  programmeId: string;
  slug: string;
  timeZone: string;
  teams: { id: string; name: string; areaId: string | null }[];
  localAuthorities: { id: string; name: string; areaId: string }[];
  prisons: { id: string; name: string }[];
  choices: Record<ChoiceList, { code: string; label: string }[]>;
  /** What each of the programme's active outcome types counts as (outcome_type_rule). */
  outcomeRules: { code: string; category: OutcomeCategory; hard: boolean; evidenceKind: string | null }[];
  /** The weeks after a job start at which someone is checked to be still in work. */
  inWorkCheckWeeks: number[];
}

export async function loadReference(db: Kysely<Database>, slug: string): Promise<ProgrammeReference> {
  const programme = await db.selectFrom('programme').select(['id', 'time_zone', 'in_work_check_weeks']).where('slug', '=', slug).executeTakeFirst();
  if (!programme) throw new Error(`No programme "${slug}" (for the demo programme, run \`throughcare seed\` first)`);
  const programmeId = programme.id;
  const [teams, localAuthorities, prisons, choiceRows, rules] = await Promise.all([
    db.selectFrom('team').select(['id', 'name', 'area_id']).where('programme_id', '=', programmeId).where('active', '=', true).orderBy('name').execute(),
    db.selectFrom('local_authority').select(['id', 'name', 'area_id']).where('programme_id', '=', programmeId).where('active', '=', true).orderBy('name').execute(),
    db.selectFrom('prison').select(['id', 'name']).where('programme_id', '=', programmeId).where('active', '=', true).orderBy('name').execute(),
    db.selectFrom('choice').select(['list', 'code', 'label']).where('programme_id', '=', programmeId).where('active', '=', true).orderBy('list').orderBy('sort_order').orderBy('code').execute(),
    db.selectFrom('outcome_type_rule').select(['code', 'category', 'hard', 'evidence_kind']).where('programme_id', '=', programmeId).orderBy('code').execute(),
  ]);
  if (prisons.length === 0) throw new Error(`Programme "${slug}" has no prisons: add some before generating data`);
  const choices: ProgrammeReference['choices'] = { need_domain: [], contact_type: [], non_engagement_reason: [], closure_reason: [], liberation_type: [], gender: [], outcome_type: [], evidence_kind: [], distance_area: [], lawful_basis: [], offence_data_condition: [], health_data_condition: [], family_support_type: [], family_referral_source: [], family_closure_reason: [], family_relationship: [], disclosure_type: [] };
  for (const row of choiceRows) choices[row.list].push({ code: row.code, label: row.label });
  if (choices.contact_type.length === 0) throw new Error(`Programme "${slug}" has no contact types: add some before generating data`);
  return {
    programmeId,
    slug,
    timeZone: programme.time_zone,
    teams: teams.map((t) => ({ id: t.id, name: t.name, areaId: t.area_id })),
    localAuthorities: localAuthorities.map((la) => ({ id: la.id, name: la.name, areaId: la.area_id })),
    prisons,
    choices,
    outcomeRules: rules
      .filter((rule) => choices.outcome_type.some((type) => type.code === rule.code))
      .map((rule) => ({ code: rule.code, category: rule.category, hard: rule.hard, evidenceKind: rule.evidence_kind })),
    inWorkCheckWeeks: [...programme.in_work_check_weeks].sort((a, b) => a - b),
  };
}
