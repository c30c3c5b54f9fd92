import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { LookupSource } from './fields.ts';
import { normalise } from './headers.ts';
import { workerForms } from './worker-names.ts';

/** One thing a looked-up value can be: a code (or id) and what people call it. */
export interface LookupOption {
  code: string;
  label: string;
  /** Other words that mean it, normalised. */
  words: string[];
  /** Words that mean it only when no other option has them too (a worker's first name or surname alone). */
  looseWords?: string[];
}

/** What the value map can say of a file's value: this option, or "not recorded" (''). */
export const NOT_RECORDED = '';

/** The options of each kind of lookup, for one programme. */
export async function lookupOptions(db: Kysely<Database>, programmeId: string, source: LookupSource): Promise<LookupOption[]> {
  switch (source.from) {
    case 'fixed':
      return source.options.map((o) => ({ code: o.code, label: o.label, words: [...o.words] }));
    case 'choice': {
      const rows = await db
        .selectFrom('choice')
        .select(['code', 'label'])
        .where('programme_id', '=', programmeId)
        .where('list', '=', source.list)
        .where('active', '=', true)
        .orderBy('sort_order')
        .execute();
      return rows.map((r) => ({ code: r.code, label: r.label, words: [normalise(r.code)] }));
    }
    case 'worker': {
      const rows = await db
        .selectFrom('app_user')
        .select(['id', 'display_name', 'email'])
        .where('programme_id', '=', programmeId)
        .where('active', '=', true)
        .orderBy('display_name')
        .execute();
      return rows.map((r) => ({ code: r.id, label: r.display_name, ...workerForms(r.display_name, r.email) }));
    }
    case 'prison': {
      const rows = await db
        .selectFrom('prison')
        .select(['id', 'name', 'code'])
        .where('programme_id', '=', programmeId)
        .where('active', '=', true)
        .orderBy('name')
        .execute();
      return rows.map((r) => ({ code: r.id, label: r.name, words: [...(r.code ? [normalise(r.code)] : []), normalise(r.name.replace(/^HMP(YOI)?\s+/i, ''))] }));
    }
    case 'local_authority':
    case 'team': {
      const rows = await db
        .selectFrom(source.from)
        .select(['id', 'name'])
        .where('programme_id', '=', programmeId)
        .where('active', '=', true)
        .orderBy('name')
        .execute();
      return rows.map((r) => ({ code: r.id, label: r.name, words: [normalise(r.name.replace(/ (council|team)$/i, ''))] }));
    }
  }
}

/**
 * The option a file's value means, without asking: the same label, code or word (case, spaces and
 * punctuation aside), else the one option whose label starts with it ("M" is Male,
 * "Phone" is "Phone call"). Undefined when that is not certain.
 */
export function matchOption(options: readonly LookupOption[], value: string): LookupOption | undefined {
  const wanted = normalise(value);
  if (wanted === '') return undefined;
  const exact = options.filter((o) => normalise(o.label) === wanted || o.words.includes(wanted));
  if (exact.length === 1) return exact[0];
  if (exact.length > 1) return undefined;
  const starting = options.filter((o) => normalise(o.label).startsWith(wanted));
  return starting.length === 1 ? starting[0] : undefined;
}
