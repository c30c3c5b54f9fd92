import { nameKey } from '../people/names.ts';
import type { LookupOption } from './lookups.ts';

/**
 * The ways spreadsheets write a user's name ("Alan Reid", "A. Reid", "Reid, Alan", "Reid A",
 * "alan.reid@..."): the forms that name them fully, and (looser) their first name or surname alone.
 * Names are keys as person search makes them (case, accents, punctuation and Mc/Mac aside).
 */
export function workerForms(displayName: string, email: string): Pick<LookupOption, 'words' | 'looseWords'> {
  const parts = nameKey(displayName).split(' ').filter(Boolean);
  const first = parts[0] ?? '';
  const last = parts[parts.length - 1] ?? '';
  const full = parts.join(' ');
  const local = nameKey((email.split('@')[0] ?? '').replace(/[._]+/g, ' '));
  if (parts.length < 2) return { words: [full, local].filter(Boolean), looseWords: [] };
  return {
    words: [...new Set([full, `${first[0]} ${last}`, `${last} ${first}`, `${last} ${first[0]}`, `${first} ${last[0]}`, local].filter(Boolean))],
    looseWords: [first, last],
  };
}

/** Whether two keys differ by at most one letter added, dropped, changed or swapped with its neighbour. */
function oneSlip(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  const rest = (x: string, from: number) => x.slice(from);
  if (a.length === b.length) {
    if (rest(a, i + 1) === rest(b, i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && rest(a, i + 2) === rest(b, i + 2);
  }
  return a.length > b.length ? rest(a, i + 1) === rest(b, i) : rest(a, i) === rest(b, i + 1);
}

/**
 * The user a file's worker name certainly means, with tolerance: one of the forms that name a user
 * fully; else a first name or surname that only one user has; else a full name one slip of the pen
 * away ("Alan Ried") from only one user's. Undefined when no user, or more than one, fits: the user
 * importing then says who it is, or the name is kept as the file wrote it.
 */
export function matchWorker(options: readonly LookupOption[], value: string): LookupOption | undefined {
  const wanted = nameKey(value);
  if (wanted === '') return undefined;
  const tries: ((o: LookupOption) => boolean)[] = [
    (o) => o.words.includes(wanted),
    (o) => (o.looseWords ?? []).includes(wanted),
    (o) => wanted.length >= 6 && oneSlip(o.words[0] ?? '', wanted),
  ];
  for (const fits of tries) {
    const found = options.filter(fits);
    if (found.length === 1) return found[0];
    if (found.length > 1) return undefined;
  }
  return undefined;
}
