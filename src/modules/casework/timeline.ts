/** One event on a person's timeline: each module says what happened in its part of the journey. */
export interface TimelineEntry {
  on: string;
  title: string;
  detail?: string;
  href?: string;
  /** Where it falls in a day of the journey: a sign-up comes before a visit, liberation before the gate, before contacts, before closure. */
  rank: number;
  /** Entered in error: shown struck through. */
  struck?: boolean;
}

/** What a timeline entry entered in error says about it. */
export const inError = (reason: string | null) => (reason === null ? undefined : `Entered in error: ${reason}`);

export const RANK = { signUp: 0, visit: 1, appointment: 2, plan: 3, liberation: 4, gate: 5, contact: 6, correction: 7, closure: 9 } as const;

/** Newest first; within a day, later steps of the journey first; otherwise in the order given. */
export function sortTimeline(entries: TimelineEntry[]): TimelineEntry[] {
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => (a.entry.on !== b.entry.on ? (a.entry.on < b.entry.on ? 1 : -1) : b.entry.rank - a.entry.rank || a.index - b.index))
    .map(({ entry }) => entry);
}
