import type { FastifyInstance, FastifyRequest } from 'fastify';
import { datePartsOf } from '../../http/date-fields.ts';
import { choiceItems } from '../settings/lists.ts';
import { ctxOf, familyFormPage, familyParams, familyRecordRoute, familyRoute } from './form-route.ts';
import { addMember, correctMember, memberProblems } from './members.ts';
import { memberCorrectionForm, memberForm } from './schemas.ts';

const memberChoices = async (request: FastifyRequest, values: Record<string, unknown>) => ({
  relationships: await choiceItems(ctxOf(request), 'family_relationship', values.relationship, 'Choose a relationship'),
  ageGroups: [
    { value: 'adult', text: 'Adult (18 or over)', checked: values.ageGroup === 'adult' },
    { value: 'child', text: 'Child (under 18)', checked: values.ageGroup === 'child' },
  ],
});

/** Adding and correcting a family's members. */
export function memberRoutes(app: FastifyInstance) {
  familyRoute(app, 'members/new', familyParams, async (request, reply) =>
    familyFormPage({
      request,
      reply,
      template: 'families/views/member.njk',
      title: 'Add a family member',
      schema: memberForm,
      dates: ['dateOfBirth'],
      anchor: 'members',
      view: (values) => memberChoices(request, values),
      check: (data) => memberProblems(ctxOf(request), data),
      work: async (input, family) => {
        await addMember(ctxOf(request), { familyId: family.id, input });
        return `${input.firstName} added`;
      },
    }),
  );

  familyRecordRoute(app, 'members', '', async (request, reply, { ctx, familyId, recordId, family, row }) =>
    familyFormPage({
      request,
      reply,
      family,
      template: 'families/views/member.njk',
      title: 'Correct a family member',
      schema: memberCorrectionForm,
      dates: ['dateOfBirth'],
      anchor: 'members',
      values: {
        firstName: row.first_name,
        lastName: row.last_name ?? '',
        relationship: row.relationship,
        ...datePartsOf('dateOfBirth', row.date_of_birth),
        ageGroup: row.age_group ?? '',
        version: row.version,
      },
      view: async (values) => ({ ...(await memberChoices(request, values)), version: values.version, buttonText: 'Save correction' }),
      check: (data) => memberProblems(ctx, data, row.relationship),
      work: async ({ version, ...input }) => {
        await correctMember(ctx, { familyId, memberId: recordId, version, input });
        return 'Family member corrected';
      },
    }),
  );
}
