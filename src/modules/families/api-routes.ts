import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { apiOf, problemResponses } from '../../http/api.ts';
import type { SignedInCtx } from '../../http/context.ts';
import { familyParams } from './form-route.ts';
import { FAMILY_PAGE_SIZE, familyPage, listFamilies } from './queries.ts';

const tags = ['Families'];
const inError = z.string().nullable().describe('Set when it was entered in error: it counts nowhere');

const familySummary = z.object({
  id: z.uuid(),
  name: z.string(),
  reference: z.string().nullable(),
  teamName: z.string(),
  coordinatorName: z.string().nullable(),
  safeguarding: z.boolean(),
  state: z.string().describe('Where the latest referral has got to, in words'),
});

const familyDetail = z.object({
  id: z.uuid(),
  name: z.string(),
  reference: z.string().nullable(),
  teamId: z.uuid(),
  teamName: z.string().nullable(),
  coordinatorId: z.uuid().nullable(),
  coordinatorName: z.string().nullable(),
  safeguarding: z.boolean(),
  safeguardingNote: z.string().nullable(),
  version: z.number().int(),
  members: z.array(
    z.object({
      id: z.uuid(),
      firstName: z.string(),
      lastName: z.string().nullable(),
      relationship: z.string(),
      dateOfBirth: z.string().nullable(),
      ageGroup: z.enum(['adult', 'child']).nullable(),
      child: z.boolean().describe('A child today: by date of birth, or the age group where it is not known'),
      version: z.number().int(),
      enteredInErrorReason: inError,
    }),
  ),
  clients: z.array(z.object({ personId: z.uuid(), firstName: z.string(), lastName: z.string(), linkedOn: z.string(), enteredInErrorReason: inError })),
  referrals: z.array(
    z.object({
      id: z.uuid(),
      referredOn: z.string(),
      source: z.string().nullable(),
      sourceDetail: z.string().nullable(),
      reason: z.string(),
      acceptedOn: z.string().nullable(),
      engagedOn: z.string().nullable(),
      closedOn: z.string().nullable(),
      closureReason: z.string().nullable(),
      version: z.number().int(),
      enteredInErrorReason: inError,
    }),
  ),
  support: z.array(
    z.object({
      id: z.uuid(),
      supportOn: z.string(),
      contactType: z.string(),
      supportTypes: z.array(z.string()),
      memberIds: z.array(z.uuid()).describe('The members who took part'),
      minutes: z.number().int().nullable(),
      notes: z.string().nullable(),
      version: z.number().int(),
      enteredInErrorReason: inError,
    }),
  ),
  outcomes: z.array(z.object({ id: z.uuid(), outcomeType: z.string(), achievedOn: z.string(), note: z.string().nullable(), version: z.number().int(), enteredInErrorReason: inError })),
});

/** The families a user may see, and one family's details, as JSON. */
export function familyApiRoutes(app: FastifyInstance) {
  const api = apiOf(app);

  api.get('/api/v1/families', {
    config: { access: 'families.read' },
    schema: {
      tags,
      summary: 'The families you may see (not entered in error), a page at a time',
      querystring: z.object({ q: z.string().trim().max(100).default(''), page: z.coerce.number().int().min(1).max(100000).default(1) }),
      response: { 200: z.object({ page: z.number().int(), pageSize: z.number().int(), total: z.number().int(), families: z.array(familySummary) }), ...problemResponses },
    },
  }, async (request) => {
    const { q, page } = request.query;
    const { families, total } = await listFamilies(request.ctx as SignedInCtx, { q, mine: false, page, view: 'api' });
    return { page, pageSize: FAMILY_PAGE_SIZE, total, families: families.map(({ id, name, reference, teamName, coordinatorName, safeguarding, state }) => ({ id, name, reference, teamName, coordinatorName, safeguarding, state })) };
  });

  api.get('/api/v1/families/:familyId', {
    config: { access: 'families.read' },
    schema: { tags, summary: 'A family: its members, clients, referrals, support given and outcomes', params: familyParams, response: { 200: familyDetail, ...problemResponses } },
  }, async (request) => {
    const { family, members, clients, referrals, support, outcomes } = await familyPage(request.ctx as SignedInCtx, request.params.familyId);
    return {
      ...family,
      members: members.map(({ id, firstName, lastName, relationship, dateOfBirth, ageGroup, child, version, enteredInErrorReason }) => ({
        id, firstName, lastName, relationship, dateOfBirth, ageGroup, child, version, enteredInErrorReason,
      })),
      clients: clients.map(({ personId, firstName, lastName, linkedOn, enteredInErrorReason }) => ({ personId, firstName, lastName, linkedOn, enteredInErrorReason })),
      referrals: referrals.map((r) => ({
        id: r.id, referredOn: r.referredOn, source: r.sourceLabel, sourceDetail: r.sourceDetail, reason: r.reason, acceptedOn: r.acceptedOn,
        engagedOn: r.engagedOn, closedOn: r.closedOn, closureReason: r.closureReasonLabel, version: r.version, enteredInErrorReason: r.enteredInErrorReason,
      })),
      support: support.map((s) => ({
        id: s.id, supportOn: s.supportOn, contactType: s.contactType, supportTypes: s.supportTypes, memberIds: s.memberIds, minutes: s.minutes, notes: s.notes,
        version: s.version, enteredInErrorReason: s.enteredInErrorReason,
      })),
      outcomes: outcomes.map(({ id, outcomeType, achievedOn, note, version, enteredInErrorReason }) => ({ id, outcomeType, achievedOn, note, version, enteredInErrorReason })),
    };
  });
}
