import { isProblem, ProblemError, type Problem } from '@cartwright/client';

/**
 * What went wrong, in words for a shopper. Switches on the problem's stable `code` (never on
 * `title` or `detail`, whose wording may change) and keeps the request id to quote.
 */
export interface Failure {
  message: string;
  /** Worth trying again as it is: a service or dependency down, a network failure, a rate limit. */
  retryable: boolean;
  /** The access token was refused even after one refresh: the user has to log in again. */
  signedOut: boolean;
  requestId?: string;
  problem?: Problem;
}

export function describeFailure(error: unknown): Failure {
  const problem = error instanceof ProblemError ? error.problem : isProblem(error) ? error : undefined;
  if (!problem) {
    // fetch rejects (TypeError) when a service does not answer at all.
    return {
      message: 'The shop is not answering right now. Try again in a moment.',
      retryable: true,
      signedOut: false,
    };
  }
  // Extension members of the codes that have them (docs/frontend.md lists them).
  const extra: Record<string, unknown> = problem;
  const base = { retryable: false, signedOut: false, requestId: problem.request_id, problem };
  switch (problem.code) {
    case 'auth_unavailable':
      return {
        ...base,
        retryable: true,
        message:
          'We cannot check your sign-in right now, so your cart and orders are out of reach for a moment. Nothing is lost: try again shortly.',
      };
    case 'database_unavailable':
    case 'password_checks_busy':
    case 'rate_limited':
      return {
        ...base,
        retryable: true,
        message: 'The shop is busy or briefly unavailable. Try again in a moment.',
      };
    case 'invalid_token':
    case 'authentication_required':
      return { ...base, signedOut: true, message: 'Your session has ended. Log in again to continue.' };
    case 'invalid_credentials':
      return { ...base, message: 'That email and password do not match an account.' };
    case 'email_taken':
      return { ...base, message: 'An account with this email already exists. Log in instead?' };
    case 'weak_password':
      return { ...base, message: 'Choose a password of 8 to 128 characters.' };
    case 'wrong_password':
      return { ...base, message: 'The current password is not right.' };
    case 'quantity_limit_exceeded':
      return {
        ...base,
        message:
          extra.reason === 'stock'
            ? `Only ${String(extra.limit)} in stock: your cart already holds as many as we have.`
            : `At most ${String(extra.limit)} of one product per order.`,
      };
    case 'cart_empty':
      return { ...base, message: 'Your cart is empty.' };
    case 'cart_changed':
      return {
        ...base,
        retryable: true,
        message: 'Your cart changed while checking out. Look it over and try again.',
      };
    case 'products_unavailable': {
      const products = (extra.products as { name: string; available: number }[] | undefined) ?? [];
      const names = products.map((p) => `${p.name} (${p.available} available)`).join(', ');
      return { ...base, message: `Some products are no longer available as ordered: ${names}.` };
    }
    case 'order_expired':
      return {
        ...base,
        message: 'This order was not paid in time and has expired; its items went back on sale.',
      };
    case 'too_many_pending_orders':
      return {
        ...base,
        message: `You have ${String(extra.limit)} orders waiting for payment. Pay or cancel one before checking out again.`,
      };
    case 'invalid_order_status':
      return { ...base, message: `This order is already ${String(extra.order_status)}.` };
    case 'last_admin':
      return { ...base, message: 'The store needs at least one administrator.' };
    case 'shared_cart_not_found':
      return { ...base, message: 'This shared cart does not exist or its link was revoked.' };
    case 'validation_failed':
      return {
        ...base,
        message: `Please check: ${(problem.errors ?? []).map((e: { field: string; message: string }) => `${e.field} ${e.message}`).join('; ') || problem.detail}`,
      };
    default:
      return {
        ...base,
        retryable: problem.status >= 500,
        message:
          problem.status >= 500
            ? 'Something went wrong on our side. Try again in a moment.'
            : (problem.detail ?? problem.title),
      };
  }
}
