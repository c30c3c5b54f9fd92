import { randomUUID } from 'node:crypto';
import fastifyFormbody from '@fastify/formbody';
import fastifyMultipart from '@fastify/multipart';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { enforceAccess, type RegisteredRoute } from './http/access.ts';
import { registerApiDocs } from './http/api-docs.ts';
import { handleErrors } from './http/error-handler.ts';
import { registerPageLocals } from './http/page-locals.ts';
import { registerSecurity } from './http/security.ts';
import { registerServerTiming } from './http/server-timing.ts';
import { refuseUnsavableText } from './http/unsavable-text.ts';
import { registerViews } from './http/views.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { clientRecordRoutes } from './modules/client-record/routes.ts';
import { redirectMergedRecords } from './modules/client-record/merged-redirect.ts';
import { custodyRoutes } from './modules/custody/routes.ts';
import { lawfulBasisRoutes } from './modules/lawful-basis/routes.ts';
import { engagementRoutes } from './modules/engagement/routes.ts';
import { appointmentRoutes } from './modules/appointments/routes.ts';
import { peopleRoutes } from './modules/people/routes.ts';
import { planRoutes } from './modules/plans/routes.ts';
import { authRoutes } from './modules/auth/routes.ts';
import { secondFactorRoutes } from './modules/second-factor/routes.ts';
import { healthRoutes } from './modules/health/routes.ts';
import { importRoutes } from './modules/imports/routes.ts';
import { homeRoutes } from './modules/home/routes.ts';
import { caseloadRoutes } from './modules/caseload/routes.ts';
import { referenceRoutes } from './modules/reference/routes.ts';
import { settingsRoutes } from './modules/settings/routes.ts';
import { reportRoutes } from './modules/reports/routes.ts';
import { userRoutes } from './modules/users/routes.ts';
import { apiTokenRoutes } from './modules/api-tokens/routes.ts';
import { programmeExportRoutes } from './modules/programme-export/routes.ts';
import { subjectAccessRoutes } from './modules/subject-access/routes.ts';
import { retentionRoutes } from './modules/retention/routes.ts';
import { researchExtractRoutes } from './modules/research-extract/routes.ts';
import { outcomeRoutes } from './modules/outcomes/routes.ts';
import { distanceRoutes } from './modules/distance/routes.ts';
import { employmentRoutes } from './modules/employment/routes.ts';
import { custodyReturnRoutes } from './modules/custody-returns/routes.ts';
import { returnReportRoutes } from './modules/returns/routes.ts';
import { aboutRoutes } from './modules/about/routes.ts';
import { agencyRoutes } from './modules/agencies/routes.ts';
import { notificationRoutes } from './modules/notifications/routes.ts';
import { referralPortalRoutes } from './modules/referrals/portal/routes.ts';
import { referralRoutes } from './modules/referrals/routes.ts';
import { referralReportRoutes } from './modules/referral-reports/routes.ts';
import { familySupportReportRoutes } from './modules/family-support-report/routes.ts';
import { familyRoutes } from './modules/families/routes.ts';
import { funderReturnRoutes } from './modules/funder-returns/routes.ts';
import { staffRoutes } from './modules/staff/routes.ts';
import { supervisionRoutes } from './modules/supervision/routes.ts';
import { teamComparisonRoutes } from './modules/team-comparison/routes.ts';
import type { Services } from './services.ts';

export interface App {
  app: FastifyInstance;
  /** Every route with the access it declares: the authorization test walks this table. */
  routes: RegisteredRoute[];
}

/** Logs carry the route and status, never a query string, body, cookie or token. */
function loggerOptions(services: Services): FastifyServerOptions['logger'] {
  if (services.config.logLevel === 'silent') return false;
  return {
    level: services.config.logLevel,
    // Where the lines go: standard output, unless a test reads them.
    ...(services.logStream ? { stream: services.logStream } : {}),
    redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
    serializers: {
      req: (request) => ({ method: request.method, url: request.url.split('?')[0], requestId: request.id }),
    },
  };
}

/** Builds the app from its services; closing the app closes the database too. */
export async function createApp(services: Services): Promise<App> {
  const app = Fastify({
    logger: loggerOptions(services),
    genReqId: () => randomUUID(),
    bodyLimit: services.config.bodyLimitBytes,
    trustProxy: services.config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  registerServerTiming(app, services.config.serverTiming);
  await registerSecurity(app, services.config);
  const routes = enforceAccess(app, services);
  refuseUnsavableText(app);
  await app.register(fastifyFormbody, { bodyLimit: services.config.bodyLimitBytes });
  // Uploads (spreadsheets to import, an outcome's evidence): one file, up to the configured size, read
  // by the route, with the form's other fields (the outcome form sends 10; room for a few more).
  await app.register(fastifyMultipart, { limits: { fileSize: services.config.import.maxBytes, files: 1, fields: 20, parts: 22 } });
  await registerViews(app);
  await registerApiDocs(app);
  registerPageLocals(app, services);
  handleErrors(app);
  redirectMergedRecords(app);

  const modules = [healthRoutes, authRoutes, secondFactorRoutes, homeRoutes, caseloadRoutes, peopleRoutes, clientRecordRoutes, custodyRoutes, lawfulBasisRoutes, engagementRoutes, appointmentRoutes, planRoutes, userRoutes, apiTokenRoutes, referenceRoutes, settingsRoutes, auditRoutes, reportRoutes, importRoutes, programmeExportRoutes, subjectAccessRoutes, retentionRoutes, researchExtractRoutes, outcomeRoutes, distanceRoutes, employmentRoutes, custodyReturnRoutes, returnReportRoutes, aboutRoutes, agencyRoutes, notificationRoutes, referralPortalRoutes, referralRoutes, referralReportRoutes, familySupportReportRoutes, familyRoutes, funderReturnRoutes, staffRoutes, supervisionRoutes, teamComparisonRoutes];
  for (const register of modules) {
    await app.register(async (scope) => register(scope, services));
  }
  app.addHook('onClose', () => services.database.close());
  await app.ready();
  return { app, routes };
}
