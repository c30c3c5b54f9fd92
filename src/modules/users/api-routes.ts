import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { apiOf, problemResponses } from '../../http/api.ts';
import type { SignedInCtx } from '../../http/context.ts';
import { resetPasswordForm, createUserBody, updateUserBody, userJson, userListQuery } from './schemas.ts';
import { createUser, endSessionsOf, getUser, listUsers, resetPassword, updateUser } from './service.ts';
import { userToJson } from './presenter.ts';

const params = z.object({ userId: z.uuid() });
const tags = ['Users'];

export function userApiRoutes(app: FastifyInstance) {
  const api = apiOf(app);

  api.get('/api/v1/users', {
    config: { access: 'users.read' },
    schema: { tags, summary: 'List users', querystring: userListQuery, response: { 200: z.object({ users: z.array(userJson) }), ...problemResponses } },
  }, async (request) => {
    const users = await listUsers({ ctx: request.ctx as SignedInCtx, filter: request.query });
    return { users: users.map(userToJson) };
  });

  api.post('/api/v1/users', {
    config: { access: 'users.manage' },
    schema: { tags, summary: 'Create a user', body: createUserBody, response: { 201: userJson, ...problemResponses } },
  }, async (request, reply) => {
    const ctx = request.ctx as SignedInCtx;
    const user = await createUser({ ctx, programmeId: ctx.actor.programmeId, input: request.body });
    return reply.code(201).send(userToJson(user));
  });

  api.get('/api/v1/users/:userId', {
    config: { access: 'users.read' },
    schema: { tags, summary: 'Get a user', params, response: { 200: userJson, ...problemResponses } },
  }, async (request) => userToJson(await getUser({ ctx: request.ctx as SignedInCtx, userId: request.params.userId })));

  api.patch('/api/v1/users/:userId', {
    config: { access: 'users.manage' },
    schema: {
      tags,
      summary: 'Change a user (details, role, team, or active to deactivate)',
      params,
      body: updateUserBody,
      response: { 200: userJson, ...problemResponses },
    },
  }, async (request) => {
    const { version, ...changes } = request.body;
    return userToJson(await updateUser({ ctx: request.ctx as SignedInCtx, userId: request.params.userId, version, changes }));
  });

  api.put('/api/v1/users/:userId/password', {
    config: { access: 'users.manage' },
    schema: { tags, summary: 'Reset a user’s password (ends their sessions, unlocks the account)', params, body: resetPasswordForm, response: { 204: z.null(), ...problemResponses } },
  }, async (request, reply) => {
    await resetPassword({ ctx: request.ctx as SignedInCtx, userId: request.params.userId, password: request.body.password });
    return reply.code(204).send(null);
  });

  api.delete('/api/v1/users/:userId/sessions', {
    config: { access: 'users.manage' },
    schema: { tags, summary: 'End all of a user’s sessions', params, response: { 200: z.object({ ended: z.number().int() }), ...problemResponses } },
  }, async (request) => ({ ended: await endSessionsOf({ ctx: request.ctx as SignedInCtx, userId: request.params.userId }) }));
}
