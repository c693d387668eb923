import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { carts, cartShares } from '../../src/adapters/db/schema.js';
import { createCryptoSlugGenerator } from '../../src/adapters/slugs/crypto-slug-generator.js';
import type { SlugGenerator } from '../../src/ports.js';
import { adminToken } from '../support/fake-customers.js';
import { bearer, insertProduct, startCartApp } from '../support/cart-app.js';
import { newShopper, useCartStack } from '../support/cart-stack.js';

const publicBaseUrl = 'https://shop.example.com';

/** Crypto slugs, except the ones a test queues first (to force a collision). */
function queueableSlugs(): SlugGenerator & { queue: string[]; drawn: string[] } {
  const crypto = createCryptoSlugGenerator();
  const generator = {
    queue: [] as string[],
    drawn: [] as string[],
    next() {
      const slug = generator.queue.shift() ?? crypto.next();
      generator.drawn.push(slug);
      return slug;
    },
  };
  return generator;
}

describe('shared cart routes', () => {
  const slugs = queueableSlugs();
  const stack = useCartStack({
    // A budget no test here reaches, except the rate-limit test on its own app.
    env: { PUBLIC_BASE_URL: publicBaseUrl, SHARED_CART_RATE_LIMIT_PER_MINUTE: '10000' },
    slugGenerator: slugs,
  });
  const newUser = () => newShopper(stack.app);
  const open = (slug: string, headers: Record<string, string> = {}) =>
    stack.app.http.inject({ method: 'GET', url: `/api/v1/shared-carts/${slug}`, headers });
  const archive = (productId: string) =>
    stack.app.http.inject({
      method: 'DELETE',
      url: `/api/v1/products/${productId}`,
      headers: bearer(adminToken(randomUUID())),
    });
  const sharesOf = async (userId: string) => {
    const [cart] = await stack.database.db.select().from(carts).where(eq(carts.userId, userId));
    return cart ? stack.database.db.select().from(cartShares).where(eq(cartShares.cartId, cart.id)) : [];
  };
  /** A problem body without what differs per request by design. */
  const comparable = (body: Record<string, unknown>) => {
    const { instance: _instance, request_id: _requestId, ...rest } = body;
    return rest;
  };

  it('when a user shares the cart twice, then 201 with a new link, then 200 with the same one', async () => {
    const user = newUser();
    const first = await user.share();
    expect(first.statusCode).toBe(201);
    const body = first.json();
    expect(body.slug).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(body.url).toBe(`${publicBaseUrl}/shared-carts/${body.slug}`);
    expect(Date.parse(body.created_at)).not.toBeNaN();
    const second = await user.share();
    expect(second.statusCode).toBe(200);
    expect(second.json()).toEqual(body);
    expect(await sharesOf(user.id)).toHaveLength(1);
  });

  it('when a user without a cart shares, then the link shows an empty cart that fills live', async () => {
    const owner = newUser();
    const { slug } = (await owner.share()).json();
    const empty = await open(slug);
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toMatchObject({ items: [], total: 0, item_count: 0, currency: 'EUR' });

    const mug = await insertProduct(stack.database, { name: 'Mug', price: 1299 });
    await owner.add(mug.id, 2);
    const live = await open(slug);
    expect(live.json()).toEqual({
      items: [
        { product_id: mug.id, name: 'Mug', unit_price: 1299, quantity: 2, line_total: 2598, available: true },
      ],
      total: 2598,
      currency: 'EUR',
      item_count: 2,
      updated_at: expect.any(String),
    });
    await archive(mug.id);
    expect((await open(slug)).json().items[0]).toMatchObject({ product_id: mug.id, available: false });
  });

  it('when anyone opens a link while stack.customers answers UNAVAILABLE, then it works and stack.customers is never asked', async () => {
    const owner = newUser();
    const mug = await insertProduct(stack.database);
    await owner.add(mug.id, 1);
    const { slug } = (await owner.share()).json();
    const calls = stack.customers.calls;
    const anonymous = await open(slug);
    const withFailingToken = await open(slug, bearer('unavailable'));
    expect(anonymous.statusCode).toBe(200);
    expect(withFailingToken.statusCode).toBe(200);
    expect(withFailingToken.json()).toEqual(anonymous.json());
    expect(stack.customers.calls).toBe(calls);
    expect(anonymous.headers['cache-control']).toBe('no-store');
  });

  it('when a shared cart is opened, then nothing in it identifies the owner', async () => {
    const owner = newUser();
    const mug = await insertProduct(stack.database);
    await owner.add(mug.id, 3);
    // The owner's identity is known to the cart: they are the signed-in user of these calls.
    expect((await owner.cart()).statusCode).toBe(200);
    const { slug } = (await owner.share()).json();
    const response = await open(slug);
    expect(Object.keys(response.json()).sort()).toEqual([
      'currency',
      'item_count',
      'items',
      'total',
      'updated_at',
    ]);
    expect(Object.keys(response.json().items[0]).sort()).toEqual([
      'available',
      'line_total',
      'name',
      'product_id',
      'quantity',
      'unit_price',
    ]);
    for (const personal of [owner.id, owner.id.slice(0, 8), owner.email]) {
      expect(response.body).not.toContain(personal);
    }
  });

  it('when another user imports a shared cart, then quantities add, capped by 99 and stock, archived lines skipped', async () => {
    const owner = newUser();
    const friend = newUser();
    const plenty = await insertProduct(stack.database, { stock: 1000 });
    const scarce = await insertProduct(stack.database, { stock: 4 });
    const fresh = await insertProduct(stack.database, { price: 700 });
    const gone = await insertProduct(stack.database);
    await owner.add(plenty.id, 60);
    await owner.add(scarce.id, 3);
    await owner.add(fresh.id, 2);
    await owner.add(gone.id, 1);
    await archive(gone.id);
    await friend.add(plenty.id, 50);
    await friend.add(scarce.id, 2);
    const { slug } = (await owner.share()).json();
    const ownerCartBefore = (await owner.cart()).json();

    const response = await friend.import(slug);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    const quantities = Object.fromEntries(
      body.items.map((line: { product_id: string; quantity: number }) => [line.product_id, line.quantity]),
    );
    expect(quantities).toEqual({ [plenty.id]: 99, [scarce.id]: 4, [fresh.id]: 2 });
    expect(body.capped).toEqual([
      { product_id: plenty.id, requested: 60, added: 49, limit: 99, reason: 'max_per_line' },
      { product_id: scarce.id, requested: 3, added: 2, limit: 4, reason: 'stock' },
    ]);
    expect(body.skipped).toEqual([{ product_id: gone.id, reason: 'unavailable' }]);
    expect(body.item_count).toBe(105);
    expect((await friend.cart()).json().items).toEqual(body.items);
    expect((await owner.cart()).json()).toEqual(ownerCartBefore);
  });

  it('when one user imports the same shared cart 5 times in parallel, then lines add up to the cap and never pass it', async () => {
    const owner = newUser();
    const friend = newUser();
    const plenty = await insertProduct(stack.database, { stock: 1000 });
    const few = await insertProduct(stack.database, { stock: 1000 });
    await owner.add(plenty.id, 60);
    await owner.add(few.id, 10);
    const { slug } = (await owner.share()).json();
    const responses = await Promise.all(Array.from({ length: 5 }, () => friend.import(slug)));
    expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
    const quantities = Object.fromEntries(
      (await friend.cart())
        .json()
        .items.map((line: { product_id: string; quantity: number }) => [line.product_id, line.quantity]),
    );
    expect(quantities).toEqual({ [plenty.id]: 99, [few.id]: 50 });
    // What the responses say was added is what the cart holds: no import was lost or double-counted.
    const addedOfPlenty = responses
      .map(
        (r) => r.json().capped.find((c: { product_id: string }) => c.product_id === plenty.id)?.added ?? 60,
      )
      .reduce((a: number, b: number) => a + b, 0);
    expect(addedOfPlenty).toBe(99);
  });

  it('when a user without a cart imports, then the cart is created with the shared lines', async () => {
    const owner = newUser();
    const mug = await insertProduct(stack.database, { price: 500 });
    await owner.add(mug.id, 3);
    const { slug } = (await owner.share()).json();
    const response = await newUser().import(slug);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ total: 1500, item_count: 3, capped: [], skipped: [] });
  });

  it('when the owner imports their own shared cart, then 200 and nothing changes', async () => {
    const owner = newUser();
    const mug = await insertProduct(stack.database);
    await owner.add(mug.id, 2);
    const { slug } = (await owner.share()).json();
    const response = await owner.import(slug);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ item_count: 2, capped: [], skipped: [] });
    expect((await owner.cart()).json().item_count).toBe(2);
  });

  it('when an import names an unknown or malformed slug, then 404; a missing slug is 400', async () => {
    const user = newUser();
    for (const slug of [createCryptoSlugGenerator().next(), 'nope', 'x'.repeat(200)]) {
      const response = await user.import(slug);
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ code: 'shared_cart_not_found' });
    }
    expect((await user.import(undefined)).statusCode).toBe(400);
    expect(await stack.database.db.select().from(carts).where(eq(carts.userId, user.id))).toEqual([]);
  });

  it('when the owner revokes the link, then 204 and the old slug answers 404 for opening and importing', async () => {
    const owner = newUser();
    const mug = await insertProduct(stack.database);
    await owner.add(mug.id, 1);
    const { slug } = (await owner.share()).json();
    expect((await open(slug)).statusCode).toBe(200);

    const revoked = await owner.revoke();
    expect(revoked.statusCode).toBe(204);
    expect(revoked.body).toBe('');
    const opened = await open(slug);
    expect(opened.statusCode).toBe(404);
    expect(opened.json()).toMatchObject({ code: 'shared_cart_not_found' });
    expect((await newUser().import(slug)).statusCode).toBe(404);
    expect(await sharesOf(owner.id)).toEqual([]);

    // Idempotent; and sharing again makes a new link, the old one stays dead.
    expect((await owner.revoke()).statusCode).toBe(204);
    const again = await owner.share();
    expect(again.statusCode).toBe(201);
    expect(again.json().slug).not.toBe(slug);
    expect((await open(slug)).statusCode).toBe(404);
    expect((await open(again.json().slug)).statusCode).toBe(200);
  });

  it('when a user who never shared revokes, then 204', async () => {
    expect((await newUser().revoke()).statusCode).toBe(204);
  });

  it.each([
    ['too short', 'abc'],
    ['one character too many', 'AAAAAAAAAAAAAAAAAAAAAAA'],
    ['a last character no slug ends in', 'AAAAAAAAAAAAAAAAAAAAAB'],
    ['a NUL byte', 'AAAAAAAAAA%00AAAAAAAAAAA'],
    ['non-ASCII', '%C3%A9t%C3%A9'],
    ['an encoded slash', 'abc%2Fdef'],
    ['a path below it', 'abc/def'],
    ['longer than the router allows', 'A'.repeat(300)],
    ['SQL', "'%20or%201=1--"],
  ])('when the slug has %s, then 404 with the same body as an unknown slug', async (_label, slug) => {
    const unknown = await open(createCryptoSlugGenerator().next());
    const malformed = await open(slug);
    expect(unknown.statusCode).toBe(404);
    expect(malformed.statusCode).toBe(404);
    expect(malformed.headers['content-type']).toBe(unknown.headers['content-type']);
    expect(comparable(malformed.json())).toEqual(comparable(unknown.json()));
    expect(comparable(unknown.json())).toMatchObject({ code: 'shared_cart_not_found', status: 404 });
  });

  it('when the generated slug is already taken, then the share retries with a new slug and succeeds', async () => {
    const first = newUser();
    const second = newUser();
    const taken = createCryptoSlugGenerator().next();
    const fresh = createCryptoSlugGenerator().next();
    slugs.queue.push(taken);
    expect((await first.share()).json().slug).toBe(taken);

    slugs.drawn.length = 0;
    slugs.queue.push(taken, fresh);
    const response = await second.share();
    expect(response.statusCode).toBe(201);
    expect(response.json().slug).toBe(fresh);
    expect(slugs.drawn).toEqual([taken, fresh]);
    expect((await sharesOf(first.id))[0]?.slug).toBe(taken);
    expect((await sharesOf(second.id))[0]?.slug).toBe(fresh);
  });

  it('when one user shares 10 times in parallel, then exactly one share: one 201, nine 200, one slug', async () => {
    const user = newUser();
    const responses = await Promise.all(Array.from({ length: 10 }, () => user.share()));
    const statuses = responses.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(responses.map((r) => r.json().slug)).size).toBe(1);
    expect(await sharesOf(user.id)).toHaveLength(1);
    expect(await stack.database.db.select().from(carts).where(eq(carts.userId, user.id))).toHaveLength(1);
  });

  it.each([
    ['POST', '/api/v1/cart/share'],
    ['DELETE', '/api/v1/cart/share'],
    ['POST', '/api/v1/cart/items/import'],
  ] as const)('when %s %s has no bearer token, then 401 with WWW-Authenticate', async (method, url) => {
    const response = await stack.app.http.inject({ method, url, payload: { slug: 'x' } });
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="cartwright"');
    expect(response.json()).toMatchObject({ code: 'authentication_required' });
    const refused = await stack.app.http.inject({
      method,
      url,
      headers: bearer('refused'),
      payload: { slug: 'x' },
    });
    expect(refused.statusCode).toBe(401);
  });

  it('when a client address passes its budget of public reads, then 429 with Retry-After; other addresses go on', async () => {
    const limited = await startCartApp(stack.database, stack.customers.target, {
      env: { PUBLIC_BASE_URL: publicBaseUrl, SHARED_CART_RATE_LIMIT_PER_MINUTE: '3' },
    });
    try {
      const owner = newUser();
      const { slug } = (await owner.share()).json();
      const read = (url: string, remoteAddress: string) =>
        limited.http.inject({ method: 'GET', url: `/api/v1/shared-carts/${url}`, remoteAddress });
      // Unknown and malformed slugs spend the budget too: that is what guessing costs.
      expect((await read(slug, '203.0.113.7')).statusCode).toBe(200);
      expect((await read(createCryptoSlugGenerator().next(), '203.0.113.7')).statusCode).toBe(404);
      expect((await read('nope', '203.0.113.7')).statusCode).toBe(404);
      const refused = await read(slug, '203.0.113.7');
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect(refused.json()).toMatchObject({ code: 'rate_limited', status: 429 });
      expect((await read('a'.repeat(300), '203.0.113.7')).statusCode).toBe(429);
      expect((await read(slug, '203.0.113.8')).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('when the OpenAPI document is read, then every share route is there under shared-carts', async () => {
    const doc = (await stack.app.http.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(doc.tags.map((t: { name: string }) => t.name)).toContain('shared-carts');
    const routes = [
      ['/api/v1/cart/share', 'post', true, ['200', '201', '401', '503']],
      ['/api/v1/cart/share', 'delete', true, ['204', '401', '503']],
      ['/api/v1/shared-carts/{slug}', 'get', false, ['200', '404', '429', '503']],
      ['/api/v1/cart/items/import', 'post', true, ['200', '400', '401', '404', '413', '415', '503']],
    ] as const;
    for (const [path, method, signedIn, statuses] of routes) {
      const operation = doc.paths[path]?.[method];
      expect(operation).toBeDefined();
      expect(operation.tags).toEqual(['shared-carts']);
      expect(operation.security).toEqual(signedIn ? [{ bearerAuth: [] }] : []);
      expect(Object.keys(operation.responses).sort()).toEqual([...statuses].sort());
    }
    const view = doc.paths['/api/v1/shared-carts/{slug}'].get;
    expect(view.parameters[0]).toMatchObject({ name: 'slug', in: 'path' });
    expect(view.parameters[0].schema.pattern).toBeUndefined();
    expect(Object.keys(doc.paths).filter((p) => p.includes('*'))).toEqual([]);
  });
});
