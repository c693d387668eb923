import { problemResponses, type HttpApp } from '@cartwright/platform/http';
import type { CustomersUseCases } from '../../use-cases/customers-use-cases.js';
import type { BearerAuth } from './bearer-auth.js';
import { ChangePasswordBody, ProfileChangesBody, RegisterBody, UserSchema, userJson } from './schemas.js';

const bearer = [{ bearerAuth: [] }];

/** Registration and the routes a user calls about their own account. */
export function registerMeRoutes(
  app: HttpApp,
  { useCases, auth }: { useCases: CustomersUseCases; auth: BearerAuth },
): void {
  app.post(
    '/api/v1/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Register a new account',
        description:
          'Anyone may register. The email is stored trimmed and lower-cased; `is_admin` is not accepted.',
        body: RegisterBody,
        response: { 201: UserSchema, ...problemResponses(400, 409) },
      },
    },
    async (request, reply) => {
      const { email, password, first_name, last_name } = request.body;
      const user = await useCases.registerUser({
        email,
        password,
        ...(first_name !== undefined ? { firstName: first_name } : {}),
        ...(last_name !== undefined ? { lastName: last_name } : {}),
      });
      return reply.code(201).header('location', `/api/v1/users/${user.id}`).send(userJson(user));
    },
  );

  app.get(
    '/api/v1/users/me',
    {
      schema: {
        tags: ['users'],
        summary: 'Read your own profile',
        security: bearer,
        response: { 200: UserSchema, ...problemResponses(401) },
      },
      preValidation: auth.preValidation,
    },
    async (request) => userJson(auth.callerOf(request).user),
  );

  app.patch(
    '/api/v1/users/me',
    {
      schema: {
        tags: ['users'],
        summary: 'Change your name or email',
        security: bearer,
        body: ProfileChangesBody,
        response: { 200: UserSchema, ...problemResponses(400, 401, 409) },
      },
      preValidation: auth.preValidation,
    },
    async (request) => {
      const { email, first_name, last_name } = request.body;
      const user = await useCases.updateOwnProfile(auth.callerOf(request), {
        ...(email !== undefined ? { email } : {}),
        ...(first_name !== undefined ? { firstName: first_name } : {}),
        ...(last_name !== undefined ? { lastName: last_name } : {}),
      });
      return userJson(user);
    },
  );

  app.put(
    '/api/v1/users/me/password',
    {
      schema: {
        tags: ['users'],
        summary: 'Change your password',
        description: 'Ends every session: all access and refresh tokens issued so far stop working.',
        security: bearer,
        body: ChangePasswordBody,
        response: {
          204: { type: 'null', description: 'Password changed' },
          ...problemResponses(400, 401, 403),
        },
      },
      preValidation: auth.preValidation,
    },
    async (request, reply) => {
      await useCases.changeOwnPassword(auth.callerOf(request), {
        currentPassword: request.body.current_password,
        newPassword: request.body.new_password,
      });
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/api/v1/users/me',
    {
      schema: {
        tags: ['users'],
        summary: 'Delete your account',
        description: 'Its tokens stop working at once. The last administrator cannot delete itself (409).',
        security: bearer,
        response: { 204: { type: 'null', description: 'Deleted' }, ...problemResponses(401, 409) },
      },
      preValidation: auth.preValidation,
    },
    async (request, reply) => {
      const caller = auth.callerOf(request);
      await useCases.deleteUser(caller, caller.user.id);
      return reply.code(204).send(null);
    },
  );
}
