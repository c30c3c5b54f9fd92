import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can } from '../auth/policy.ts';
import { countActiveApiTokens } from '../auth/api-tokens.ts';
import { countOpenSessions } from '../auth/sessions.ts';
import type { SignedInCtx } from '../../http/context.ts';
import type { Role } from '../auth/roles.ts';
import { downloadLinks, downloadRoutes } from '../../http/downloads.ts';
import { flash, submitForm } from '../../http/form-submission.ts';
import { formState, type FormState } from '../../http/forms.ts';
import { USERS_PATH, usersDownload } from './download.ts';
import { roleChoices, userStatus } from './presenter.ts';
import { createUserForm, resetPasswordForm, updateUserForm, userListQuery } from './schemas.ts';
import { activeChoices } from '../reference/service.ts';
import { organisationChoices, organisationProblems } from './organisation.ts';
import { createUser, endSessionsOf, getUser, listUsers, resetPassword, updateUser, type UserRecord } from './service.ts';

const userParams = z.object({ userId: z.uuid() });
const ctxOf = (request: FastifyRequest) => request.ctx as SignedInCtx;

/** Pages for administrators to manage the programme's users. */
export function userPageRoutes(app: FastifyInstance) {
  app.get(USERS_PATH, { config: { access: 'users.read' } }, async (request, reply) => {
    const filter = userListQuery.parse(request.query);
    const users = await listUsers({ ctx: ctxOf(request), filter });
    return reply.view('users/views/list.njk', {
      pageTitle: 'Users',
      users: users.map((user) => ({ ...user, status: userStatus(user) })),
      filter,
      roles: roleChoices(filter.role),
      downloads: downloadLinks({ path: USERS_PATH, query: filter }),
    });
  });

  downloadRoutes(app, { path: USERS_PATH, access: 'users.read', build: (request) => usersDownload({ ctx: ctxOf(request), query: request.query }) });

  app.get('/admin/users/new', { config: { access: 'users.manage' } }, async (request, reply) =>
    renderUserForm(request, reply, { form: formState({}), status: 200 }),
  );

  app.post('/admin/users', { config: { access: 'users.manage' } }, async (request, reply) =>
    submitForm({
      request,
      reply,
      schema: createUserForm,
      render: (form, status) => renderUserForm(request, reply, { form, status }),
      check: organisationCheck(request),
      work: async (input) => {
        const user = await createUser({ ctx: ctxOf(request), programmeId: ctxOf(request).actor.programmeId, input });
        return { redirectTo: `/admin/users/${user.id}`, success: `${user.displayName} can now sign in` };
      },
    }),
  );

  app.get('/admin/users/:userId', { config: { access: 'users.read' }, schema: { params: userParams } }, async (request, reply) => {
    const { userId } = userParams.parse(request.params);
    return renderUserPage(request, reply, { userId });
  });

  app.get('/admin/users/:userId/edit', { config: { access: 'users.manage' }, schema: { params: userParams } }, async (request, reply) => {
    const { userId } = userParams.parse(request.params);
    const user = await getUser({ ctx: ctxOf(request), userId });
    return renderUserForm(request, reply, { user, form: formState(valuesOf(user)), status: 200 });
  });

  app.post('/admin/users/:userId', { config: { access: 'users.manage' }, schema: { params: userParams } }, async (request, reply) => {
    const { userId } = userParams.parse(request.params);
    const ctx = ctxOf(request);
    const user = await getUser({ ctx, userId, audited: false });
    return submitForm({
      request,
      reply,
      schema: updateUserForm,
      render: (form, status) => renderUserForm(request, reply, { user, form, status }),
      check: organisationCheck(request),
      work: async ({ version, ...changes }) => {
        const saved = await updateUser({ ctx, userId, version, changes });
        return { redirectTo: `/admin/users/${userId}`, success: `Changes to ${saved.displayName} saved` };
      },
    });
  });

  for (const [path, active] of [['deactivate', false], ['reactivate', true]] as const) {
    app.post(`/admin/users/:userId/${path}`, { config: { access: 'users.manage' }, schema: { params: userParams } }, async (request, reply) => {
      const { userId } = userParams.parse(request.params);
      const ctx = ctxOf(request);
      const { version } = z.object({ version: z.coerce.number().int() }).parse(request.body);
      const saved = await updateUser({ ctx, userId, version, changes: { active } });
      await flash(request, active ? `${saved.displayName} can sign in again` : `${saved.displayName} can no longer sign in`);
      return reply.redirect(`/admin/users/${userId}`);
    });
  }

  app.get('/admin/users/:userId/password', { config: { access: 'users.manage' }, schema: { params: userParams } }, async (request, reply) => {
    const { userId } = userParams.parse(request.params);
    const user = await getUser({ ctx: ctxOf(request), userId });
    return reply.view('users/views/password.njk', { pageTitle: `Reset password for ${user.displayName}`, user, form: formState({}) });
  });

  app.post('/admin/users/:userId/password', { config: { access: 'users.manage' }, schema: { params: userParams } }, async (request, reply) => {
    const { userId } = userParams.parse(request.params);
    const ctx = ctxOf(request);
    const user = await getUser({ ctx, userId, audited: false });
    return submitForm({
      request,
      reply,
      schema: resetPasswordForm,
      render: (form, status) =>
        reply.code(status).view('users/views/password.njk', { pageTitle: `Reset password for ${user.displayName}`, user, form }),
      work: async ({ password }) => {
        await resetPassword({ ctx, userId, password });
        return { redirectTo: `/admin/users/${userId}`, success: `Password reset. Give it to ${user.displayName} in person or by phone.` };
      },
    });
  });

  app.post('/admin/users/:userId/end-sessions', { config: { access: 'users.manage' }, schema: { params: userParams } }, async (request, reply) => {
    const { userId } = userParams.parse(request.params);
    const ended = await endSessionsOf({ ctx: ctxOf(request), userId });
    await flash(request, ended === 1 ? '1 session ended' : `${ended} sessions ended`);
    return reply.redirect(`/admin/users/${userId}`);
  });
}

