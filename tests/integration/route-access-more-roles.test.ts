import { routeWalk } from '../support/route-walk.ts';

/**
 * The walk of every route as the second half of the roles, beside route-access.test.ts's first half
 * (tests/support/route-walk.ts): its rules, sample records and checks, loaded once this file's part is set.
 * `npx vitest run --project integration tests/integration/route-access` runs both.
 */
routeWalk.part = 'second';
await import('./route-access.test.ts');
