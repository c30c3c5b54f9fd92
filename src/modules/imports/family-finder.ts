import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** A family a row names by the programme's reference: recorded, or created by an earlier row of this file. */
export interface KnownFamily {
  id: string;
  /** The reference as recorded (or as the family's first row wrote it). */
  reference: string;
  safeguardingNote: string | null;
  /** The row of this file that creates the family (none for a family recorded before). */
  firstRow?: number;
}

/** References are compared ignoring capitals and the spaces around them, as the database's unique index compares them. */
const familyKey = (reference: string) => reference.trim().toLowerCase();

/**
 * The programme's families by their own reference, looked up a batch of rows at a time (families
 * entered in error are not found), plus those this import creates.
 */
export class FamilyFinder {
  private readonly byKey = new Map<string, KnownFamily | null>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly programmeId: string,
  ) {}

  async prefetch(references: readonly (string | null)[]): Promise<void> {
    const wanted = [...new Set(references.flatMap((r) => (r ? [familyKey(r)] : [])))].filter((key) => !this.byKey.has(key));
    if (wanted.length === 0) return;
    for (const key of wanted) this.byKey.set(key, null);
    const rows = await this.db
      .selectFrom('family')
      .select(['id', 'reference', 'safeguarding_note as safeguardingNote'])
      .where('programme_id', '=', this.programmeId)
      .where((eb) => eb(eb.fn('lower', ['reference']), 'in', wanted))
      .where('entered_in_error_at', 'is', null)
      .execute();
    for (const row of rows) this.byKey.set(familyKey(row.reference as string), { ...row, reference: row.reference as string });
  }

  /** The family with this reference (call prefetch with the batch's references first). */
  get(reference: string): KnownFamily | undefined {
    return this.byKey.get(familyKey(reference)) ?? undefined;
  }

  add(family: KnownFamily): void {
    this.byKey.set(familyKey(family.reference), family);
  }
}

/** Rows grouped by family id, for what is loaded of a batch's families (their referrals, clients, members). */
export function groupByFamily<T extends { family_id: string }>(familyIds: readonly string[], rows: readonly T[]): Map<string, T[]> {
  const grouped = new Map<string, T[]>(familyIds.map((id) => [id, []]));
  for (const row of rows) grouped.get(row.family_id)?.push(row);
  return grouped;
}
