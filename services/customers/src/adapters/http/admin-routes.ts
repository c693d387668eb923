import {
  cursorCodec,
  inputProblems,
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
  AdminUserChangesBody,
  ListUsersQuery,
  ResetPasswordBody,
  UserIdParams,
  UserPageSchema,
  UserSchema,
  passwordProblems,
  signedInProblems,
  userJson,
} from './schemas.js';

const bearer = [{ bearerAuth: [] }];
/** Opaque to clients: base64url of the (created_at, id) of the last row shown. */
const userCursor = cursorCodec({ createdAt: 'timestamp', id: 'uuid' });

/** User management: administrators on any account; a user may only GET their own id. */
export function registerAdminRoutes(
  app: HttpApp,
  { useCases, auth }: { useCases: CustomersUseCases; auth: BearerGuard<Caller> },
): void {
  app.get(
    '/api/v1/users',
    {
      schema: {
        operationId: 'listUsers',
        tags: ['admin'],
        summary: 'List users (administrators)',
        description: 'Newest first, keyset-paginated: pass `next_cursor` back as `cursor` for the next page.',
        security: bearer,
        querystring: ListUsersQuery,
        response: {
          200: ref(UserPageSchema),
          ...problemResponses(...signedInProblems, {
            400: ['validation_failed', 'invalid_cursor'],
            403: ['forbidden'],
          }),
        },
      },
      onRequest: auth.onRequest,
    },
    async (request) => {
      const { search, limit, cursor } = request.query;
      const page = await useCases.listUsers(auth.callerOf(request), {
        limit,
        ...(search !== undefined ? { search } : {}),
        ...(cursor !== undefined ? { after: userCursor.decode(cursor) } : {}),
      });
      return {
        items: page.items.map(userJson),
        next_cursor: page.next ? userCursor.encode(page.next) : null,
      };
    },
  );

  app.get(
    '/api/v1/users/:id',
    {
      schema: {
        operationId: 'getUser',
        tags: ['admin'],
        summary: 'Read a user (administrators, or yourself)',
        description: 'A non-administrator gets 404 for any id but their own.',
        security: bearer,
        params: UserIdParams,
        response: {
          200: ref(UserSchema),
          ...problemResponses(...signedInProblems, inputProblems, { 404: ['user_not_found'] }),
        },
      },
      onRequest: auth.onRequest,
    },
    async (request) => userJson(await useCases.getUser(auth.callerOf(request), request.params.id)),
  );

  app.patch(
    '/api/v1/users/:id',
    {
      schema: {
        operationId: 'updateUser',
        tags: ['admin'],
        summary: 'Edit a user, including is_admin (administrators)',
        description:
          'Demoting the last administrator is refused (409 last_admin). Non-administrators get 404 for other ' +
          'ids and 403 for their own (use PATCH /users/me).',
        security: bearer,
        params: UserIdParams,
        body: AdminUserChangesBody,
        response: {
          200: ref(UserSchema),
          ...problemResponses(...signedInProblems, jsonBodyProblems, {
            403: ['forbidden'],
            404: ['user_not_found'],
            409: ['last_admin', 'email_taken'],
          }),
        },
      },
      onRequest: auth.onRequest,
    },
    async (request) => {
      const { email, first_name, last_name, is_admin } = request.body;
      const user = await useCases.updateUser(auth.callerOf(request), request.params.id, {
        ...(email !== undefined ? { email } : {}),
        ...(first_name !== undefined ? { firstName: first_name } : {}),
        ...(last_name !== undefined ? { lastName: last_name } : {}),
        ...(is_admin !== undefined ? { isAdmin: is_admin } : {}),
      });
      return userJson(user);
    },
  );

  app.delete(
    '/api/v1/users/:id',
    {
      schema: {
        operationId: 'deleteUser',
        tags: ['admin'],
        summary: 'Delete a user (administrators)',
        description: 'The last administrator cannot be deleted (409). Anyone may delete their own id.',
        security: bearer,
        params: UserIdParams,
        response: {
          204: noContent('Deleted'),
          ...problemResponses(...signedInProblems, inputProblems, {
            404: ['user_not_found'],
            409: ['last_admin'],
          }),
        },
      },
      onRequest: auth.onRequest,
    },
    async (request, reply) => {
      await useCases.deleteUser(auth.callerOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/api/v1/users/:id/password',
    {
      schema: {
        operationId: 'resetUserPassword',
        tags: ['admin'],
        summary: "Reset a user's password (administrators)",
        description: 'Every access and refresh token of that user stops working.',
        security: bearer,
        params: UserIdParams,
        body: ResetPasswordBody,
        response: {
          204: noContent('Password reset'),
          ...problemResponses(...signedInProblems, passwordProblems, jsonBodyProblems, {
            400: ['weak_password'],
            403: ['forbidden'],
            404: ['user_not_found'],
          }),
        },
      },
      onRequest: auth.onRequest,
    },
    async (request, reply) => {
      await useCases.resetPassword(auth.callerOf(request), request.params.id, request.body.new_password);
      return reply.code(204).send(null);
    },
  );
}
