import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { personApiRoutes } from './api-routes.ts';
import { personPageRoutes } from './page-routes.ts';

export function peopleRoutes(app: FastifyInstance, _services: Services) {
  personPageRoutes(app);
  personApiRoutes(app);
}
