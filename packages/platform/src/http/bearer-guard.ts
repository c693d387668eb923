import type { FastifyRequest } from 'fastify';

/** No `Authorization: Bearer <token>` header: the request carried no credentials at all. */
export class BearerTokenMissing extends Error {
  constructor(readonly realm: string) {
    super('This route needs a bearer access token.');
  }
}

/** A token was presented and refused (bad signature, expired, revoked, unknown user...). */
export class BearerTokenRefused extends Error {
  constructor(
    /** Short and safe to show the caller; it goes into `detail` and `error_description`. */
    readonly reason: string,
    readonly realm: string = defaultRealm,
  ) {
    super(`Invalid access token: ${reason}`);
  }
}

/**
 * Thrown by a service's `authenticate` for a token it refuses. Anything else it throws (the
 * identity service or the database being unreachable) goes to the error handler unchanged, so a
 * dependency that is down answers 503, never 401.
 */
export function refuseToken(reason: string): never {
  throw new BearerTokenRefused(reason);
}

export interface BearerGuardOptions<Caller> {
  /** Resolves the caller a token belongs to; throws `refuseToken(reason)` for a bad token. */
  authenticate(token: string): Promise<Caller>;
  /** The RFC 6750 realm named in every challenge. */
  realm?: string;
}

const defaultRealm = 'cartwright';
// RFC 6750 §2.1: `Bearer` 1*SP b64token. The scheme is case-insensitive (RFC 9110 §11.1).
const bearerHeader = /^Bearer +(\S+) *$/i;
const b64token = /^[A-Za-z0-9\-._~+/]+=*$/;

/**
 * The bearer check every authenticated route of both services runs. It is an onRequest hook:
 * it runs before the body is read, parsed or validated, so an anonymous caller gets 401 before
 * any 400, 413 or 415 and learns nothing about a route's input rules. The error handler turns
 * the two failures into the shared answers: 401 `authentication_required` with
 * `WWW-Authenticate: Bearer realm="…"` when no token was sent, 401 `invalid_token` with
 * `error="invalid_token"` added when one was (RFC 6750 §3).
 */
export function createBearerGuard<Caller>(options: BearerGuardOptions<Caller>) {
  const realm = options.realm ?? defaultRealm;
  const callers = new WeakMap<FastifyRequest, Caller>();
  return {
    async onRequest(request: FastifyRequest): Promise<void> {
      const token = bearerHeader.exec(request.headers.authorization ?? '')?.[1];
      if (token === undefined) throw new BearerTokenMissing(realm);
      if (!b64token.test(token)) throw new BearerTokenRefused('malformed token', realm);
      try {
        callers.set(request, await options.authenticate(token));
      } catch (error) {
        if (error instanceof BearerTokenRefused) throw new BearerTokenRefused(error.reason, realm);
        throw error;
      }
    },
    callerOf(request: FastifyRequest): Caller {
      const caller = callers.get(request);
      // Only reachable when a route forgot the hook: a wiring bug, so a 500, never a silent pass.
      if (caller === undefined) {
        throw new Error(`route ${request.routeOptions.url ?? ''} reads the caller without the bearer guard`);
      }
      return caller;
    },
  };
}

export type BearerGuard<Caller> = ReturnType<typeof createBearerGuard<Caller>>;

/** RFC 6750 §3: the challenge of a 401, with `error="invalid_token"` only when a token was sent. */
export function bearerChallenge(error: BearerTokenMissing | BearerTokenRefused): string {
  if (error instanceof BearerTokenMissing) return `Bearer realm="${error.realm}"`;
  // A quoted-string may not hold `"` or `\` unescaped; the reasons are ours, so dropping them is enough.
  const description = error.reason.replace(/["\\]/g, '');
  return `Bearer realm="${error.realm}", error="invalid_token", error_description="${description}"`;
}
