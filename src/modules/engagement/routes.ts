import type { FastifyInstance, FastifyRequest } from 'fastify';
import { datePartsOf, todaysDateParts } from '../../http/date-fields.ts';
import { timeForForm } from '../../http/time-field.ts';
import { formatCalendarDate } from '../../http/dates.ts';
import { formState } from '../../http/forms.ts';
import type { Services } from '../../services.ts';
import { correctionRoute, enteredInErrorRoutes } from '../casework/correction-routes.ts';
import { findEpisode } from '../casework/episodes.ts';
import { caseworkForm, caseworkRoute, ctxOf, episodeParams } from '../casework/route.ts';
import { choiceItems } from '../settings/lists.ts';
import { contactCorrectionForm, contactForm, HELP_GIVEN, HELP_GIVEN_LABELS, nonEngagementForm, OUTCOMES } from './schemas.ts';
import { addContact, contactProblems, correctContact, recordNonEngagement } from './service.ts';
import { choiceProblems } from '../casework/choices.ts';
import { engagementApiRoutes } from './api-routes.ts';
import { contactValuesFrom } from '../appointments/service.ts';

/** The choices on the contact form, with the values given chosen. */
async function contactChoices(request: FastifyRequest, values: Record<string, unknown>) {
  const helpGiven = [values.helpGiven ?? []].flat();
  return {
    contactTypes: await choiceItems(ctxOf(request), 'contact_type', values.contactType),
    outcomes: Object.entries(OUTCOMES).map(([value, text]) => ({ value, text, checked: value === values.outcome })),
    helpItems: HELP_GIVEN.map((value) => ({ value, text: HELP_GIVEN_LABELS[value], checked: helpGiven.includes(value) })),
  };
}

export function engagementRoutes(app: FastifyInstance, _services: Services) {
  caseworkRoute(app, 'contacts', async (request, reply) => {
    const fromAppointment = () => contactValuesFrom(ctxOf(request), { ...episodeParams.parse(request.params), appointmentId: (request.query as Record<string, unknown>).appointment });
    const values = (request.method === 'GET' ? { outcome: 'happened', ...todaysDateParts('contactOn', ctxOf(request).actor.timeZone), ...(await fromAppointment()) } : request.body) as Record<string, unknown>;
    return caseworkForm({
      request,
      reply,
      template: 'engagement/views/contact.njk',
      title: 'Record a contact',
      schema: contactForm,
      dates: ['contactOn'],
      check: (input, { ctx, episode }) => contactProblems(ctx, episode, input),
      form: formState(values),
      view: await contactChoices(request, values),
      work: async ({ contactOn, ...input }, ids) => {
        await addContact({ ...ids, input: { ...input, contactOn: contactOn ?? '' } });
        return 'Contact recorded';
      },
    });
  });

  correctionRoute(app, {
    path: 'contacts',
    table: 'contact',
    template: 'engagement/views/contact.njk',
    title: 'Correct a contact',
    schema: contactCorrectionForm,
    dates: ['contactOn'],
    check: (input, { ctx, episode, row }) => contactProblems(ctx, episode, input, row.contact_type),
    valuesOf: (row) => ({
      ...datePartsOf('contactOn', row.contact_on as string),
      contactTime: timeForForm(row.contact_time),
      contactType: row.contact_type,
      outcome: row.outcome,
      helpGiven: row.help_given,
      durationMinutes: row.duration_minutes ?? '',
      place: row.place ?? '',
      notes: row.notes ?? '',
    }),
    view: contactChoices,
    save: async ({ data: { version, contactOn, ...input }, recordId, ...ids }) => correctContact({ ...ids, contactId: recordId, version, input: { ...input, contactOn: contactOn ?? '' } }),
    done: 'Contact corrected',
  });

  enteredInErrorRoutes(app, {
    path: 'contacts',
    table: 'contact',
    tags: ['Contacts'],
    summary: ({ row }) => `Contact on ${formatCalendarDate(row.contact_on as string)}`,
  });

  caseworkRoute(app, 'non-engagement', async (request, reply) => {
    const ctx = ctxOf(request);
    const { personId, episodeId } = episodeParams.parse(request.params);
    const episode = await findEpisode(ctx, personId, episodeId);
    const values = (request.method === 'GET' ? { reason: episode.non_engagement_reason ?? '', note: episode.non_engagement_note ?? '' } : request.body) as Record<
      string,
      unknown
    >;
    return caseworkForm({
      request,
      reply,
      template: 'engagement/views/non-engagement.njk',
      title: episode.engaged ? 'Why have they stopped engaging?' : 'Why have they not engaged?',
      schema: nonEngagementForm,
      check: async ({ reason }) => choiceProblems(ctx, 'non_engagement_reason', reason, 'reason', 'Select the reason', episode.non_engagement_reason),
      form: formState(values),
      view: { reasons: await choiceItems(ctx, 'non_engagement_reason', values.reason) },
      work: async ({ version, reason, note }, ids) => {
        await recordNonEngagement({ ...ids, version, reason, note });
        return 'Reason recorded';
      },
    });
  });

  engagementApiRoutes(app);
}
