import { walkSecondHalfNext } from '../support/route-walk.ts';

/**
 * The walk of every route as the second half of the roles, beside route-access.test.ts's first half
 * (tests/support/route-walk.ts): its rules, sample records and checks, loaded once the choice is made.
 * `npx vitest run --project integration tests/integration/route-access` runs both.
 */
walkSecondHalfNext();
await import('./route-access.test.ts');
