import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { importCheckRoutes } from './check-routes.ts';
import { Jobs } from './jobs.ts';
import { importLeftOutRoutes } from './left-out-routes.ts';
import { importPageRoutes } from './page-routes.ts';

export function importRoutes(app: FastifyInstance, services: Services) {
  const jobs = new Jobs(app.log);
  importPageRoutes(app, services, jobs);
  importCheckRoutes(app, services, jobs);
  importLeftOutRoutes(app);
}
