import { describe, expect, it } from '@jest/globals';
import { createChecker, createCoverage, loadDocument, operationsOf } from '../src/documents.js';

// The checker the live test relies on, shown able to fail: each kind of drift between an
// answer and the document is reported.
describe('the answer checker of the contract tests', () => {
  const document = loadDocument('cart');
  const operations = operationsOf('cart', document);
  const check = createChecker('cart', document);
  const getCart = operations.find((o) => o.operationId === 'getCart')!;
  const checkout = operations.find((o) => o.operationId === 'checkout')!;
  const emptyCart = { items: [], total: 0, currency: 'EUR', item_count: 0, updated_at: null };
  const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
    status,
    headers: new Headers({ 'x-request-id': 'r1', ...headers }),
    text: body === undefined ? '' : JSON.stringify(body),
  });
  const json = { 'content-type': 'application/json; charset=utf-8' };
  const problem = { 'content-type': 'application/problem+json' };

  it('when an answer is as documented, then nothing is reported', () => {
    expect(check(getCart, answer(200, emptyCart, json))).toEqual([]);
  });

  it('when the status is not documented for the operation, then it is reported', () => {
    expect(check(getCart, answer(404, { code: 'not_found' }, problem))).toEqual([
      expect.stringContaining('status not documented'),
    ]);
  });

  it('when the body misses a required field or has a wrong type, then it is reported', () => {
    const { total: _total, ...withoutTotal } = emptyCart;
    expect(check(getCart, answer(200, withoutTotal, json))).toEqual([expect.stringContaining('total')]);
    expect(check(getCart, answer(200, { ...emptyCart, item_count: '0' }, json))).toEqual([
      expect.stringContaining('item_count'),
    ]);
  });

  it('when an error is served as application/json instead of problem+json, then it is reported', () => {
    const body = { type: 't', title: 't', status: 401, code: 'invalid_token' };
    expect(check(getCart, answer(401, body, { ...json, 'www-authenticate': 'Bearer' }))).toEqual([
      expect.stringContaining('content type application/json is not documented'),
    ]);
  });

  it('when a problem carries a code the status does not document, then it is reported', () => {
    const body = { type: 't', title: 't', status: 401, code: 'unauthorized' };
    expect(check(getCart, answer(401, body, { ...problem, 'www-authenticate': 'Bearer' }))).toEqual([
      expect.stringContaining('does not match'),
    ]);
  });

  it('when a documented header is missing (WWW-Authenticate on 401, Location on 201), then it is reported', () => {
    const body = { type: 't', title: 't', status: 401, code: 'invalid_token' };
    expect(check(getCart, answer(401, body, problem))).toEqual([
      expect.stringContaining('WWW-Authenticate missing'),
    ]);
    expect(
      check(checkout, answer(409, { type: 't', title: 't', status: 409, code: 'cart_empty' }, problem)),
    ).toEqual([]);
  });

  it('when an operation or a documented status is never seen, then coverage names it', () => {
    const coverage = createCoverage(operations);
    coverage.record(getCart, 200);
    expect(coverage.neverExercised()).toContain('cart checkout');
    expect(coverage.neverExercised()).not.toContain('cart getCart');
    expect(coverage.statusesNeverSeen()).toContain('cart getCart 401');
    expect(coverage.statusesNeverSeen()).not.toContain('cart getCart 200');
  });
});
