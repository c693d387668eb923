import type { ErrorTable, ProblemMapping } from '@cartwright/platform/http';
import {
  AdminOnly,
  EmailTaken,
  InvalidCredentials,
  InvalidRefreshToken,
  LastAdmin,
  RefreshTokenNotFound,
  SessionNotFound,
  UserNotFound,
  WeakPassword,
  WrongPassword,
} from '../../domain/errors.js';
import { PasswordHashingBusy } from '../passwords/argon2-hasher.js';

/** POST /auth/introspect without the introspection client's credentials (RFC 7662 §2.1). */
export class IntrospectionClientRefused extends Error {}

// RFC 6750 §3: a 401 names the scheme; login's and refresh's too (the bearer guard's 401s are the
// platform's, with error="invalid_token" when a token was presented).
const bearerChallenge = { 'www-authenticate': 'Bearer realm="cartwright"' };

/** The one mapping from domain errors to HTTP problems; anything else falls through to 500. */
export const customersErrorTable: ErrorTable = (error): ProblemMapping | undefined => {
  if (error instanceof EmailTaken)
    return { status: 409, code: 'email_taken', title: 'Email already registered', detail: error.message };
  if (error instanceof WeakPassword) {
    return {
      status: 400,
      code: 'weak_password',
      title: 'Password does not meet the policy',
      detail: error.message,
      extensions: {
        errors: [
          {
            in: 'body',
            field: error.input === 'newPassword' ? 'new_password' : 'password',
            message: error.message,
          },
        ],
      },
    };
  }
  if (error instanceof InvalidCredentials) {
    return {
      status: 401,
      code: 'invalid_credentials',
      title: 'Invalid credentials',
      detail: error.message,
      headers: bearerChallenge,
    };
  }
  if (error instanceof InvalidRefreshToken) {
    return {
      status: 401,
      code: 'invalid_refresh_token',
      title: 'Invalid refresh token',
      detail: error.reason,
      headers: bearerChallenge,
    };
  }
  if (error instanceof RefreshTokenNotFound) {
    return {
      status: 404,
      code: 'refresh_token_not_found',
      title: 'Refresh token not found',
      detail: error.message,
    };
  }
  if (error instanceof SessionNotFound)
    return { status: 404, code: 'session_not_found', title: 'Session not found', detail: error.message };
  if (error instanceof WrongPassword)
    return { status: 403, code: 'wrong_password', title: 'Wrong password', detail: error.message };
  if (error instanceof UserNotFound)
    return { status: 404, code: 'user_not_found', title: 'User not found', detail: error.message };
  if (error instanceof AdminOnly)
    return { status: 403, code: 'forbidden', title: 'Forbidden', detail: error.message };
  if (error instanceof LastAdmin)
    return { status: 409, code: 'last_admin', title: 'Last administrator', detail: error.message };
  if (error instanceof PasswordHashingBusy) {
    return {
      status: 503,
      code: 'password_checks_busy',
      title: 'Too many password checks in progress',
      detail: error.message,
      headers: { 'retry-after': String(error.retryAfterSeconds) },
    };
  }
  if (error instanceof IntrospectionClientRefused) {
    return {
      status: 401,
      code: 'invalid_client',
      title: 'Introspection client not authenticated',
      detail: 'Send the introspection client secret as HTTP Basic (any user name) or as a Bearer token',
      headers: { 'www-authenticate': 'Basic realm="cartwright-introspection"' },
    };
  }
  return undefined;
};
