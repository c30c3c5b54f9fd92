/**
 * The walk of every route as every role (tests/integration/route-access.test.ts) takes seconds a
 * role, so two test files share it and run side by side: route-access.test.ts, which holds the rules,
 * the sample records and the checks of the table itself, walks as the first half of the visitors;
 * route-access-more-roles.test.ts sets `part` and then loads it, to walk as the rest. Each test file
 * has modules of its own (vitest isolates files), so the choice holds for that file alone.
 */
export const routeWalk: { part: 'first' | 'second' } = { part: 'first' };

/** This file's visitors: anonymous and the first roles, or the others (the split keeps the heavier walks apart). */
export function walkers<R extends string>(roles: readonly R[]): ('anonymous' | R)[] {
  const everyone: ('anonymous' | R)[] = ['anonymous', ...roles];
  const half = Math.floor(everyone.length / 2);
  return routeWalk.part === 'first' ? everyone.slice(0, half) : everyone.slice(half);
}
