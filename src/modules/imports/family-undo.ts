import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { recordCount } from '../audit/record-words.ts';

/** The family tables an import writes, in the order undo removes their rows (a row before what it refers to). */
export const FAMILY_UNDO_ORDER = ['family_support_member', 'family_support', 'family_referral', 'family_member', 'family_client', 'family'] as const;

/**
 * What recorded since hangs on an import's families, members and support, or on the people it
 * brought in (a family linked to them), in words: undo is refused while any is there. Records the
 * import brought that have since been corrected or marked entered in error count too: undo would
 * take the correction with them. A family's records are indexed by programme and family, so
 * they are joined to it by both (its id alone could not use those indexes).
 */
export async function familyWorkInTheWay(db: Kysely<Database>, importId: string): Promise<string[]> {
  const later = (table: 'family_member' | 'family_referral' | 'family_client' | 'family_support' | 'family_outcome') =>
    sql<number>`(select count(*)::int from ${sql.table(table)} d join family f on f.programme_id = d.programme_id and f.id = d.family_id
      where f.import_id = ${importId} and d.import_id is distinct from ${importId})`;
  const changed = (table: 'family' | 'family_member' | 'family_referral' | 'family_support') =>
    sql<number>`(select count(*)::int from ${sql.table(table)} where import_id = ${importId} and (version > 1 or entered_in_error_at is not null))`;
  const result = await sql<Record<string, number>>`select
      ${later('family_member')} as members,
      ${later('family_referral')} as referrals,
      ${later('family_client')} as clients,
      ${later('family_support')} as support,
      ${later('family_outcome')} as outcomes,
      (select count(*)::int from family_support_member sm
        where sm.import_id is distinct from ${importId}
          and (sm.member_id in (select id from family_member where import_id = ${importId})
            or sm.support_id in (select id from family_support where import_id = ${importId}))) as took_part,
      ${changed('family')} + ${changed('family_member')} + ${changed('family_referral')} + ${changed('family_support')}
        + (select count(*)::int from family_client where import_id = ${importId} and entered_in_error_at is not null) as changed,
      (select count(*)::int from family_client c join person p on p.id = c.person_id
        where p.import_id = ${importId} and c.import_id is distinct from ${importId}) as linked_people`.execute(db);
  const counts = result.rows[0] ?? {};
  const inWords: Record<string, (n: number) => string> = {
    members: (n) => recordCount('family-member', n),
    referrals: (n) => recordCount('family-referral', n),
    clients: (n) => recordCount('family-client', n),
    support: (n) => recordCount('family-support', n),
    outcomes: (n) => recordCount('family-outcome', n),
    took_part: (n) => recordCount('family-support-member', n),
    changed: (n) => `${n} of its family records corrected or marked entered in error`,
    linked_people: (n) => (n === 1 ? '1 family linked to a person it brought in' : `${n} families linked to people it brought in`),
  };
  return Object.entries(inWords).flatMap(([key, words]) => (Number(counts[key] ?? 0) > 0 ? [words(Number(counts[key]))] : []));
}
