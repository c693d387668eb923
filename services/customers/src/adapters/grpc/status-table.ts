import { status, type ServiceError } from '@grpc/grpc-js';
import { isDatabaseUnavailable } from '@cartwright/platform/database';
import { EventCursorOutOfRange, InvalidEventCursor, InvalidToken } from '../../domain/errors.js';

export type GrpcFailure = Pick<ServiceError, 'code' | 'details'>;

/**
 * The one mapping from errors to gRPC statuses. Callers act on the code: UNAUTHENTICATED means
 * "reject the request", UNAVAILABLE "retry or fail over"; INTERNAL never carries internals.
 */
export function grpcStatusOf(error: unknown): GrpcFailure {
  if (error instanceof InvalidToken) return { code: status.UNAUTHENTICATED, details: error.reason };
  if (error instanceof InvalidEventCursor) return { code: status.INVALID_ARGUMENT, details: error.message };
  // The consumer's cue to reconcile (FindExistingUsers) and subscribe again from the start.
  if (error instanceof EventCursorOutOfRange) return { code: status.OUT_OF_RANGE, details: error.message };
  if (isDatabaseUnavailable(error))
    return { code: status.UNAVAILABLE, details: 'customers database unavailable' };
  return { code: status.INTERNAL, details: 'internal error' };
}
