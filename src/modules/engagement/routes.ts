import type { FastifyInstance } from 'fastify';
import { formState } from '../../http/forms.ts';
import type { Services } from '../../services.ts';
import { caseworkForm, caseworkRoute, ctxOf, episodeParams } from '../custody/casework-route.ts';
import { episodeDetail } from '../custody/queries.ts';
import { choiceItems } from '../people/choices.ts';
import { contactForm, HELP_GIVEN, nonEngagementForm, OUTCOMES } from './schemas.ts';
import { addContact, recordNonEngagement } from './service.ts';
import { engagementApiRoutes } from './api-routes.ts';

export function engagementRoutes(app: FastifyInstance, _services: Services) {
  caseworkRoute(app, 'contacts', async (request, reply) => {
    const values = (request.method === 'GET' ? { outcome: 'happened' } : request.body) as Record<string, unknown>;
    const helpGiven = [values.helpGiven ?? []].flat();
    return caseworkForm({
      request,
      reply,
      template: 'engagement/views/contact.njk',
      title: 'Record a contact',
      schema: contactForm,
      dates: ['contactOn'],
      form: formState(values),
      view: {
        contactTypes: await choiceItems(ctxOf(request), 'contact_type', values.contactType),
        outcomes: Object.entries(OUTCOMES).map(([value, text]) => ({ value, text, checked: value === values.outcome })),
        helpItems: HELP_GIVEN.map((value) => ({ value, text: value[0]?.toUpperCase() + value.slice(1), checked: helpGiven.includes(value) })),
      },
      work: async ({ contactOn, ...input }, ids) => {
        await addContact({ ...ids, input: { ...input, contactOn: contactOn ?? '' } });
        return 'Contact recorded';
      },
    });
  });

  caseworkRoute(app, 'non-engagement', async (request, reply) => {
    const ctx = ctxOf(request);
    const { episodeId } = episodeParams.parse(request.params);
    const { episode } = await episodeDetail(ctx, episodeId);
    const values = (request.method === 'GET' ? { reason: episode.nonEngagementReason ?? '', note: episode.nonEngagementNote ?? '' } : request.body) as Record<
      string,
      unknown
    >;
    return caseworkForm({
      request,
      reply,
      template: 'engagement/views/non-engagement.njk',
      title: episode.engaged ? 'Why have they stopped engaging?' : 'Why have they not engaged?',
      schema: nonEngagementForm,
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
