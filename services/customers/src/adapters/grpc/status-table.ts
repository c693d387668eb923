import { status, type ServiceError } from '@grpc/grpc-js';
import { isDatabaseUnavailable } from '@cartwright/platform/database';
import { InvalidToken } from '../../domain/errors.js';

export type GrpcFailure = Pick<ServiceError, 'code' | 'details'>;

/**
 * The one mapping from errors to gRPC statuses. Callers act on the code: UNAUTHENTICATED means
 * "reject the request", UNAVAILABLE "retry or fail over"; INTERNAL never carries internals.
 */
export function grpcStatusOf(error: unknown): GrpcFailure {
  if (error instanceof InvalidToken) return { code: status.UNAUTHENTICATED, details: error.reason };
  if (isDatabaseUnavailable(error))
    return { code: status.UNAVAILABLE, details: 'customers database unavailable' };
  return { code: status.INTERNAL, details: 'internal error' };
}
