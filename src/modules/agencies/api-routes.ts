import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { apiOf, problemResponses } from '../../http/api.ts';
import { audit } from '../audit/record.ts';
import { findOrganisation } from './directory.ts';
import { ctxOf } from './form-route.ts';
import { exportDirectory } from './hsds-export.ts';
import { importDirectory } from './hsds-import.ts';
import { organisationDetails, searchDirectory } from './search.ts';

const tags = ['Agencies'];
const optionalId = z.uuid().optional();

const serviceJson = z.object({
  id: z.uuid(),
  name: z.string(),
  eligibility: z.string().nullable(),
  lastCheckedOn: z.string().nullable(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  needDomains: z.array(z.string()),
  areas: z.array(z.string()),
  stale: z.boolean().describe('Its details were last checked too long ago (or never)'),
});

const organisationJson = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  email: z.string().nullable(),
  website: z.string().nullable(),
  active: z.boolean(),
  services: z.array(z.object({ id: z.uuid(), name: z.string(), status: z.string(), needDomains: z.array(z.string()), areas: z.array(z.string()), lastCheckedOn: z.string().nullable() })),
  locations: z.array(z.object({ id: z.uuid(), name: z.string(), address1: z.string(), address2: z.string().nullable(), city: z.string(), postcode: z.string() })),
});

/** The agency directory over the API: the caseworkers' search, an organisation, and the HSDS 3.0 exchange. */
export function agencyApiRoutes(app: FastifyInstance) {
  const api = apiOf(app);

  api.get('/api/v1/agencies/services', {
    config: { access: 'agencies.read' },
    schema: {
      tags,
      summary: 'Search the directory’s open services by name, need domain and area (at most 500)',
      querystring: z.object({ name: z.string().trim().max(200).optional(), needDomain: z.string().max(40).optional(), areaId: optionalId, localAuthorityId: optionalId }),
      response: { 200: z.object({ services: z.array(serviceJson) }), ...problemResponses },
    },
  }, async (request) => {
    const services = await searchDirectory(ctxOf(request), request.query);
    return { services: services.map(({ id, name, eligibility, lastCheckedOn, organisationId, organisationName, needDomains, areas, stale }) => ({ id, name, eligibility, lastCheckedOn, organisationId, organisationName, needDomains, areas, stale })) };
  });

  api.get('/api/v1/agencies/organisations/:organisationId', {
    config: { access: 'agencies.read' },
    schema: { tags, summary: 'An organisation of the directory, with its services and locations', params: z.object({ organisationId: z.uuid() }), response: { 200: organisationJson, ...problemResponses } },
  }, async (request) => {
    const ctx = ctxOf(request);
    const organisation = await findOrganisation(ctx, request.params.organisationId);
    const details = await organisationDetails(ctx, organisation.id);
    return {
      id: organisation.id,
      name: organisation.name,
      description: organisation.description,
      email: organisation.email,
      website: organisation.website,
      active: organisation.active,
      services: details.services.map(({ id, name, status, needDomains, areas, lastCheckedOn }) => ({ id, name, status, needDomains, areas, lastCheckedOn })),
      locations: details.locations.map(({ id, name, address1, address2, city, postcode }) => ({ id, name, address1, address2, city, postcode })),
    };
  });

  api.get('/api/v1/agencies/hsds', {
    config: { access: 'agencies.write' },
    schema: { tags, summary: 'The whole directory as Open Referral HSDS 3.0 organisations (JSON)', response: { 200: z.array(z.record(z.string(), z.unknown())), ...problemResponses } },
  }, async (request) => {
    const ctx = ctxOf(request);
    const directory = await exportDirectory(ctx);
    await audit(ctx, { action: 'export', recordType: 'agency-directory', detail: { format: 'json', organisations: directory.length, via: 'api' } });
    return directory;
  });

  api.post('/api/v1/agencies/hsds', {
    config: { access: 'agencies.write' },
    schema: {
      tags,
      summary: 'Import a directory of HSDS 3.0 organisations (JSON): ids kept, so importing again updates; all or nothing',
      body: z.unknown(),
      response: { 200: z.object({ organisations: z.number().int(), services: z.number().int() }), ...problemResponses },
    },
  }, async (request) => importDirectory(ctxOf(request), request.body));
}
