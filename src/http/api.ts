import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

/** The API routes' builder: zod schemas validate input and document the route in OpenAPI. */
export const apiOf = (app: FastifyInstance) => app.withTypeProvider<ZodTypeProvider>();

/** The shape of every API error (RFC 9457), for the OpenAPI document. */
export const problemJson = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  instance: z.string(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});

export const problemResponses = {
  400: problemJson.describe('Invalid input: nothing was changed'),
  401: problemJson.describe('No valid API token: missing, wrong, expired or revoked'),
  403: problemJson.describe('The token’s user may not do this, or the token may only read'),
  404: problemJson.describe('No such record in your programme'),
  409: problemJson.describe('The record changed since the version you sent'),
};
