import { ref, type HttpApp } from '@cartwright/platform/http';
import type { JWK } from 'jose';
import { JwksSchema } from './schemas.js';

/** Public verification keys (current and previous), so other services can check tokens offline. */
export function registerJwksRoute(app: HttpApp, jwks: { keys: JWK[] }): void {
  app.get(
    '/.well-known/jwks.json',
    {
      schema: {
        operationId: 'getJwks',
        tags: ['keys'],
        summary: 'Public keys that verify access tokens (JWKS, RFC 7517)',
        security: [],
        response: {
          200: {
            ...ref(JwksSchema),
            headers: { 'Cache-Control': { type: 'string', const: 'public, max-age=300' } },
          },
        },
      },
    },
    async (_request, reply) =>
      reply
        .header('cache-control', 'public, max-age=300')
        .send(jwks as { keys: { kty: string; kid: string; alg: string }[] }),
  );
}
