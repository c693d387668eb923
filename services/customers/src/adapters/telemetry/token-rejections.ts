import { InvalidToken } from '../../domain/errors.js';
import type { CustomersUseCases } from '../../use-cases/customers-use-cases.js';

/** "token has been revoked" → token_has_been_revoked: a label value that reads like the reason. */
const labelOf = (reason: string) =>
  reason
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

/**
 * Counts refused access tokens by reason, in one place for every edge that asks (gRPC
 * ValidateToken(s), introspection, the REST bearer check): a spike of "revoked" or "bad
 * signature" is worth an alert. The verdicts themselves pass through untouched.
 */
export function countTokenRejections(
  useCases: CustomersUseCases,
  rejected: { inc(labels: { reason: string }): void },
): CustomersUseCases {
  return {
    ...useCases,
    async authenticate(token) {
      try {
        return await useCases.authenticate(token);
      } catch (error) {
        if (error instanceof InvalidToken) rejected.inc({ reason: labelOf(error.reason) });
        throw error;
      }
    },
    async authenticateMany(tokens) {
      const outcomes = await useCases.authenticateMany(tokens);
      for (const outcome of outcomes) if (!outcome.valid) rejected.inc({ reason: labelOf(outcome.reason) });
      return outcomes;
    },
  };
}
