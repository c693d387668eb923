// Generated from openapi/cart.json by `pnpm openapi:export` (openapi-typescript). Do not edit.

export interface paths {
  '/healthz': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Liveness: the process is up */
    get: operations['getLiveness'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/readyz': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Readiness: required dependencies answer */
    get: operations['getReadiness'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/metrics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Prometheus metrics (text exposition format 0.0.4)
     * @description Request, gRPC, database, domain and process metrics; see docs/observability.md. Served here unless METRICS_PORT moves it to a port of its own, or METRICS_ENABLED=false turns it off.
     */
    get: operations['getMetrics'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/products': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List products on sale
     * @description Ordered by name, then id. Keyset pagination: pass next_cursor back as ?cursor=.
     */
    get: operations['listProducts'];
    put?: never;
    /** Create a product (admin) */
    post: operations['createProduct'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/products/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One product on sale */
    get: operations['getProduct'];
    put?: never;
    post?: never;
    /**
     * Archive a product (admin)
     * @description Hidden from the catalogue and no longer addable; carts and history keep their lines.
     */
    delete: operations['archiveProduct'];
    options?: never;
    head?: never;
    /** Change some fields of a product (admin) */
    patch: operations['updateProduct'];
    trace?: never;
  };
  '/api/v1/cart': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The caller’s cart
     * @description An empty cart when none exists yet; reading never creates one.
     */
    get: operations['getCart'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/cart/items': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Add a product, or increase its quantity
     * @description Answers the whole cart. The resulting line may hold at most 99 and never more than the stock.
     */
    post: operations['addCartItem'];
    /** Empty the cart */
    delete: operations['clearCart'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/cart/items/{product_id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Remove a line
     * @description Idempotent: removing a line that is not there answers the same cart.
     */
    delete: operations['removeCartItem'];
    options?: never;
    head?: never;
    /**
     * Set the quantity of a line
     * @description 404 cart_item_not_found when the product is not in the cart, product_not_found when it is no longer on sale.
     */
    patch: operations['setCartItemQuantity'];
    trace?: never;
  };
  '/api/v1/users/{user_id}/cart': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Any user’s cart, read-only (admin) */
    get: operations['getUserCart'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orders': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The caller’s orders, newest first
     * @description Keyset pagination: pass next_cursor back as ?cursor=. Admins may pass ?user_id= for any user; anyone else only their own id (403 otherwise).
     */
    get: operations['listOrders'];
    put?: never;
    /**
     * Check out the caller’s cart
     * @description One transaction: refuses archived or short lines (409 products_unavailable, naming each with the quantity available), decrements stock, writes a pending order with copies of names and prices, empties the cart. Any failure leaves cart, stock and orders as they were. 409 cart_empty for an empty cart, 409 cart_changed if lines for new products kept arriving during the checkout, 409 too_many_pending_orders when the caller already has the most unpaid orders one user may have (MAX_PENDING_ORDERS_PER_USER). The order must be paid by its payment_due_at, or it expires and its items go back on sale.
     */
    post: operations['checkout'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orders/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One order (owner or admin)
     * @description Another user’s order answers 404, exactly like an unknown id. A pending order past its payment_due_at is expired by this read (its items go back on sale) and answered as expired.
     */
    get: operations['getOrder'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orders/{id}/pay': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Confirm payment of a pending order (owner)
     * @description Simulated: no card data. pending -> paid. An order past its payment_due_at (or already expired) is 409 order_expired; any other status is 409 invalid_order_status. Another user’s order (admins included) answers 404.
     */
    post: operations['payOrder'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/orders/{id}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Cancel a pending order and put its stock back (owner or admin)
     * @description pending -> cancelled; any other status is 409 invalid_order_status (an order past its payment_due_at has expired: order_status expired, its items are back on sale already).
     */
    post: operations['cancelOrder'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/cart/share': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Share the cart by a link
     * @description 201 with a new link, or 200 with the one the cart already has (one link per cart). A user without a cart gets an empty one, so the link shows the cart as it fills.
     */
    post: operations['shareCart'];
    /**
     * Revoke the cart’s link
     * @description The old link answers 404 from then on; sharing again makes a new one. Idempotent: 204 also when the cart has no link.
     */
    delete: operations['revokeCartShare'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/shared-carts/{slug}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Open a shared cart (anyone with the link)
     * @description Live and read-only: current names and prices, nothing about the owner. Unknown, revoked and malformed slugs all answer the same 404. Rate-limited per client address (429 with Retry-After).
     */
    get: operations['getSharedCart'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/cart/items/import': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Add a shared cart’s lines to the caller’s cart
     * @description Quantities add; each line is capped by the cart rules (at most 99, at most the stock) rather than refused, and `capped` lists the lines that did not get all of their quantity. Archived products are skipped (`skipped`). Importing your own shared cart changes nothing. Unknown or revoked slug: 404.
     */
    post: operations['importSharedCart'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    /** @description RFC 9457 problem details */
    Problem: {
      /** @example urn:cartwright:problem:validation_failed */
      type: string;
      /** @example Request validation failed */
      title: string;
      /** @example 400 */
      status: number;
      detail?: string;
      instance?: string;
      /**
       * @description Stable machine-readable error code
       * @example validation_failed
       */
      code: string;
      request_id?: string;
      errors?: {
        in: string;
        field: string;
        message: string;
      }[];
    } & {
      [key: string]: unknown;
    };
    /** @description A required dependency does not answer */
    NotReadyProblem: components['schemas']['Problem'] & {
      /** @enum {string} */
      code: 'not_ready';
      /** @description Each check by name */
      checks: {
        [key: string]: 'up' | 'down';
      };
    };
    /**
     * @description A product on sale
     * @example {
     *       "id": "3f1c2a9e-5b7d-4c1e-9a2b-000000000001",
     *       "name": "Enamel camping mug",
     *       "description": "350 ml, dishwasher safe, stackable.",
     *       "price": 1299,
     *       "currency": "EUR",
     *       "stock": 40,
     *       "created_at": "2026-01-15T09:30:00.000Z",
     *       "updated_at": "2026-01-15T09:30:00.000Z"
     *     }
     */
    Product: {
      /**
       * Format: uuid
       * @description Product id
       * @example 3f1c2a9e-5b7d-4c1e-9a2b-000000000001
       */
      id: string;
      /** @example Enamel camping mug */
      name: string;
      /** @example 350 ml, dishwasher safe, stackable. */
      description: string;
      /**
       * @description Minor units (cents) of the store currency; an integer, never a decimal
       * @example 1999
       */
      price: number;
      /**
       * @description ISO 4217 store currency
       * @example EUR
       */
      currency: string;
      /**
       * @description Units on hand
       * @example 25
       */
      stock: number;
      /**
       * Format: date-time
       * @example 2026-01-15T09:30:00.000Z
       */
      created_at: string;
      /**
       * Format: date-time
       * @example 2026-01-15T09:30:00.000Z
       */
      updated_at: string;
    };
    /** @description One page of the catalogue */
    ProductPage: {
      items: components['schemas']['Product'][];
      /**
       * @description Pass as ?cursor= for the next page; null on the last page
       * @example WyJFbmFtZWwgY2FtcGluZyBtdWciLCIzZjFjMmE5ZS01YjdkLTRjMWUtOWEyYi0wMDAwMDAwMDAwMDEiXQ
       */
      next_cursor: string | null;
    };
    /** @description One product in a cart, with its current name and price */
    CartLine: {
      /**
       * Format: uuid
       * @description Product id
       * @example 3f1c2a9e-5b7d-4c1e-9a2b-000000000001
       */
      product_id: string;
      /** @example Enamel camping mug */
      name: string;
      /**
       * @description Minor units (cents) of the store currency; an integer, never a decimal
       * @example 1999
       */
      unit_price: number;
      /**
       * @description 1-99
       * @example 2
       */
      quantity: number;
      /**
       * @description unit_price x quantity, minor units
       * @example 2598
       */
      line_total: number;
      /**
       * @description False once the product is archived: checkout will refuse the line
       * @example true
       */
      available: boolean;
    };
    /**
     * @description A user's cart with current names and prices
     * @example {
     *       "items": [
     *         {
     *           "product_id": "3f1c2a9e-5b7d-4c1e-9a2b-000000000001",
     *           "name": "Enamel camping mug",
     *           "unit_price": 1299,
     *           "quantity": 2,
     *           "line_total": 2598,
     *           "available": true
     *         }
     *       ],
     *       "total": 2598,
     *       "currency": "EUR",
     *       "item_count": 2,
     *       "updated_at": "2026-01-15T09:31:00.000Z"
     *     }
     */
    Cart: {
      items: components['schemas']['CartLine'][];
      /**
       * @description Sum of line totals, minor units
       * @example 2598
       */
      total: number;
      /**
       * @description ISO 4217 store currency
       * @example EUR
       */
      currency: string;
      /**
       * @description Sum of quantities
       * @example 2
       */
      item_count: number;
      /** @description Null when no cart exists yet */
      updated_at: string | null;
    };
    /** @description One line of an order, as it was at checkout */
    OrderLine: {
      /**
       * Format: uuid
       * @description Product id
       * @example c0ffee00-0000-4000-8000-000000000001
       */
      product_id: string;
      /**
       * @description Product name at checkout
       * @example Enamel camping mug
       */
      name: string;
      /**
       * @description Price at checkout, minor units; later price changes do not alter it
       * @example 1299
       */
      unit_price: number;
      /** @example 2 */
      quantity: number;
      /**
       * @description unit_price x quantity, minor units
       * @example 2598
       */
      line_total: number;
    };
    /**
     * @description An order: a snapshot of a cart at checkout
     * @example {
     *       "id": "5d2b8c4e-7a1f-4e3b-9c6d-0000000000a1",
     *       "user_id": "7b0e3c1a-0003-4000-8000-000000000003",
     *       "status": "pending",
     *       "items": [
     *         {
     *           "product_id": "3f1c2a9e-5b7d-4c1e-9a2b-000000000001",
     *           "name": "Enamel camping mug",
     *           "unit_price": 1299,
     *           "quantity": 2,
     *           "line_total": 2598
     *         }
     *       ],
     *       "total": 2598,
     *       "currency": "EUR",
     *       "item_count": 2,
     *       "created_at": "2026-01-15T09:40:00.000Z",
     *       "updated_at": "2026-01-15T09:40:00.000Z",
     *       "payment_due_at": "2026-01-15T10:10:00.000Z"
     *     }
     */
    Order: {
      /**
       * Format: uuid
       * @description Order id
       * @example 5d2b8c4e-7a1f-4e3b-9c6d-0000000000a1
       */
      id: string;
      /**
       * Format: uuid
       * @description The customer who checked out
       * @example 7b0e3c1a-0003-4000-8000-000000000003
       */
      user_id: string;
      /**
       * @description pending -> paid | cancelled | expired; the last three are final. A pending order not paid by payment_due_at expires and its items go back on sale.
       * @example pending
       */
      status: 'pending' | 'paid' | 'cancelled' | 'expired';
      items: components['schemas']['OrderLine'][];
      /**
       * @description Sum of line totals, minor units
       * @example 2598
       */
      total: number;
      /**
       * @description ISO 4217 store currency at checkout
       * @example EUR
       */
      currency: string;
      /**
       * @description Sum of quantities
       * @example 2
       */
      item_count: number;
      /**
       * Format: date-time
       * @example 2026-01-15T09:30:00.000Z
       */
      created_at: string;
      /**
       * Format: date-time
       * @example 2026-01-15T09:30:00.000Z
       */
      updated_at: string;
      /** @description While pending: when the order expires unless paid. null once paid, cancelled or expired. */
      payment_due_at: string | null;
    };
    /**
     * @description One page of orders
     * @example {
     *       "items": [
     *         {
     *           "id": "5d2b8c4e-7a1f-4e3b-9c6d-0000000000a1",
     *           "user_id": "7b0e3c1a-0003-4000-8000-000000000003",
     *           "status": "pending",
     *           "items": [
     *             {
     *               "product_id": "3f1c2a9e-5b7d-4c1e-9a2b-000000000001",
     *               "name": "Enamel camping mug",
     *               "unit_price": 1299,
     *               "quantity": 2,
     *               "line_total": 2598
     *             }
     *           ],
     *           "total": 2598,
     *           "currency": "EUR",
     *           "item_count": 2,
     *           "created_at": "2026-01-15T09:40:00.000Z",
     *           "updated_at": "2026-01-15T09:40:00.000Z",
     *           "payment_due_at": "2026-01-15T10:10:00.000Z"
     *         }
     *       ],
     *       "next_cursor": null
     *     }
     */
    OrderPage: {
      items: components['schemas']['Order'][];
      /**
       * @description Pass as ?cursor= for the next page; null on the last page
       * @example WyIyMDI2LTAxLTE1VDA5OjQwOjAwLjAwMFoiLCI1ZDJiOGM0ZS03YTFmLTRlM2ItOWM2ZC0wMDAwMDAwMDAwYTEiXQ
       */
      next_cursor: string | null;
    };
    /**
     * @description The cart’s share link
     * @example {
     *       "slug": "q3Xz0B8wVbH1kTn5cR2mEg",
     *       "url": "https://shop.example.com/shared-carts/q3Xz0B8wVbH1kTn5cR2mEg",
     *       "created_at": "2026-01-15T09:30:00.000Z"
     *     }
     */
    CartShare: {
      /**
       * @description The share link’s slug: 22 URL-safe characters (128 random bits)
       * @example q3Xz0B8wVbH1kTn5cR2mEg
       */
      slug: string;
      /**
       * @description The storefront page showing the shared cart (PUBLIC_BASE_URL + /shared-carts/{slug})
       * @example https://shop.example.com/shared-carts/q3Xz0B8wVbH1kTn5cR2mEg
       */
      url: string;
      /**
       * Format: date-time
       * @example 2026-01-15T09:30:00.000Z
       */
      created_at: string;
    };
    /**
     * @description A shared cart, live and read-only: current names and prices. Nothing about its owner (no user id, email or name).
     * @example {
     *       "items": [
     *         {
     *           "product_id": "3f1c2a9e-5b7d-4c1e-9a2b-000000000001",
     *           "name": "Enamel camping mug",
     *           "unit_price": 1299,
     *           "quantity": 2,
     *           "line_total": 2598,
     *           "available": true
     *         }
     *       ],
     *       "total": 2598,
     *       "currency": "EUR",
     *       "item_count": 2,
     *       "updated_at": "2026-01-15T09:31:00.000Z"
     *     }
     */
    SharedCart: {
      items: components['schemas']['CartLine'][];
      /**
       * @description Sum of line totals, minor units
       * @example 2598
       */
      total: number;
      /**
       * @description ISO 4217 store currency
       * @example EUR
       */
      currency: string;
      /**
       * @description Sum of quantities
       * @example 2
       */
      item_count: number;
      /** Format: date-time */
      updated_at: string;
    };
    /**
     * @description The caller’s whole cart after the import, with what the cart rules held back
     * @example {
     *       "items": [
     *         {
     *           "product_id": "3f1c2a9e-5b7d-4c1e-9a2b-000000000001",
     *           "name": "Enamel camping mug",
     *           "unit_price": 1299,
     *           "quantity": 4,
     *           "line_total": 5196,
     *           "available": true
     *         }
     *       ],
     *       "total": 5196,
     *       "currency": "EUR",
     *       "item_count": 4,
     *       "updated_at": "2026-01-15T09:32:00.000Z",
     *       "capped": [
     *         {
     *           "product_id": "3f1c2a9e-5b7d-4c1e-9a2b-000000000001",
     *           "requested": 5,
     *           "added": 2,
     *           "limit": 4,
     *           "reason": "stock"
     *         }
     *       ],
     *       "skipped": []
     *     }
     */
    ImportResult: {
      items: components['schemas']['CartLine'][];
      /**
       * @description Sum of line totals, minor units
       * @example 2598
       */
      total: number;
      /**
       * @description ISO 4217 store currency
       * @example EUR
       */
      currency: string;
      /**
       * @description Sum of quantities
       * @example 2
       */
      item_count: number;
      /** @description Null when no cart exists yet */
      updated_at: string | null;
      /** @description Lines that did not get all of their shared quantity (cart rules: at most 99, at most the stock) */
      capped: {
        /**
         * Format: uuid
         * @example 3f1c2a9e-5b7d-4c1e-9a2b-000000000001
         */
        product_id: string;
        /**
         * @description Quantity in the shared cart
         * @example 5
         */
        requested: number;
        /**
         * @description Quantity actually added (0 when the line was full)
         * @example 2
         */
        added: number;
        /**
         * @description The line cap: min(99, stock)
         * @example 4
         */
        limit: number;
        reason: 'max_per_line' | 'stock';
      }[];
      /** @description Lines of archived products: not added */
      skipped: {
        /**
         * Format: uuid
         * @example 3f1c2a9e-5b7d-4c1e-9a2b-000000000001
         */
        product_id: string;
        /** @enum {string} */
        reason: 'unavailable';
      }[];
    };
    /** @description The line would exceed 99 or the stock */
    QuantityLimitExceededProblem: components['schemas']['Problem'] & {
      /** @enum {string} */
      code: 'quantity_limit_exceeded';
      /**
       * Format: uuid
       * @description The product of the line
       */
      product_id: string;
      /**
       * @description The most this line may hold: min(99, stock)
       * @example 4
       */
      limit: number;
      reason: 'max_per_line' | 'stock';
    };
    /** @description Checkout refused archived or short lines; nothing was written */
    ProductsUnavailableProblem: components['schemas']['Problem'] & {
      /** @enum {string} */
      code: 'products_unavailable';
      /** @description Every line checkout refused */
      products: {
        /**
         * Format: uuid
         * @description The product of the line
         */
        product_id: string;
        name: string;
        /** @description Quantity in the cart */
        requested: number;
        /** @description Quantity that could be sold now (0 when archived) */
        available: number;
        reason: 'archived' | 'stock';
      }[];
    };
    /** @description Only a pending order can be paid or cancelled */
    InvalidOrderStatusProblem: components['schemas']['Problem'] & {
      /** @enum {string} */
      code: 'invalid_order_status';
      /** Format: uuid */
      order_id: string;
      /** @description The order’s status now (`status` is the HTTP status in a problem) */
      order_status: 'pending' | 'paid' | 'cancelled' | 'expired';
    };
    /** @description The order was not paid in time: it expired and its items went back on sale */
    OrderExpiredProblem: components['schemas']['Problem'] & {
      /** @enum {string} */
      code: 'order_expired';
      /** Format: uuid */
      order_id: string;
    };
    /** @description The user already has as many unpaid orders as allowed: pay or cancel one first */
    TooManyPendingOrdersProblem: components['schemas']['Problem'] & {
      /** @enum {string} */
      code: 'too_many_pending_orders';
      /**
       * @description How many orders one user may have waiting for payment
       * @example 3
       */
      limit: number;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: {
    /** @description The request id (a sane incoming X-Request-Id is kept, else a UUID); the `request_id` of problem bodies */
    'X-Request-Id': string;
  };
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  getLiveness: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Alive */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @enum {string} */
            status: 'ok';
          };
        };
      };
    };
  };
  getReadiness: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Every required check passes */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @enum {string} */
            status: 'ready';
            /**
             * @description Each check by name
             * @example {
             *       "database": "up"
             *     }
             */
            checks: {
              [key: string]: 'up' | 'down';
            };
          };
        };
      };
      /** @description Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['NotReadyProblem'];
        };
      };
    };
  };
  getMetrics: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Prometheus text */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'text/plain': string;
        };
      };
    };
  };
  listProducts: {
    parameters: {
      query?: {
        /**
         * @description Case-insensitive text in name or description; % and _ are literal
         * @example mug
         */
        search?: string;
        /** @example 20 */
        limit?: number;
        /** @description next_cursor of the previous page */
        cursor?: string;
      };
      header?: {
        /**
         * @description The ETag of an answer held (or a list of them, or `*`): when it is still current the answer is 304 Not Modified without a body. 1-200 printable characters.
         * @example W/"q1qLAJ5nUeX3v1PZ-7mFYQ1Ly4kAHLcZ"
         */
        'if-none-match'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of the catalogue */
      200: {
        headers: {
          /** @description Weak validator of this answer: send it back in If-None-Match */
          ETag: string;
          /** @description Always `public, max-age=5, stale-while-revalidate=30` */
          'Cache-Control': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ProductPage'];
        };
      };
      /** @description Not Modified: the If-None-Match validator is still current. No body. */
      304: {
        headers: {
          /** @description Weak validator of this answer: send it back in If-None-Match */
          ETag: string;
          /** @description Always `public, max-age=5, stale-while-revalidate=30` */
          'Cache-Control': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Bad request */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'validation_failed' | 'invalid_cursor';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'database_unavailable';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
    };
  };
  createProduct: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "name": "Enamel camping mug",
         *       "description": "350 ml, stackable.",
         *       "price": 1299,
         *       "stock": 40
         *     }
         */
        'application/json': {
          /** @example Enamel camping mug */
          name: string;
          /** @example 350 ml, dishwasher safe, stackable. */
          description?: string;
          /**
           * @description Minor units (cents) of the store currency; an integer, never a decimal
           * @example 1999
           */
          price: number;
          /**
           * @description Units on hand
           * @example 25
           */
          stock?: number;
        };
      };
    };
    responses: {
      /** @description A product on sale */
      201: {
        headers: {
          /** @description The new product */
          Location: string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Product'];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'validation_failed' | 'malformed_json' | 'invalid_value';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Authentication required */
      401: {
        headers: {
          /** @description RFC 6750 challenge: `Bearer realm="cartwright"`, with `error="invalid_token"` when a token was presented */
          'WWW-Authenticate': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'authentication_required' | 'invalid_token';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'forbidden';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Request body too large */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'payload_too_large';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Unsupported media type */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'unsupported_media_type';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'auth_unavailable' | 'database_unavailable';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
    };
  };
  getProduct: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description The ETag of an answer held (or a list of them, or `*`): when it is still current the answer is 304 Not Modified without a body. 1-200 printable characters.
         * @example W/"q1qLAJ5nUeX3v1PZ-7mFYQ1Ly4kAHLcZ"
         */
        'if-none-match'?: string;
      };
      path: {
        /**
         * @description Product id
         * @example 3f1c2a9e-5b7d-4c1e-9a2b-000000000001
         */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A product on sale */
      200: {
        headers: {
          /** @description Weak validator of this answer: send it back in If-None-Match */
          ETag: string;
          /** @description Always `public, max-age=5, stale-while-revalidate=30` */
          'Cache-Control': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Product'];
        };
      };
      /** @description Not Modified: the If-None-Match validator is still current. No body. */
      304: {
        headers: {
          /** @description Weak validator of this answer: send it back in If-None-Match */
          ETag: string;
          /** @description Always `public, max-age=5, stale-while-revalidate=30` */
          'Cache-Control': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Bad request */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'validation_failed' | 'invalid_value';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'product_not_found';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'database_unavailable';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
    };
  };
  archiveProduct: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description Product id
         * @example 3f1c2a9e-5b7d-4c1e-9a2b-000000000001
         */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Archived */
      204: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Bad request */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'validation_failed' | 'invalid_value';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Authentication required */
      401: {
        headers: {
          /** @description RFC 6750 challenge: `Bearer realm="cartwright"`, with `error="invalid_token"` when a token was presented */
          'WWW-Authenticate': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'authentication_required' | 'invalid_token';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'forbidden';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'product_not_found';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'auth_unavailable' | 'database_unavailable';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
    };
  };
  updateProduct: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description Product id
         * @example 3f1c2a9e-5b7d-4c1e-9a2b-000000000001
         */
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "price": 1099,
         *       "stock": 12
         *     }
         */
        'application/json': {
          /** @example Enamel camping mug */
          name?: string;
          /** @example 350 ml, dishwasher safe, stackable. */
          description?: string;
          /**
           * @description Minor units (cents) of the store currency; an integer, never a decimal
           * @example 1999
           */
          price?: number;
          /**
           * @description Units on hand
           * @example 25
           */
          stock?: number;
        };
      };
    };
    responses: {
      /** @description A product on sale */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Product'];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'validation_failed' | 'malformed_json' | 'invalid_value';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Authentication required */
      401: {
        headers: {
          /** @description RFC 6750 challenge: `Bearer realm="cartwright"`, with `error="invalid_token"` when a token was presented */
          'WWW-Authenticate': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'authentication_required' | 'invalid_token';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'forbidden';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'product_not_found';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Request body too large */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'payload_too_large';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Unsupported media type */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'unsupported_media_type';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'auth_unavailable' | 'database_unavailable';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
    };
  };
  getCart: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A user's cart with current names and prices */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Cart'];
        };
      };
      /** @description Authentication required */
      401: {
        headers: {
          /** @description RFC 6750 challenge: `Bearer realm="cartwright"`, with `error="invalid_token"` when a token was presented */
          'WWW-Authenticate': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'authentication_required' | 'invalid_token';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'auth_unavailable' | 'database_unavailable';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
    };
  };
  addCartItem: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "product_id": "3f1c2a9e-5b7d-4c1e-9a2b-000000000001",
         *       "quantity": 2
         *     }
         */
        'application/json': {
          /**
           * Format: uuid
           * @description Product to add
           * @example 3f1c2a9e-5b7d-4c1e-9a2b-000000000001
           */
          product_id: string;
          /**
           * @description 1-99
           * @example 2
           */
          quantity: number;
        };
      };
    };
    responses: {
      /** @description A user's cart with current names and prices */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Cart'];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'validation_failed' | 'malformed_json' | 'invalid_value';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Authentication required */
      401: {
        headers: {
          /** @description RFC 6750 challenge: `Bearer realm="cartwright"`, with `error="invalid_token"` when a token was presented */
          'WWW-Authenticate': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'authentication_required' | 'invalid_token';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'product_not_found';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Conflict */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['QuantityLimitExceededProblem'];
        };
      };
      /** @description Request body too large */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'payload_too_large';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Unsupported media type */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'unsupported_media_type';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'auth_unavailable' | 'database_unavailable';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
    };
  };
  clearCart: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A user's cart with current names and prices */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Cart'];
        };
      };
      /** @description Authentication required */
      401: {
        headers: {
          /** @description RFC 6750 challenge: `Bearer realm="cartwright"`, with `error="invalid_token"` when a token was presented */
          'WWW-Authenticate': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'authentication_required' | 'invalid_token';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'auth_unavailable' | 'database_unavailable';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
    };
  };
  removeCartItem: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description Product id of the line
         * @example 3f1c2a9e-5b7d-4c1e-9a2b-000000000001
         */
        product_id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A user's cart with current names and prices */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Cart'];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'validation_failed' | 'invalid_value';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Authentication required */
      401: {
        headers: {
          /** @description RFC 6750 challenge: `Bearer realm="cartwright"`, with `error="invalid_token"` when a token was presented */
          'WWW-Authenticate': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'authentication_required' | 'invalid_token';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'auth_unavailable' | 'database_unavailable';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
    };
  };
  setCartItemQuantity: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description Product id of the line
         * @example 3f1c2a9e-5b7d-4c1e-9a2b-000000000001
         */
        product_id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "quantity": 3
         *     }
         */
        'application/json': {
          /**
           * @description 1-99
           * @example 2
           */
          quantity: number;
        };
      };
    };
    responses: {
      /** @description A user's cart with current names and prices */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Cart'];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'validation_failed' | 'malformed_json' | 'invalid_value';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Authentication required */
      401: {
        headers: {
          /** @description RFC 6750 challenge: `Bearer realm="cartwright"`, with `error="invalid_token"` when a token was presented */
          'WWW-Authenticate': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'authentication_required' | 'invalid_token';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'cart_item_not_found' | 'product_not_found';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Conflict */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['QuantityLimitExceededProblem'];
        };
      };
      /** @description Request body too large */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'payload_too_large';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Unsupported media type */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'unsupported_media_type';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'auth_unavailable' | 'database_unavailable';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
    };
  };
  getUserCart: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description User id (from customers)
         * @example 7b0e3c1a-0003-4000-8000-000000000003
         */
        user_id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A user's cart with current names and prices */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Cart'];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'validation_failed' | 'invalid_value';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Authentication required */
      401: {
        headers: {
          /** @description RFC 6750 challenge: `Bearer realm="cartwright"`, with `error="invalid_token"` when a token was presented */
          'WWW-Authenticate': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'authentication_required' | 'invalid_token';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'forbidden';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'auth_unavailable' | 'database_unavailable';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
    };
  };
  listOrders: {
    parameters: {
      query?: {
        /** @example 20 */
        limit?: number;
        /** @description next_cursor of the previous page */
        cursor?: string;
        /**
         * @description Whose orders (admin only for anyone but the caller); default the caller
         * @example 7b0e3c1a-0003-4000-8000-000000000003
         */
        user_id?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of orders */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OrderPage'];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'validation_failed' | 'invalid_cursor';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Authentication required */
      401: {
        headers: {
          /** @description RFC 6750 challenge: `Bearer realm="cartwright"`, with `error="invalid_token"` when a token was presented */
          'WWW-Authenticate': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'authentication_required' | 'invalid_token';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Forbidden */
      403: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'forbidden';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'auth_unavailable' | 'database_unavailable';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
    };
  };
  checkout: {
    parameters: {
      query?: never;
      header?: {
        /**
         * @description Optional. A retry with the same key answers the same order (same status and body) and creates nothing; the same key with a different cart is 409 idempotency_key_reused. 1-200 printable characters.
         * @example checkout-2026-01-15-9f3a
         */
        'idempotency-key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description An order: a snapshot of a cart at checkout */
      201: {
        headers: {
          /** @description The new order (the same one on an idempotent replay) */
          Location: string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Order'];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'validation_failed' | 'invalid_value';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Authentication required */
      401: {
        headers: {
          /** @description RFC 6750 challenge: `Bearer realm="cartwright"`, with `error="invalid_token"` when a token was presented */
          'WWW-Authenticate': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'authentication_required' | 'invalid_token';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Conflict */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json':
            | components['schemas']['ProductsUnavailableProblem']
            | components['schemas']['TooManyPendingOrdersProblem']
            | ({
                /** @enum {string} */
                code: 'cart_empty' | 'cart_changed' | 'idempotency_key_reused';
              } & WithRequired<components['schemas']['Problem'], 'code'>);
        };
      };
      /** @description Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'auth_unavailable' | 'database_unavailable';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
    };
  };
  getOrder: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description Order id
         * @example 5d2b8c4e-7a1f-4e3b-9c6d-0000000000a1
         */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description An order: a snapshot of a cart at checkout */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Order'];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'validation_failed' | 'invalid_value';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Authentication required */
      401: {
        headers: {
          /** @description RFC 6750 challenge: `Bearer realm="cartwright"`, with `error="invalid_token"` when a token was presented */
          'WWW-Authenticate': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'authentication_required' | 'invalid_token';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'order_not_found';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'auth_unavailable' | 'database_unavailable';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
    };
  };
  payOrder: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description Order id
         * @example 5d2b8c4e-7a1f-4e3b-9c6d-0000000000a1
         */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description An order: a snapshot of a cart at checkout */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Order'];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'validation_failed' | 'invalid_value';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Authentication required */
      401: {
        headers: {
          /** @description RFC 6750 challenge: `Bearer realm="cartwright"`, with `error="invalid_token"` when a token was presented */
          'WWW-Authenticate': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'authentication_required' | 'invalid_token';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'order_not_found';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Conflict */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json':
            components['schemas']['OrderExpiredProblem'] | components['schemas']['InvalidOrderStatusProblem'];
        };
      };
      /** @description Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'auth_unavailable' | 'database_unavailable';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
    };
  };
  cancelOrder: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description Order id
         * @example 5d2b8c4e-7a1f-4e3b-9c6d-0000000000a1
         */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description An order: a snapshot of a cart at checkout */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Order'];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'validation_failed' | 'invalid_value';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Authentication required */
      401: {
        headers: {
          /** @description RFC 6750 challenge: `Bearer realm="cartwright"`, with `error="invalid_token"` when a token was presented */
          'WWW-Authenticate': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'authentication_required' | 'invalid_token';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'order_not_found';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Conflict */
      409: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['InvalidOrderStatusProblem'];
        };
      };
      /** @description Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'auth_unavailable' | 'database_unavailable';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
    };
  };
  shareCart: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The cart’s share link */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CartShare'];
        };
      };
      /** @description The cart’s share link */
      201: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CartShare'];
        };
      };
      /** @description Authentication required */
      401: {
        headers: {
          /** @description RFC 6750 challenge: `Bearer realm="cartwright"`, with `error="invalid_token"` when a token was presented */
          'WWW-Authenticate': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'authentication_required' | 'invalid_token';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'auth_unavailable' | 'database_unavailable';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
    };
  };
  revokeCartShare: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Revoked (or there was none) */
      204: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Authentication required */
      401: {
        headers: {
          /** @description RFC 6750 challenge: `Bearer realm="cartwright"`, with `error="invalid_token"` when a token was presented */
          'WWW-Authenticate': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'authentication_required' | 'invalid_token';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'auth_unavailable' | 'database_unavailable';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
    };
  };
  getSharedCart: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /**
         * @description The slug from the share link
         * @example q3Xz0B8wVbH1kTn5cR2mEg
         */
        slug: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A shared cart, live and read-only: current names and prices. Nothing about its owner (no user id, email or name). */
      200: {
        headers: {
          'Cache-Control': 'no-store';
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SharedCart'];
        };
      };
      /** @description Not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'shared_cart_not_found';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Too many requests */
      429: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'rate_limited';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'database_unavailable';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
    };
  };
  importSharedCart: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "slug": "q3Xz0B8wVbH1kTn5cR2mEg"
         *     }
         */
        'application/json': {
          /**
           * @description Slug of the shared cart
           * @example q3Xz0B8wVbH1kTn5cR2mEg
           */
          slug: string;
        };
      };
    };
    responses: {
      /** @description The caller’s whole cart after the import, with what the cart rules held back */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ImportResult'];
        };
      };
      /** @description Bad request */
      400: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'validation_failed' | 'malformed_json' | 'invalid_value';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Authentication required */
      401: {
        headers: {
          /** @description RFC 6750 challenge: `Bearer realm="cartwright"`, with `error="invalid_token"` when a token was presented */
          'WWW-Authenticate': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'authentication_required' | 'invalid_token';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Not found */
      404: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'shared_cart_not_found';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Request body too large */
      413: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'payload_too_large';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Unsupported media type */
      415: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'unsupported_media_type';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
      /** @description Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After': string;
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': {
            /** @enum {string} */
            code: 'auth_unavailable' | 'database_unavailable';
          } & WithRequired<components['schemas']['Problem'], 'code'>;
        };
      };
    };
  };
}
type WithRequired<T, K extends keyof T> = T & {
  [P in K]-?: T[P];
};
