import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

export interface KnownEpisode {
  id: string;
  signedUpOn: string;
  closedOn: string | null;
  /** Closed by an import because a later sign-up began: its end moves if an earlier later one arrives. */
  closedByImport?: boolean;
  liberatedOn: string | null;
  /** The row of this file that creates it (not yet in the database when only checking). */
  row?: number;
}

/**
 * Each person's sign-ups, looked up a batch of people at a time, plus those this import adds. A
 * contact, visit or outcome belongs to the sign-up it happened in: the person's latest sign-up on
 * or before its date (so a contact after the person's next sign-up belongs to that one).
 */
export class EpisodeFinder {
  private readonly byPerson = new Map<string, KnownEpisode[]>();

  constructor(private readonly db: Kysely<Database>) {}

  async prefetch(personIds: Iterable<string>): Promise<void> {
    const wanted = [...new Set(personIds)].filter((id) => !this.byPerson.has(id));
    if (wanted.length === 0) return;
    for (const id of wanted) this.byPerson.set(id, []);
    const rows = await this.db
      .selectFrom('episode')
      .select([
        'id',
        'person_id',
        'signed_up_on as signedUpOn',
        'closed_on as closedOn',
        'liberated_on as liberatedOn',
        sql<boolean>`closed_by_import_id is not null`.as('closedByImport'),
      ])
      .where('person_id', 'in', wanted)
      .execute();
    for (const { person_id, ...episode } of rows) this.byPerson.get(person_id)?.push(episode);
    for (const id of wanted) this.byPerson.get(id)?.sort((a, b) => a.signedUpOn.localeCompare(b.signedUpOn));
  }

  of(personId: string): readonly KnownEpisode[] {
    return this.byPerson.get(personId) ?? [];
  }

  /** The sign-up a thing that happened on `day` belongs to, if any. */
  on(personId: string, day: string): KnownEpisode | undefined {
    return this.of(personId).findLast((e) => e.signedUpOn <= day);
  }

  add(personId: string, episode: KnownEpisode): void {
    // A new list of exactly its one sign-up: an empty one grown by push holds room for 17, and an
    // import keeps a list for each person its file brings in.
    const list = this.byPerson.get(personId);
    if (!list) {
      this.byPerson.set(personId, [episode]);
    } else {
      list.push(episode);
      list.sort((a, b) => a.signedUpOn.localeCompare(b.signedUpOn));
    }
  }
}
