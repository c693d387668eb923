import type { FastifyRequest } from 'fastify';
import type { Caller } from '../../domain/caller.js';
import type { Authenticator } from '../../ports.js';

/** No usable `Authorization: Bearer …` header. */
export class CredentialsMissing extends Error {}
/** customers refused the token (invalid, expired, revoked by a password change). */
export class TokenRefused extends Error {}

// RFC 6750 b64token.
const bearer = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/**
 * Every authenticated request asks customers; nothing is cached, so a revoked token or a
 * demoted admin takes effect on the very next request. Runs onRequest, before body
 * validation: an anonymous caller learns nothing about a route's input rules.
 */
export function createAuthGuard(authenticator: Authenticator) {
  const callers = new WeakMap<FastifyRequest, Caller>();
  return {
    async onRequest(request: FastifyRequest): Promise<void> {
      const match = bearer.exec(request.headers.authorization ?? '');
      if (!match?.[1]) throw new CredentialsMissing('Authorization: Bearer <token> is required');
      const caller = await authenticator.validate(match[1]);
      if (!caller) throw new TokenRefused('The access token is invalid, expired or revoked');
      callers.set(request, caller);
    },
    callerOf(request: FastifyRequest): Caller {
      const caller = callers.get(request);
      // A route that reads the caller without the hook is a wiring bug, not a client error.
      if (!caller) throw new Error(`route ${request.routeOptions.url} reads a caller but has no auth hook`);
      return caller;
    },
  };
}

export type AuthGuard = ReturnType<typeof createAuthGuard>;
