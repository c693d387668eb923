import {
  inputProblems,
  noContent,
  problemResponses,
  ref,
  type BearerGuard,
  type HttpApp,
} from '@cartwright/platform/http';
import type { Caller } from '../../use-cases/authenticate.js';
import type { CustomersUseCases } from '../../use-cases/customers-use-cases.js';
import {
  SessionIdParams,
  SessionListSchema,
  UserIdParams,
  sessionViewJson,
  signedInProblems,
} from './schemas.js';

const bearer = [{ bearerAuth: [] }];

/** A user's view of their own sessions, and the administrators' view of anyone's. */
export function registerSessionRoutes(
  app: HttpApp,
  { useCases, auth }: { useCases: CustomersUseCases; auth: BearerGuard<Caller> },
): void {
  app.get(
    '/api/v1/users/me/sessions',
    {
      schema: {
        operationId: 'listMySessions',
        tags: ['users'],
        summary: 'List your open sessions',
        description:
          'One session per login, newest first; `current` marks the session of the access token used. ' +
          'Ended and expired sessions are not listed.',
        security: bearer,
        response: { 200: ref(SessionListSchema), ...problemResponses(...signedInProblems) },
      },
      onRequest: auth.onRequest,
    },
    async (request) => ({
      items: (await useCases.listMySessions(auth.callerOf(request))).map(sessionViewJson),
    }),
  );

  app.delete(
    '/api/v1/users/me/sessions/:id',
    {
      schema: {
        operationId: 'endMySession',
        tags: ['users'],
        summary: 'End one of your sessions',
        description:
          'Its refresh token and every access token issued in it are refused from the next request on, by ' +
          'every service. Ending the current session is logging out. An unknown id, a session that has ' +
          'already ended and another user’s session are all 404.',
        security: bearer,
        params: SessionIdParams,
        response: {
          204: noContent('Session ended'),
          ...problemResponses(...signedInProblems, inputProblems, { 404: ['session_not_found'] }),
        },
      },
      onRequest: auth.onRequest,
    },
    async (request, reply) => {
      await useCases.endMySession(auth.callerOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/users/:id/sessions',
    {
      schema: {
        operationId: 'listUserSessions',
        tags: ['admin'],
        summary: "List a user's open sessions (administrators)",
        description: 'Newest first. `current` is true only for the administrator’s own session.',
        security: bearer,
        params: UserIdParams,
        response: {
          200: ref(SessionListSchema),
          ...problemResponses(...signedInProblems, inputProblems, {
            403: ['forbidden'],
            404: ['user_not_found'],
          }),
        },
      },
      onRequest: auth.onRequest,
    },
    async (request) => ({
      items: (await useCases.listUserSessions(auth.callerOf(request), request.params.id)).map(
        sessionViewJson,
      ),
    }),
  );

  app.delete(
    '/api/v1/users/:id/sessions',
    {
      schema: {
        operationId: 'endUserSessions',
        tags: ['admin'],
        summary: 'End every session of a user (administrators)',
        description:
          'Every refresh and access token of the user is refused from the next request on; the account stays ' +
          'and can log in again.',
        security: bearer,
        params: UserIdParams,
        response: {
          204: noContent('Sessions ended'),
          ...problemResponses(...signedInProblems, inputProblems, {
            403: ['forbidden'],
            404: ['user_not_found'],
          }),
        },
      },
      onRequest: auth.onRequest,
    },
    async (request, reply) => {
      await useCases.endUserSessions(auth.callerOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
