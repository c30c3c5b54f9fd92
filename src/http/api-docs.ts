import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/** The OpenAPI 3.1 document, generated from the API routes' zod schemas, and its explorer at /api/docs. */
export async function registerApiDocs(app: FastifyInstance) {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Throughcare API',
        version: '1.0.0',
        description:
          'JSON API for integrations. Authenticate with `Authorization: Bearer <token>`. Each user makes their own tokens (Your account, API tokens): a token acts only as them, expires (after 90 days unless they chose sooner; a year at most), and a read-only token is refused (403) any POST, PUT, PATCH or DELETE. Errors are application/problem+json documents.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: (input) =>
      input.url.startsWith('/api/v1') ? jsonSchemaTransform(input) : { schema: { ...input.schema, hide: true }, url: input.url },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });
}
