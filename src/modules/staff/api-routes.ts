import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { apiOf, problemResponses } from '../../http/api.ts';
import { ROLES } from '../auth/roles.ts';
import { ctxOf, memberParams } from './form-route.ts';
import { listStaff } from './list.ts';
import { staffRecordPage } from './record-page.ts';
import { staffListQuery } from './schemas.ts';

const tags = ['Staff'];
const state = z.enum(['expired', 'expires-soon', 'valid', 'no-expiry']).nullable().describe('Where it stands today (null once entered in error): expired the day after its date; expiring soon within the programme’s warning days');
const inError = z.string().nullable().describe('Set when it was entered in error: it counts nowhere');

const staffSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  role: z.enum(ROLES),
  teamName: z.string().nullable(),
  vetting: z.enum(['expired', 'expires-soon', 'valid', 'no-expiry', 'none']).describe('Their latest vetting check (none: none recorded)'),
  clearances: z.number().int().describe('Prisons they hold a clearance for (their latest for each)'),
  soonestClearance: z.object({ prisonName: z.string(), expiresOn: z.string() }).nullable(),
});

const staffDetail = z.object({
  id: z.uuid(),
  name: z.string(),
  role: z.enum(ROLES),
  teamName: z.string().nullable(),
  vetting: z.array(z.object({ id: z.uuid(), disclosureType: z.string(), reference: z.string(), issuedOn: z.string(), renewBy: z.string().nullable(), state, version: z.number().int(), enteredInErrorReason: inError })),
  clearances: z.array(z.object({ id: z.uuid(), prisonId: z.uuid(), prisonName: z.string(), clearedOn: z.string(), expiresOn: z.string(), state, version: z.number().int(), enteredInErrorReason: inError })),
  training: z.array(z.object({ id: z.uuid(), course: z.string(), completedOn: z.string(), expiresOn: z.string().nullable(), state, version: z.number().int(), enteredInErrorReason: inError })),
  livedExperience: z
    .object({ experience: z.array(z.string()), note: z.string().nullable() })
    .nullable()
    .optional()
    .describe('Only for the worker themselves and managers: absent for everyone else; null when not given'),
});

/** The staff list and one worker's staff record, as JSON. */
export function staffApiRoutes(app: FastifyInstance) {
  const api = apiOf(app);
  api.get('/api/v1/staff', {
    config: { access: 'staff.list' },
    schema: { tags, summary: 'The active staff you look after (a team leader’s team; everyone, or one team, for managers and administrators)', querystring: staffListQuery, response: { 200: z.object({ staff: z.array(staffSummary) }), ...problemResponses } },
  }, async (request) => {
    const staff = await listStaff(ctxOf(request), request.query);
    return { staff: staff.map(({ vetting, soonestClearance, ...s }) => ({ ...s, vetting: vetting.state, soonestClearance: soonestClearance && { prisonName: soonestClearance.prisonName, expiresOn: soonestClearance.expiresOn } })) };
  });

  api.get('/api/v1/staff/:userId', {
    config: { access: 'staff.read' },
    schema: { tags, summary: 'A worker’s staff record: vetting, prison clearances and training (and lived experience, for those who may read it)', params: memberParams, response: { 200: staffDetail, ...problemResponses } },
  }, async (request) => {
    const page = await staffRecordPage(ctxOf(request), request.params.userId);
    const { id, name, role, teamName } = page.member;
    const stateOf = <T extends { tag: { state: string } | null }>({ tag, ...row }: T) => ({ ...row, state: (tag?.state ?? null) as z.infer<typeof state> });
    return {
      id, name, role, teamName,
      vetting: page.vetting.map(({ disclosureLabel: _label, ...v }) => stateOf(v)),
      clearances: page.clearances.map(stateOf),
      training: page.training.map(stateOf),
      ...(page.mayReadLivedExperience ? { livedExperience: page.livedExperience && { experience: page.livedExperience.experience, note: page.livedExperience.note } } : {}),
    };
  });
}
