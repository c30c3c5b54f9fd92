import type { FastifyInstance } from 'fastify';
import { userApiRoutes } from './api-routes.ts';
import { userPageRoutes } from './page-routes.ts';
import type { Services } from '../../services.ts';

export function userRoutes(app: FastifyInstance, _services: Services) {
  userPageRoutes(app);
  userApiRoutes(app);
}
