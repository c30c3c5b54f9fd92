import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { engagementReportRoutes } from './engagement-routes.ts';
import { funnelReportRoutes } from './funnel-routes.ts';
import { outcomesReportRoutes } from './outcomes-routes.ts';

/** Programme reports: aggregate figures, no names. */
export function reportRoutes(app: FastifyInstance, _services: Services) {
  engagementReportRoutes(app);
  outcomesReportRoutes(app);
  funnelReportRoutes(app);
}
