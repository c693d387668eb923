import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import {
  createLockout,
  databaseProblems,
  jsonBodyProblems,
  problemResponses,
  type HttpApp,
} from '@cartwright/platform/http';
import { Type } from 'typebox';
import type { BatchOutcome } from '../../use-cases/authenticate.js';
import { IntrospectionClientRefused } from './error-table.js';

const IntrospectBody = Type.Object(
  { token: Type.String({ maxLength: 8192, description: 'The access token to check' }) },
  { additionalProperties: true },
);

const IntrospectionSchema = Type.Object(
  {
    active: Type.Boolean({
      description: 'False for any invalid, expired or revoked token (nothing else then)',
    }),
    sub: Type.Optional(Type.String({ format: 'uuid', description: 'The user id' })),
    email: Type.Optional(Type.String()),
    is_admin: Type.Optional(
      Type.Boolean({
        description: 'Read from the user row now, not from the token: a demotion counts at once',
      }),
    ),
    exp: Type.Optional(Type.Integer({ description: 'Expiry of the access token, seconds since the epoch' })),
    token_type: Type.Optional(Type.Literal('access_token')),
  },
  { additionalProperties: false },
);

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * RFC 7662 token introspection for services that cannot speak gRPC: the same checks as
 * ValidateToken (signature, claims, current user row and token version). Only the introspection
 * client (a shared secret) may call it, so nobody else can use it as a token oracle; failed
 * client authentications lock the address out for the rest of the window, to stop secret
 * guessing. Registered only when the secret is configured (otherwise 404).
 */
export function registerIntrospectionRoute(
  app: HttpApp,
  deps: {
    authenticateMany: (tokens: readonly string[]) => Promise<BatchOutcome[]>;
    clientSecret: string;
    failedClientAuthPerMinute: number;
  },
): void {
  const expected = digest(deps.clientSecret);
  const failuresPerAddress = createLockout({ max: deps.failedClientAuthPerMinute });

  const presentedSecret = (request: FastifyRequest): string | undefined => {
    const header = request.headers.authorization ?? '';
    const bearer = /^Bearer +(\S+) *$/i.exec(header);
    if (bearer?.[1]) return bearer[1];
    const basic = /^Basic +([A-Za-z0-9+/]+=*) *$/i.exec(header);
    if (!basic?.[1]) return undefined;
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon < 0 ? undefined : decoded.slice(colon + 1);
  };

  // Forms are what RFC 7662 specifies; JSON is accepted too. Scoped to this route's plugin.
  void app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 16_384 },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );
    scope.post(
      '/api/v1/auth/introspect',
      {
        schema: {
          operationId: 'introspectToken',
          tags: ['auth'],
          summary: 'Token introspection (RFC 7662), for services that cannot call gRPC ValidateToken',
          description:
            'Client authentication: the INTROSPECTION_CLIENT_SECRET as HTTP Basic password (any user name) ' +
            'or as a Bearer token. Body: `token` as application/x-www-form-urlencoded or JSON. Answers ' +
            '`{"active": false}` for any invalid, expired or revoked token, or for a deleted user; otherwise ' +
            'the user as of now. Repeated failed client authentications from one address get 429. ' +
            'Not registered (404) when customers has no introspection secret configured.',
          security: [{ introspectionClient: [] }],
          consumes: ['application/x-www-form-urlencoded', 'application/json'],
          body: IntrospectBody,
          response: {
            200: IntrospectionSchema,
            ...problemResponses(databaseProblems, jsonBodyProblems, {
              401: ['invalid_client'],
              429: ['rate_limited'],
            }),
          },
        },
        onRequest: async (request) => {
          // The lockout is asked BEFORE the secret is compared: a locked-out address gets 429
          // whatever it presents, so a guesser cannot tell a hit from a miss while refused.
          const attempt = failuresPerAddress.begin(request.ip);
          const secret = presentedSecret(request);
          if (secret !== undefined && timingSafeEqual(digest(secret), expected)) {
            attempt.succeeded();
            return;
          }
          attempt.failed();
          throw new IntrospectionClientRefused();
        },
      },
      async (request) => {
        const [outcome] = await deps.authenticateMany([(request.body as { token: string }).token]);
        if (!outcome?.valid) return { active: false };
        const { user, tokenExpiresAt } = outcome.caller;
        return {
          active: true,
          sub: user.id,
          email: user.email,
          is_admin: user.isAdmin,
          exp: Math.floor(tokenExpiresAt.getTime() / 1000),
          token_type: 'access_token' as const,
        };
      },
    );
  });
}
