import type { FastifyInstance } from 'fastify';
import { funderReturnApiRoutes } from './api-routes.ts';
import { returnRoutes } from './return-routes.ts';
import { templateRoutes } from './template-routes.ts';

/** Funder returns (issue 16): templates, producing and reading returns, year on year, and the API. */
export function funderReturnRoutes(app: FastifyInstance) {
  templateRoutes(app);
  returnRoutes(app);
  funderReturnApiRoutes(app);
}
