import type { ErrorTable, ProblemMapping } from '@cartwright/platform/http';
import {
  AdminRequired,
  AuthServiceUnavailable,
  CartItemNotFound,
  ProductNotFound,
  QuantityLimitExceeded,
} from '../../domain/errors.js';
import { InvalidCursor } from '../../domain/product-cursor.js';
import { CredentialsMissing, TokenRefused } from './auth.js';

/** The one place the cart service's errors become HTTP statuses and problem codes. */
export const errorTable: ErrorTable = (error): ProblemMapping | undefined => {
  if (error instanceof CredentialsMissing) {
    return {
      status: 401,
      code: 'unauthorized',
      title: 'Authentication required',
      detail: error.message,
      headers: { 'www-authenticate': 'Bearer' },
    };
  }
  if (error instanceof TokenRefused) {
    return {
      status: 401,
      code: 'invalid_token',
      title: 'Invalid access token',
      detail: error.message,
      headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
    };
  }
  if (error instanceof AuthServiceUnavailable) {
    return {
      status: 503,
      code: 'auth_unavailable',
      title: 'Authentication temporarily unavailable',
      detail: 'The customers service did not answer in time; retry shortly.',
      headers: { 'retry-after': '1' },
    };
  }
  if (error instanceof AdminRequired) {
    return { status: 403, code: 'forbidden', title: 'Forbidden', detail: error.message };
  }
  if (error instanceof ProductNotFound) {
    return { status: 404, code: 'product_not_found', title: 'Product not found', detail: error.message };
  }
  if (error instanceof CartItemNotFound) {
    return { status: 404, code: 'cart_item_not_found', title: 'Not in the cart', detail: error.message };
  }
  if (error instanceof QuantityLimitExceeded) {
    return {
      status: 409,
      code: 'quantity_limit_exceeded',
      title: 'Quantity limit exceeded',
      detail: error.message,
      extensions: { product_id: error.productId, limit: error.limit, reason: error.reason },
    };
  }
  if (error instanceof InvalidCursor) {
    return {
      status: 400,
      code: 'invalid_cursor',
      title: 'Invalid cursor',
      detail: error.message,
      extensions: { errors: [{ in: 'querystring', field: 'cursor', message: 'is not a valid cursor' }] },
    };
  }
  return undefined;
};
