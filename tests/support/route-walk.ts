/**
 * The walk of every route as every role (tests/integration/route-access.test.ts) takes seconds a
 * role, so two test files share it and run side by side: route-access.test.ts, which holds the rules,
 * the sample records and the checks of the table itself, walks as the first half of the visitors;
 * route-access-more-roles.test.ts calls walkSecondHalfNext() and then loads it, to walk as the rest.
 *
 * The choice is taken (and cleared) as route-access.test.ts is collected, not kept: the test runs
 * with --no-isolate, where this module outlives a test file, so a choice kept here once walked the
 * second half twice in one worker (route-access.test.ts after the other file) and the first never.
 */
let secondHalfNext = false;

/** The next collection of route-access.test.ts walks as the second half of the visitors. */
export function walkSecondHalfNext(): void {
  secondHalfNext = true;
}

/** This collection's visitors: anonymous and the first roles, or, once asked for, the others (the split keeps the heavier walks apart). */
export function walkers<R extends string>(roles: readonly R[]): ('anonymous' | R)[] {
  const everyone: ('anonymous' | R)[] = ['anonymous', ...roles];
  const half = Math.floor(everyone.length / 2);
  const second = secondHalfNext;
  secondHalfNext = false;
  return second ? everyone.slice(half) : everyone.slice(0, half);
}
