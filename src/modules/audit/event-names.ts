import { sql } from 'kysely';
import type { SignedInCtx } from '../../http/context.ts';
import type { DescribedEvent, EventNames } from './event-words.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const detailOf = (event: DescribedEvent) => (event.detail && typeof event.detail === 'object' ? (event.detail as Record<string, unknown>) : {});
const idOr = (value: unknown) => (typeof value === 'string' && UUID.test(value) ? value : undefined);

/** Every id anywhere in a detail (a worker, a prison of a filter...), to name the users and places among them. */
function idsIn(value: unknown): string[] {
  if (typeof value === 'string') return UUID.test(value) ? [value] : [];
  if (Array.isArray(value)) return value.length > 50 ? [] : value.flatMap(idsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(idsIn);
  return [];
}

/**
 * The names a page of audit events needs. A person is named only where the viewer may see them (the
 * database's can_see_person(), the one rule every list uses), else null ("a person"); the person is
 * the event's record, or the person of its sign-up. Users, prisons, teams and areas are named
 * always: staff and places are not client records.
 */
export async function eventNames(ctx: SignedInCtx, events: readonly DescribedEvent[]) {
  const { actor } = ctx;
  const episodeOf = (event: DescribedEvent) =>
    event.record_type === 'episode' ? idOr(event.record_id) : idOr(detailOf(event).episodeId);
  const episodeIds = [...new Set(events.flatMap((event) => episodeOf(event) ?? []))];
  const episodes = episodeIds.length
    ? await ctx.db.selectFrom('episode').select(['id', 'person_id']).where('programme_id', '=', actor.programmeId).where('id', 'in', episodeIds).execute()
    : [];
  const personOfEpisode = new Map(episodes.map((episode) => [episode.id, episode.person_id]));
  const personOf = (event: DescribedEvent) => {
    if (event.record_type === 'person') return idOr(event.record_id);
    const episodeId = episodeOf(event);
    return (episodeId && personOfEpisode.get(episodeId)) ?? idOr(detailOf(event).personId);
  };
  const personIds = [...new Set(events.flatMap((event) => personOf(event) ?? []))];
  const people = personIds.length
    ? await ctx.db
        .selectFrom('person as p')
        .select(['p.id', 'p.first_name', 'p.last_name'])
        .select(sql<boolean>`can_see_person(${actor.programmeId}::uuid, p.id, ${actor.userId}::uuid, ${actor.role}::text, ${actor.teamId}::uuid)`.as('visible'))
        .where('p.programme_id', '=', actor.programmeId)
        .where('p.id', 'in', personIds)
        .execute()
    : [];
  const visible = new Map(people.filter((person) => person.visible).map((person) => [person.id, `${person.first_name} ${person.last_name}`]));

  const otherIds = [...new Set(events.flatMap((event) => [...(event.record_type === 'user' ? idsIn(event.record_id) : []), ...idsIn(event.detail)]))];
  const named = otherIds.length
    ? await ctx.db
        .selectFrom('app_user')
        .select(['id', 'display_name as name'])
        .where('programme_id', '=', actor.programmeId)
        .where('id', 'in', otherIds)
        .unionAll((db) => db.selectFrom('prison').select(['id', 'name']).where('programme_id', '=', actor.programmeId).where('id', 'in', otherIds))
        .unionAll((db) => db.selectFrom('team').select(['id', 'name']).where('programme_id', '=', actor.programmeId).where('id', 'in', otherIds))
        .unionAll((db) => db.selectFrom('area').select(['id', 'name']).where('programme_id', '=', actor.programmeId).where('id', 'in', otherIds))
        .execute()
    : [];
  const users = new Map(named.map((row) => [row.id, row.name]));

  return {
    /** The names for one event of the page. */
    of: (event: DescribedEvent): EventNames => {
      const personId = personOf(event);
      return { person: personId ? (visible.get(personId) ?? null) : undefined, users };
    },
    /** The people the page names, for its audit event. */
    shownPersonIds: [...visible.keys()],
  };
}
