import type { RowKind } from '../../db/schema.ts';
import { ValidationError } from '../../http/errors.ts';

/** The key in a batch's decisions of the answer for every unsure row at once. */
export const ALL_UNSURE = '*';

/** An answer for every unsure row: all are new people, or each is the one recorded person listed with it. */
export type AllUnsure = 'new' | 'listed';

/** The answers for all unsure rows that a kind of rows can take: a return to custody cannot bring in someone new. */
export const allUnsureAnswers = (kind: RowKind): readonly AllUnsure[] => (kind === 'custody_returns' ? ['listed'] : ['new', 'listed']);

/**
 * What the user said an unsure row's person is: their answer for the row itself, else their answer
 * for all unsure rows (`'new'`, or the recorded person when exactly one is listed with the row; a row
 * with several stays for the user to decide). A person's id, 'new', or undefined (not decided).
 */
export function decisionFor(decisions: Readonly<Record<string, string>>, rowNumber: number, candidates: readonly { id: string }[]): string | undefined {
  const own = decisions[String(rowNumber)];
  if (own) return own;
  const all = decisions[ALL_UNSURE];
  if (all === 'new') return 'new';
  if (all === 'listed' && candidates.length === 1) return candidates[0]?.id;
  return undefined;
}

const ALL_UNSURE_LABELS: Record<'row' | AllUnsure, { text: string; hint?: string }> = {
  row: { text: 'Decide row by row' },
  new: { text: 'All are new people', hint: 'Each becomes a new person (a row you answer on its own keeps your answer)' },
  listed: { text: 'Each is the recorded person listed with it', hint: 'Rows with several recorded people listed stay for you to decide, below' },
};

/** The check page's choice for all unsure rows, the batch's answer (or row by row) chosen. */
export function allUnsureItems(kind: RowKind, decisions: Readonly<Record<string, string>>) {
  const chosen = decisions[ALL_UNSURE] ?? 'row';
  return (['row', ...allUnsureAnswers(kind)] as const).map((value) => {
    const { text, hint } = ALL_UNSURE_LABELS[value];
    return { value, text, ...(hint ? { hint: { text: hint } } : {}), checked: value === chosen };
  });
}

/**
 * The batch's decisions with the user's answer for all unsure rows (`unsureAll`): row by row takes
 * the answer away; an answer the kind of rows cannot take is refused.
 */
export function withAllUnsure(decisions: Readonly<Record<string, string>>, kind: RowKind | null, answer: unknown): Record<string, string> {
  if (answer === undefined) return { ...decisions };
  const rows = Object.fromEntries(Object.entries(decisions).filter(([key]) => key !== ALL_UNSURE));
  if (answer === 'row') return rows;
  if (kind && typeof answer === 'string' && (allUnsureAnswers(kind) as readonly string[]).includes(answer)) return { ...rows, [ALL_UNSURE]: answer };
  throw new ValidationError([{ field: 'unsureAll', message: 'Choose how to decide the rows that may be someone recorded' }]);
}
