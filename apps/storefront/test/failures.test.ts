import { describe, expect, it } from '@jest/globals';
import { ProblemError, type Problem } from '@cartwright/client';
import { describeFailure } from '../src/failures.js';

const problem = (status: number, code: string, extra: Record<string, unknown> = {}): ProblemError =>
  new ProblemError(
    { type: 'about:blank', title: 't', status, code, request_id: 'req-1', ...extra } as Problem,
    new Response(null, { status }),
  );

describe('describeFailure: what a shopper is told, by problem code', () => {
  it('when cart cannot reach customers (503 auth_unavailable), then it offers a retry and keeps the request id', () => {
    const failure = describeFailure(problem(503, 'auth_unavailable'));
    expect(failure).toMatchObject({ retryable: true, signedOut: false, requestId: 'req-1' });
    expect(failure.message).toMatch(/cannot check your sign-in/);
  });

  it('when fetch itself fails (a service not answering), then it offers a retry', () => {
    expect(describeFailure(new TypeError('Failed to fetch'))).toMatchObject({
      retryable: true,
      signedOut: false,
    });
  });

  it('when the token is still refused after the client refreshed, then the user must log in again', () => {
    expect(describeFailure(problem(401, 'invalid_token'))).toMatchObject({
      signedOut: true,
      retryable: false,
    });
    expect(describeFailure(problem(401, 'authentication_required'))).toMatchObject({ signedOut: true });
  });

  it('when a line is capped, then the message says whether by the stock or by the per-line limit', () => {
    const stock = describeFailure(problem(409, 'quantity_limit_exceeded', { limit: 3, reason: 'stock' }));
    const line = describeFailure(
      problem(409, 'quantity_limit_exceeded', { limit: 99, reason: 'max_per_line' }),
    );
    expect(stock.message).toBe('Only 3 in stock: your cart already holds as many as we have.');
    expect(line.message).toBe('At most 99 of one product per order.');
  });

  it('when checkout finds short lines, then each product is named with what is available', () => {
    const failure = describeFailure(
      problem(409, 'products_unavailable', {
        products: [{ product_id: 'p', name: 'Mug', requested: 4, available: 1, reason: 'stock' }],
      }),
    );
    expect(failure.message).toContain('Mug (1 available)');
  });

  it('when input fails validation, then each field is listed', () => {
    const failure = describeFailure(
      problem(400, 'validation_failed', {
        errors: [{ in: 'body', field: 'price', message: 'must be >= 0' }],
      }),
    );
    expect(failure.message).toBe('Please check: price must be >= 0');
  });

  it('when the code is unknown, then a 5xx is generic and retryable and a 4xx shows its detail', () => {
    expect(describeFailure(problem(500, 'internal_error'))).toMatchObject({ retryable: true });
    expect(describeFailure(problem(500, 'internal_error')).message).toBe(
      'Something went wrong on our side. Try again in a moment.',
    );
    expect(describeFailure(problem(404, 'not_found', { detail: 'No such page' })).message).toBe(
      'No such page',
    );
  });
});
