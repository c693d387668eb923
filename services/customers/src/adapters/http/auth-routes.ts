import {
  createLockout,
  createRateLimiter,
  databaseProblems,
  jsonBodyProblems,
  optionalBody,
  problemResponses,
  ref,
  type BearerGuard,
  type HttpApp,
} from '@cartwright/platform/http';
import { InvalidCredentials } from '../../domain/errors.js';
import { loginClient } from '../../domain/session.js';
import { normalizeEmail } from '../../domain/user.js';
import type { Caller } from '../../use-cases/authenticate.js';
import type { CustomersUseCases } from '../../use-cases/customers-use-cases.js';
import {
  LoginBody,
  LogoutBody,
  RefreshBody,
  TokenPairSchema,
  passwordProblems,
  sessionJson,
  signedInProblems,
} from './schemas.js';

export interface LoginRateLimits {
  perAddressPerMinute: number;
  /** Failed logins per email per minute; a successful login clears them. */
  failuresPerEmailPerMinute: number;
}

const loginOutcomes: Record<number, string> = { 200: 'succeeded', 401: 'failed', 429: 'rate_limited' };

/** POST /auth/login, /auth/refresh and /auth/logout. */
export function registerAuthRoutes(
  app: HttpApp,
  {
    useCases,
    auth,
    limits,
    logins,
  }: {
    useCases: CustomersUseCases;
    auth: BearerGuard<Caller>;
    limits: LoginRateLimits;
    /** Counts login outcomes (metrics): succeeded, failed, rate_limited. */
    logins?: { inc(labels: { outcome: string }): void };
  },
): void {
  // Two independent budgets: every attempt per client address (one source trying many
  // accounts), checked before the body is even read; and failures per email (many sources
  // guessing one account's password), which the owner's own successful logins never spend.
  // Counters live in this process.
  const perAddress = createRateLimiter(app, {
    max: limits.perAddressPerMinute,
    key: (request) => `address:${request.ip}`,
  });
  const perEmail = createLockout({ max: limits.failuresPerEmailPerMinute });

  app.post(
    '/api/v1/auth/login',
    {
      schema: {
        operationId: 'logIn',
        tags: ['auth'],
        summary: 'Log in with email and password',
        description:
          'Returns a short-lived access token and a single-use refresh token. A wrong email and a wrong ' +
          'password give the same 401. Rate-limited per client address (every attempt) and per email (failed ' +
          'attempts; a successful login clears them): 429 with Retry-After, whatever the password. 503 ' +
          '`password_checks_busy` with Retry-After when too many password checks are waiting.',
        security: [],
        body: LoginBody,
        response: {
          200: ref(TokenPairSchema),
          ...problemResponses(databaseProblems, passwordProblems, jsonBodyProblems, {
            401: ['invalid_credentials'],
            429: ['rate_limited'],
          }),
        },
      },
      onRequest: perAddress,
      // Counted from the answer, so every path (rate limit hook, wrong password, success) is seen.
      onResponse: async (_request, reply) => {
        const outcome = loginOutcomes[reply.statusCode];
        if (outcome) logins?.inc({ outcome });
      },
    },
    async (request) => {
      // The email is only known once the body has been parsed and validated.
      const attempt = perEmail.begin(normalizeEmail(request.body.email));
      try {
        const session = await useCases.logIn({
          ...request.body,
          // Recorded with the session so its user can tell their sessions apart.
          client: loginClient(request.headers['user-agent'], request.ip),
        });
        attempt.succeeded();
        return sessionJson(session);
      } catch (error) {
        if (error instanceof InvalidCredentials) attempt.failed();
        else attempt.abandoned();
        throw error;
      }
    },
  );

  app.post(
    '/api/v1/auth/refresh',
    {
      schema: {
        operationId: 'refreshTokens',
        tags: ['auth'],
        summary: 'Exchange a refresh token for a new token pair (rotation)',
        description:
          'Each refresh token works once. Presenting a used or revoked one answers 401 and ends the whole ' +
          'session it belongs to: every refresh and access token descended from the same login is refused ' +
          'from the next request on.',
        security: [],
        body: RefreshBody,
        response: {
          200: ref(TokenPairSchema),
          ...problemResponses(databaseProblems, jsonBodyProblems, { 401: ['invalid_refresh_token'] }),
        },
      },
    },
    async (request) => sessionJson(await useCases.refreshSession(request.body.refresh_token)),
  );

  app.post(
    '/api/v1/auth/logout',
    {
      schema: {
        operationId: 'logOut',
        tags: ['auth'],
        summary: 'End the current session, a given one, or all of them',
        description:
          'Without a body: ends the session of the access token used. `refresh_token`: ends that session ' +
          '(it must be yours). `all: true`: ends every session of the user. The refresh and access tokens ' +
          'of an ended session are refused from the next request on, by every service.',
        security: [{ bearerAuth: [] }],
        body: LogoutBody,
        ...optionalBody,
        response: {
          204: { type: 'null', description: 'Logged out' },
          ...problemResponses(...signedInProblems, jsonBodyProblems, { 404: ['refresh_token_not_found'] }),
        },
      },
      onRequest: auth.onRequest,
      // The body is optional: no body (or an empty one) means "end this session".
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request, reply) => {
      const body = request.body;
      await useCases.logOut(auth.callerOf(request), {
        ...(body.refresh_token !== undefined ? { refreshToken: body.refresh_token } : {}),
        ...(body.all !== undefined ? { all: body.all } : {}),
      });
      return reply.code(204).send(null);
    },
  );
}
