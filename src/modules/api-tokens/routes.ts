import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SignedInCtx } from '../../http/context.ts';
import { flash } from '../../http/form-submission.ts';
import { formState, parseForm, type FormState } from '../../http/forms.ts';
import type { Services } from '../../services.ts';
import {
  createApiToken,
  DEFAULT_TOKEN_EXPIRY_DAYS,
  getApiToken,
  listOwnApiTokens,
  listProgrammeApiTokens,
  revokeApiToken,
  SCOPE_NAMES,
  TOKEN_EXPIRY_DAYS,
} from '../auth/api-tokens.ts';
import { newTokenForm, programmeTokensQuery, tokenParams } from './schemas.ts';

const OWN = '/account/api-tokens';
const PROGRAMME = '/admin/api-tokens';
const SCOPE_HINTS = {
  read: 'It can look records up, and is refused anything that would change them',
  'read-write': 'It can do through the API whatever you can do',
};
const ctxOf = (request: FastifyRequest) => request.ctx as SignedInCtx;

/**
 * API tokens: each user makes, lists and revokes their own (a token acts only as its maker);
 * administrators list every token of the programme and revoke any, after confirming.
 */
export function apiTokenRoutes(app: FastifyInstance, _services: Services) {
  app.get(OWN, { config: { access: 'apiTokens.own' } }, async (request, reply) =>
    reply.view('api-tokens/views/own-list.njk', { pageTitle: 'Your API tokens', tokens: await listOwnApiTokens(ctxOf(request)), scopeNames: SCOPE_NAMES }),
  );

  app.get(`${OWN}/new`, { config: { access: 'apiTokens.own' } }, async (_request, reply) =>
    renderNewToken(reply, formState({ expiresInDays: String(DEFAULT_TOKEN_EXPIRY_DAYS) }), 200),
  );

  app.post(OWN, { config: { access: 'apiTokens.own' } }, async (request, reply) => {
    const parsed = parseForm(newTokenForm, request.body);
    if (!parsed.ok) return renderNewToken(reply, parsed.form, 400);
    const { token } = await createApiToken({ ctx: ctxOf(request), ...parsed.data });
    return reply.view('api-tokens/views/created.njk', {
      pageTitle: 'API token created',
      token,
      name: parsed.data.name,
      scopeName: SCOPE_NAMES[parsed.data.scope],
    });
  });

  app.get(PROGRAMME, { config: { access: 'apiTokens.manage' } }, async (request, reply) => {
    const { userId } = programmeTokensQuery.parse(request.query ?? {});
    const tokens = await listProgrammeApiTokens(ctxOf(request), userId);
    return reply.view('api-tokens/views/programme-list.njk', { pageTitle: 'API tokens', tokens, scopeNames: SCOPE_NAMES, oneUser: userId !== undefined });
  });

  for (const [base, as, access] of [
    [OWN, 'owner', 'apiTokens.own'],
    [PROGRAMME, 'administrator', 'apiTokens.manage'],
  ] as const) {
    app.get(`${base}/:tokenId/revoke`, { config: { access }, schema: { params: tokenParams } }, async (request, reply) => {
      const { tokenId } = tokenParams.parse(request.params);
      const token = await getApiToken({ ctx: ctxOf(request), tokenId, as });
      return reply.view('api-tokens/views/revoke.njk', { pageTitle: 'Revoke an API token', token, own: as === 'owner', back: base });
    });

    app.post(`${base}/:tokenId/revoke`, { config: { access }, schema: { params: tokenParams } }, async (request, reply) => {
      const { tokenId } = tokenParams.parse(request.params);
      const token = await revokeApiToken({ ctx: ctxOf(request), tokenId, as });
      await flash(request, `API token “${token.name}” revoked`);
      return reply.redirect(base);
    });
  }
}

function renderNewToken(reply: FastifyReply, form: FormState, status: number) {
  const expiries = TOKEN_EXPIRY_DAYS.map((days) => ({
    value: String(days),
    text: days === 365 ? '1 year' : `${days} days`,
    checked: form.values.expiresInDays === String(days),
  }));
  const scopes = Object.entries(SCOPE_NAMES).map(([value, text]) => ({
    value,
    text,
    hint: { text: SCOPE_HINTS[value as keyof typeof SCOPE_HINTS] },
    checked: form.values.scope === value,
  }));
  return reply.code(status).view('api-tokens/views/new.njk', { pageTitle: 'Create an API token', form, expiries, scopes });
}
