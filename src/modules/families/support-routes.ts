import type { FastifyInstance, FastifyRequest } from 'fastify';
import { datePartsOf, todaysDateParts } from '../../http/date-fields.ts';
import { choiceItems, listChoices } from '../settings/lists.ts';
import { ctxOf, familyFormPage, familyParams, familyRecordRoute, familyRoute } from './form-route.ts';
import { addOutcome, familyOutcomeTypes, outcomeProblems } from './outcomes.ts';
import { outcomeForm, supportCorrectionForm, supportForm } from './schemas.ts';
import { addSupport, correctSupport, currentMembers, supportMemberIds, supportProblems } from './support.ts';

/** The support form's choices: the contact types, the family's current members and the support types. */
async function supportChoices(request: FastifyRequest, familyId: string, values: Record<string, unknown>) {
  const ctx = ctxOf(request);
  const chosen = (name: string) => [values[name] ?? []].flat().map(String);
  const [contactTypes, members, types] = await Promise.all([choiceItems(ctx, 'contact_type', values.contactType, 'Choose a type'), currentMembers(ctx, familyId), listChoices(ctx, 'family_support_type', values.supportTypes)]);
  return {
    contactTypes,
    memberItems: members.map((m) => ({ value: m.id, text: [m.firstName, m.lastName].filter(Boolean).join(' '), checked: chosen('memberIds').includes(m.id) })),
    supportTypeItems: types.map((t) => ({ value: t.code, text: t.label, checked: chosen('supportTypes').includes(t.code) })),
  };
}

/** Support given to a family, and outcomes for the family. */
export function supportRoutes(app: FastifyInstance) {
  familyRoute(app, 'support/new', familyParams, async (request, reply) =>
    familyFormPage({
      request,
      reply,
      template: 'families/views/support.njk',
      title: 'Record support given',
      schema: supportForm,
      dates: ['supportOn'],
      anchor: 'support',
      values: todaysDateParts('supportOn', ctxOf(request).actor.timeZone),
      view: (values, family) => supportChoices(request, family.id, values),
      check: (data, family) => supportProblems(ctxOf(request), family.id, data),
      work: async (input, family) => {
        await addSupport(ctxOf(request), { familyId: family.id, input });
        return 'Support recorded';
      },
    }),
  );

  familyRecordRoute(app, 'support', '', async (request, reply, { ctx, familyId, recordId, family, row }) =>
    familyFormPage({
      request,
      reply,
      family,
      template: 'families/views/support.njk',
      title: 'Correct support given',
      schema: supportCorrectionForm,
      dates: ['supportOn'],
      anchor: 'support',
      values: async () => ({
        ...datePartsOf('supportOn', row.support_on),
        contactType: row.contact_type,
        memberIds: await supportMemberIds(ctx, row.id),
        supportTypes: row.support_types,
        minutes: row.minutes ?? '',
        notes: row.notes ?? '',
        version: row.version,
      }),
      view: async (values) => ({ ...(await supportChoices(request, family.id, values)), version: values.version, buttonText: 'Save correction' }),
      check: (data) => supportProblems(ctx, family.id, data, row),
      work: async ({ version, ...input }) => {
        await correctSupport(ctx, { familyId, supportId: recordId, version, input });
        return 'Support given corrected';
      },
    }),
  );

  familyRoute(app, 'outcomes/new', familyParams, async (request, reply) =>
    familyFormPage({
      request,
      reply,
      template: 'families/views/outcome.njk',
      title: 'Record an outcome for the family',
      schema: outcomeForm,
      dates: ['achievedOn'],
      anchor: 'outcomes',
      values: todaysDateParts('achievedOn', ctxOf(request).actor.timeZone),
      view: async (values) => ({
        outcomeTypes: (await familyOutcomeTypes(ctxOf(request))).map((t) => ({ value: t.code, text: t.label, checked: t.code === values.outcomeType })),
      }),
      check: (data) => outcomeProblems(ctxOf(request), data),
      work: async (input, family) => {
        await addOutcome(ctxOf(request), { familyId: family.id, input });
        return 'Outcome recorded';
      },
    }),
  );
}
