import {
  created,
  databaseProblems,
  jsonBodyProblems,
  noContent,
  problemResponses,
  ref,
  type BearerGuard,
  type HttpApp,
} from '@cartwright/platform/http';
import type { Caller } from '../../use-cases/authenticate.js';
import type { CustomersUseCases } from '../../use-cases/customers-use-cases.js';
import {
  ChangePasswordBody,
  ProfileChangesBody,
  RegisterBody,
  UserSchema,
  signedInProblems,
  userJson,
} from './schemas.js';

const bearer = [{ bearerAuth: [] }];

/** Registration and the routes a user calls about their own account. */
export function registerMeRoutes(
  app: HttpApp,
  { useCases, auth }: { useCases: CustomersUseCases; auth: BearerGuard<Caller> },
): void {
  app.post(
    '/api/v1/users',
    {
      schema: {
        operationId: 'registerUser',
        tags: ['users'],
        summary: 'Register a new account',
        description:
          'Anyone may register. The email is stored trimmed and lower-cased; `is_admin` is not accepted.',
        security: [],
        body: RegisterBody,
        response: {
          201: created(UserSchema, 'The new account (GET it with its own access token)'),
          ...problemResponses(databaseProblems, jsonBodyProblems, {
            400: ['weak_password'],
            409: ['email_taken'],
          }),
        },
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
        operationId: 'getMyProfile',
        tags: ['users'],
        summary: 'Read your own profile',
        security: bearer,
        response: { 200: ref(UserSchema), ...problemResponses(...signedInProblems) },
      },
      onRequest: auth.onRequest,
    },
    async (request) => userJson(auth.callerOf(request).user),
  );

  app.patch(
    '/api/v1/users/me',
    {
      schema: {
        operationId: 'updateMyProfile',
        tags: ['users'],
        summary: 'Change your name or email',
        security: bearer,
        body: ProfileChangesBody,
        response: {
          200: ref(UserSchema),
          ...problemResponses(...signedInProblems, jsonBodyProblems, { 409: ['email_taken'] }),
        },
      },
      onRequest: auth.onRequest,
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
        operationId: 'changeMyPassword',
        tags: ['users'],
        summary: 'Change your password',
        description: 'Ends every session: all access and refresh tokens issued so far stop working.',
        security: bearer,
        body: ChangePasswordBody,
        response: {
          204: noContent('Password changed'),
          ...problemResponses(...signedInProblems, jsonBodyProblems, {
            400: ['weak_password'],
            403: ['wrong_password'],
          }),
        },
      },
      onRequest: auth.onRequest,
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
        operationId: 'deleteMyAccount',
        tags: ['users'],
        summary: 'Delete your account',
        description: 'Its tokens stop working at once. The last administrator cannot delete itself (409).',
        security: bearer,
        response: {
          204: noContent('Deleted'),
          ...problemResponses(...signedInProblems, { 409: ['last_admin'] }),
        },
      },
      onRequest: auth.onRequest,
    },
    async (request, reply) => {
      const caller = auth.callerOf(request);
      await useCases.deleteUser(caller, caller.user.id);
      return reply.code(204).send(null);
    },
  );
}
