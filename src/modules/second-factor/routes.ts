import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { secondFactorAccountRoutes } from './account-routes.ts';
import { secondFactorAdminRoutes } from './admin-routes.ts';
import { secondFactorSignInRoutes } from './sign-in-routes.ts';

/** Second factor (TOTP and recovery codes): at sign-in, on the account page, and for administrators. */
export function secondFactorRoutes(app: FastifyInstance, services: Services) {
  secondFactorSignInRoutes(app, services);
  secondFactorAccountRoutes(app);
  secondFactorAdminRoutes(app, services);
}