async function renderUserPage(request: FastifyRequest, reply: FastifyReply, props: { userId: string }) {
  const ctx = ctxOf(request);
  const user = await getUser({ ctx, userId: props.userId });
  const resource = { kind: 'user' as const, id: user.id, programmeId: ctx.actor.programmeId };
  return reply.view('users/views/show.njk', {
    pageTitle: user.displayName,
    user,
    openSessions: await countOpenSessions({ db: ctx.db, userId: user.id }),
    activeTokens: await countActiveApiTokens(ctx, user.id),
    allowed: {
      manage: can(ctx.actor, 'users.manage', resource),
      deactivate: can(ctx.actor, 'users.deactivate', resource),
      tokens: can(ctx.actor, 'apiTokens.manage'),
      subjectAccess: can(ctx.actor, 'exports.subjectAccess'),
    },
  });
}

/** The form's agency against its role, shown with the form's other problems (the service checks it again). */
const organisationCheck = (request: FastifyRequest) => async (data: { role?: Role; organisationId?: string | null }) =>
  data.role && data.organisationId !== undefined ? organisationProblems(ctxOf(request), { programmeId: ctxOf(request).actor.programmeId, role: data.role, organisationId: data.organisationId }) : [];

function valuesOf(user: UserRecord) {
  return { email: user.email, displayName: user.displayName, role: user.role, teamId: user.teamId ?? '', organisationId: user.organisationId ?? '', version: user.version };
}

async function renderUserForm(request: FastifyRequest, reply: FastifyReply, props: { user?: UserRecord; form: FormState; status: number }) {
  const values = props.form.values;
  return reply.code(props.status).view('users/views/form.njk', {
    pageTitle: props.user ? `Change ${props.user.displayName}` : 'Add a user',
    user: props.user,
    form: props.form,
    roles: roleChoices(values.role),
    teams: await activeChoices(ctxOf(request), { table: 'team', selected: values.teamId, empty: 'No team' }),
    organisations: await organisationChoices(ctxOf(request), values.organisationId),
  });
}
