import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SignedInCtx } from '../../http/context.ts';
import { episodeParams } from '../casework/route.ts';
import { SECTIONS, type Section } from './sign-up-case.ts';
import { signUpSection } from './sign-up-page.ts';

const ctxOf = (request: FastifyRequest) => request.ctx as SignedInCtx;

const TEMPLATES: Record<Section, string> = {
  overview: 'sign-up.njk',
  contacts: 'sign-up-contacts.njk',
  plan: 'sign-up-plan.njk',
  outcomes: 'sign-up-outcomes.njk',
  returns: 'sign-up-returns.njk',
  history: 'sign-up-history.njk',
};

/** A sign-up's page and its sub-pages (Overview, Contacts and visits, ...): each a read of the person, audited. */
export function signUpRoutes(app: FastifyInstance) {
  for (const [section, { slug }] of Object.entries(SECTIONS) as [Section, (typeof SECTIONS)[Section]][]) {
    const url = `/people/:personId/sign-ups/:episodeId${slug ? `/${slug}` : ''}`;
    app.get(url, { config: { access: 'people.read' }, schema: { params: episodeParams } }, async (request, reply) => {
      const ids = episodeParams.parse(request.params);
      return reply.view(`client-record/views/${TEMPLATES[section]}`, await signUpSection(ctxOf(request), ids, section));
    });
  }
}
