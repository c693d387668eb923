import {
  createRateLimiter,
  created,
  databaseProblems,
  jsonBodyProblems,
  noContent,
  problemResponses,
  ref,
  type BearerGuard,
  type HttpApp,
} from '@cartwright/platform/http';
import { normalizeEmail } from '../../domain/user.js';
import type { Caller } from '../../use-cases/authenticate.js';
import type { CustomersUseCases } from '../../use-cases/customers-use-cases.js';
import {
  ChangePasswordBody,
  ProfileChangesBody,
  RegisterBody,
  UserSchema,
  passwordProblems,
  signedInProblems,
  userJson,
} from './schemas.js';

const bearer = [{ bearerAuth: [] }];

/** Budgets per minute of the two routes that compute a new password hash. */
export interface AccountRateLimits {
  registerPerAddressPerMinute: number;
  registerPerEmailPerMinute: number;
  passwordChangePerAddressPerMinute: number;
  passwordChangePerAccountPerMinute: number;
}

/** Registration and the routes a user calls about their own account. */
export function registerMeRoutes(
  app: HttpApp,
  {
    useCases,
    auth,
    limits,
  }: { useCases: CustomersUseCases; auth: BearerGuard<Caller>; limits: AccountRateLimits },
): void {
  // Each registration and password change costs an argon2 hash (a password change two), so both
  // are budgeted per client address, checked before the body is read, and per account: the
  // email being registered (repeats cost a hash each, even when the email is taken) or the
  // signed-in user (a stolen access token must not become a fast password-guessing oracle).
  const registrationsPerAddress = createRateLimiter(app, {
    max: limits.registerPerAddressPerMinute,
    key: (request) => `address:${request.ip}`,
  });
  const registrationsPerEmail = createRateLimiter(app, {
    max: limits.registerPerEmailPerMinute,
    key: (request) => `email:${normalizeEmail((request.body as { email: string }).email)}`,
  });
  const passwordChangesPerAddress = createRateLimiter(app, {
    max: limits.passwordChangePerAddressPerMinute,
    key: (request) => `address:${request.ip}`,
  });
  const passwordChangesPerAccount = createRateLimiter(app, {
    max: limits.passwordChangePerAccountPerMinute,
    key: (request) => `user:${auth.callerOf(request).user.id}`,
  });

  app.post(
    '/api/v1/users',
    {
      schema: {
        operationId: 'registerUser',
        tags: ['users'],
        summary: 'Register a new account',
        description:
          'Anyone may register. The email is stored trimmed and lower-cased; `is_admin` is not accepted. ' +
          'Rate-limited per client address and per email (429 with Retry-After); 503 ' +
          '`password_checks_busy` with Retry-After when too many password checks are waiting.',
        security: [],
        body: RegisterBody,
        response: {
          201: created(UserSchema, 'The new account (GET it with its own access token)'),
          ...problemResponses(databaseProblems, passwordProblems, jsonBodyProblems, {
            400: ['weak_password'],
            409: ['email_taken'],
            429: ['rate_limited'],
          }),
        },
      },
      onRequest: registrationsPerAddress,
      // The email is only known once the body has been parsed and validated.
      preHandler: registrationsPerEmail,
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
        description:
          'Ends every session: all access and refresh tokens issued so far stop working. Rate-limited per ' +
          'client address and per account (429 with Retry-After); 503 `password_checks_busy` with ' +
          'Retry-After when too many password checks are waiting.',
        security: bearer,
        body: ChangePasswordBody,
        response: {
          204: noContent('Password changed'),
          ...problemResponses(...signedInProblems, passwordProblems, jsonBodyProblems, {
            400: ['weak_password'],
            403: ['wrong_password'],
            429: ['rate_limited'],
          }),
        },
      },
      // The address budget first: a request over it costs neither a token check nor a body.
      onRequest: [passwordChangesPerAddress, auth.onRequest],
      preHandler: passwordChangesPerAccount,
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
