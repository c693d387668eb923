import type { FastifyRequest } from 'fastify';
import { AuthenticationRequired } from '../../domain/errors.js';
import type { Caller } from '../../use-cases/authenticate.js';

/**
 * The bearer guard of authenticated routes. It runs before body validation (preValidation), so
 * an anonymous caller learns nothing about a route's input rules: 401 comes first.
 */
export function createBearerAuth(authenticate: (token: string) => Promise<Caller>) {
  const callers = new WeakMap<FastifyRequest, Caller>();
  return {
    async preValidation(request: FastifyRequest): Promise<void> {
      const header = request.headers.authorization;
      const match = header ? /^Bearer[ ]+([^ ]+)[ ]*$/i.exec(header) : null;
      if (!match?.[1]) throw new AuthenticationRequired();
      callers.set(request, await authenticate(match[1]));
    },
    callerOf(request: FastifyRequest): Caller {
      const caller = callers.get(request);
      // Only reachable if a route forgot the guard: a bug, so a 500 rather than a silent pass.
      if (!caller)
        throw new Error(`route ${request.routeOptions.url ?? ''} read the caller without the bearer guard`);
      return caller;
    },
  };
}

export type BearerAuth = ReturnType<typeof createBearerAuth>;
