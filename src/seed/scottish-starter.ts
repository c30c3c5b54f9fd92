import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { ensureDefaultChoices } from './default-choices.ts';
import { ROOP } from './roop.ts';

/**
 * The Scottish starter configuration: Routes out of Prison's configurable lists, its seven prisons,
 * and its four community justice areas with their local authorities. No teams and no users: the
 * demo seed adds Routes out of Prison's own, a new programme's administrator adds theirs. The
 * programme rules (eligible sentences, days without contact) are the programme row's defaults.
 * Returns the ids of the areas by name, for whoever adds teams to them.
 */
export async function addScottishStarter(db: Kysely<Database>, programmeId: string): Promise<Map<string, string>> {
  await ensureDefaultChoices(db, programmeId);
  await db
    .insertInto('prison')
    .values(ROOP.prisons.map((name) => ({ programme_id: programmeId, name, code: null })))
    .execute();
  const areaIds = new Map<string, string>();
  for (const [areaName, authorities] of Object.entries(ROOP.areas)) {
    const area = await db.insertInto('area').values({ programme_id: programmeId, name: areaName }).returning('id').executeTakeFirstOrThrow();
    areaIds.set(areaName, area.id);
    await db
      .insertInto('local_authority')
      .values(authorities.map((name) => ({ programme_id: programmeId, area_id: area.id, name })))
      .execute();
  }
  return areaIds;
}
