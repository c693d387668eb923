import { beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { adminToken, userToken } from '../support/fake-customers.js';
import { bearer, insertProduct } from '../support/cart-app.js';
import { useCartStack } from '../support/cart-stack.js';

describe('product routes', () => {
  const stack = useCartStack();
  const admin = bearer(adminToken(randomUUID()));
  const shopper = bearer(userToken(randomUUID()));

  const inject = (options: InjectOptions) => stack.app.http.inject(options);

  describe('create, read, update, archive', () => {
    it('when an admin creates a product, then 201 with Location, integer price and currency', async () => {
      const response = await inject({
        method: 'POST',
        url: '/api/v1/products',
        headers: admin,
        payload: { name: 'Linen apron', description: 'Natural linen', price: 3450, stock: 7 },
      });
      expect(response.statusCode).toBe(201);
      const body = response.json();
      expect(body).toMatchObject({ name: 'Linen apron', price: 3450, currency: 'EUR', stock: 7 });
      expect(response.headers.location).toBe(`/api/v1/products/${body.id}`);
      const read = await inject({ method: 'GET', url: `/api/v1/products/${body.id}` });
      expect(read.statusCode).toBe(200);
      expect(read.json()).toEqual(body);
    });

    it('when description and stock are omitted, then they default to empty and 0', async () => {
      const response = await inject({
        method: 'POST',
        url: '/api/v1/products',
        headers: admin,
        payload: { name: 'Plain item', price: 0 },
      });
      expect(response.json()).toMatchObject({ description: '', stock: 0, price: 0 });
    });

    it('when an admin patches some fields, then only those change and updated_at moves', async () => {
      const product = await insertProduct(stack.database, { name: 'Old name', price: 100, stock: 3 });
      const response = await inject({
        method: 'PATCH',
        url: `/api/v1/products/${product.id}`,
        headers: admin,
        payload: { price: 250 },
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ name: 'Old name', price: 250, stock: 3 });
      expect(Date.parse(response.json().updated_at)).toBeGreaterThanOrEqual(product.updatedAt.getTime());
    });

    it('when an admin archives a product, then 204 and it answers 404 everywhere afterwards', async () => {
      const product = await insertProduct(stack.database);
      const archived = await inject({
        method: 'DELETE',
        url: `/api/v1/products/${product.id}`,
        headers: admin,
      });
      expect(archived.statusCode).toBe(204);
      expect(archived.body).toBe('');
      for (const request of [
        { method: 'GET' as const, url: `/api/v1/products/${product.id}` },
        {
          method: 'PATCH' as const,
          url: `/api/v1/products/${product.id}`,
          headers: admin,
          payload: { price: 1 },
        },
        { method: 'DELETE' as const, url: `/api/v1/products/${product.id}`, headers: admin },
      ]) {
        const response = await inject(request);
        expect(response.statusCode).toBe(404);
        expect(response.json()).toMatchObject({ code: 'product_not_found' });
      }
      const list = await inject({
        method: 'GET',
        url: `/api/v1/products?search=${encodeURIComponent(product.name)}`,
      });
      expect(list.json().items).toEqual([]);
    });

    it('when the product id is unknown, then 404 problem', async () => {
      const response = await inject({ method: 'GET', url: `/api/v1/products/${randomUUID()}` });
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    });
  });

  describe('authorization on admin routes', () => {
    it('when a signed-in non-admin writes, then 403 forbidden and nothing changes', async () => {
      const product = await insertProduct(stack.database, { price: 100 });
      const requests = [
        { method: 'POST' as const, url: '/api/v1/products', payload: { name: 'x', price: 1 } },
        { method: 'PATCH' as const, url: `/api/v1/products/${product.id}`, payload: { price: 1 } },
        { method: 'DELETE' as const, url: `/api/v1/products/${product.id}` },
      ];
      for (const request of requests) {
        const response = await inject({ ...request, headers: shopper });
        expect(response.statusCode).toBe(403);
        expect(response.json()).toMatchObject({ code: 'forbidden' });
      }
      const read = await inject({ method: 'GET', url: `/api/v1/products/${product.id}` });
      expect(read.json().price).toBe(100);
    });

    it('when no token is sent to an admin route, then 401 with WWW-Authenticate before any validation', async () => {
      const response = await inject({ method: 'POST', url: '/api/v1/products', payload: { bogus: true } });
      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="cartwright"');
      expect(response.json()).toMatchObject({ code: 'authentication_required' });
    });
  });

  describe('input validation', () => {
    it.each([
      ['a negative price', { name: 'x', price: -1 }, 'price'],
      ['a float price', { name: 'x', price: 12.5 }, 'price'],
      ['a string price', { name: 'x', price: '12' }, 'price'],
      ['a price of 10^9', { name: 'x', price: 1_000_000_000 }, 'price'],
      ['an empty name', { name: '', price: 1 }, 'name'],
      ['a 201-character name', { name: 'n'.repeat(201), price: 1 }, 'name'],
      ['negative stock', { name: 'x', price: 1, stock: -2 }, 'stock'],
      ['an unknown field', { name: 'x', price: 1, archived: true }, 'archived'],
      ['a missing price', { name: 'x' }, 'price'],
    ])('when the new product has %s, then 400 names the field', async (_label, payload, field) => {
      const response = await inject({ method: 'POST', url: '/api/v1/products', headers: admin, payload });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'validation_failed' });
      expect(response.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('when a patch is empty or sets an unknown field, then 400', async () => {
      const product = await insertProduct(stack.database);
      for (const payload of [{}, { archived: false }, { price: 1.5 }]) {
        const response = await inject({
          method: 'PATCH',
          url: `/api/v1/products/${product.id}`,
          headers: admin,
          payload,
        });
        expect(response.statusCode).toBe(400);
        expect(response.json().errors.length).toBeGreaterThan(0);
      }
    });

    it('when the product id is not a UUID, then 400 on reads and writes', async () => {
      for (const request of [
        { method: 'GET' as const, url: '/api/v1/products/42' },
        { method: 'DELETE' as const, url: '/api/v1/products/not-a-uuid', headers: admin },
      ]) {
        const response = await inject(request);
        expect(response.statusCode).toBe(400);
        expect(response.json().errors).toEqual([{ in: 'params', field: 'id', message: expect.any(String) }]);
      }
    });

    it.each(['0', '101', 'ten'])('when limit is %s, then 400', async (limit) => {
      const response = await inject({ method: 'GET', url: `/api/v1/products?limit=${limit}` });
      expect(response.statusCode).toBe(400);
    });

    it('when the cursor is not one we issued, then 400 invalid_cursor', async () => {
      const response = await inject({ method: 'GET', url: '/api/v1/products?cursor=bm9wZQ' });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'invalid_cursor' });
    });

    it.each([
      ['a name PostgreSQL text cannot hold (NUL)', ['a\u0000b', randomUUID()]],
      ['an upper-case id', ['Mug', randomUUID().toUpperCase()]],
      ['a third field', ['Mug', randomUUID(), 'x']],
    ])('when the cursor carries %s, then 400 invalid_cursor, never 500', async (_case, position) => {
      const cursor = Buffer.from(JSON.stringify(position)).toString('base64url');
      const response = await inject({ method: 'GET', url: `/api/v1/products?cursor=${cursor}` });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'invalid_cursor', errors: [{ field: 'cursor' }] });
    });
  });

  describe('listing', () => {
    const tag = randomUUID().slice(0, 8);

    beforeAll(async () => {
      for (const [name, description] of [
        [`${tag} Zinc bucket`, 'galvanised'],
        [`${tag} apple crate`, 'pine wood'],
        [`${tag} Brass hook`, '100% brass'],
        [`${tag} copper_wire`, 'a reel'],
        [`${tag} Dust pan`, 'with brush'],
      ] as const) {
        await insertProduct(stack.database, { name, description });
      }
      await insertProduct(stack.database, { name: `${tag} Archived anvil`, archived: true });
    });

    const list = async (query: string) => {
      const response = await inject({ method: 'GET', url: `/api/v1/products?${query}` });
      expect(response.statusCode).toBe(200);
      return response.json() as { items: { name: string }[]; next_cursor: string | null };
    };

    it('when following next_cursor, then every product on sale appears exactly once, none archived', async () => {
      const names: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await list(`search=${tag}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        names.push(...page.items.map((p) => p.name.slice(tag.length + 1)));
        cursor = page.next_cursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(3);
      expect([...names].sort()).toEqual(
        ['Brass hook', 'Dust pan', 'Zinc bucket', 'apple crate', 'copper_wire'].sort(),
      );
      expect(new Set(names).size).toBe(5);
      expect(names).not.toContain('Archived anvil');
    });

    it('when searching, then the match is case-insensitive over name and description', async () => {
      expect((await list(`search=${tag}%20ZINC`)).items.map((p) => p.name)).toEqual([`${tag} Zinc bucket`]);
      expect((await list(`search=PINE%20WOOD`)).items.map((p) => p.name)).toContain(`${tag} apple crate`);
    });

    it('when the search holds % or _, then they match literally, not as wildcards', async () => {
      expect((await list('search=100%25')).items.map((p) => p.name)).toEqual([`${tag} Brass hook`]);
      expect((await list(`search=${tag}%20copper_`)).items.map((p) => p.name)).toEqual([
        `${tag} copper_wire`,
      ]);
      // "_" would match the space in "Dust pan" if it were a wildcard.
      expect((await list(`search=${tag}%20Dust_pan`)).items).toEqual([]);
      expect((await list('search=%5C')).items).toEqual([]);
    });

    it('when limit is omitted, then at most 20 items come back', async () => {
      for (let i = 0; i < 21; i++)
        await insertProduct(stack.database, { name: `${tag}-bulk-${String(i).padStart(2, '0')}` });
      const page = await list(`search=${tag}-bulk`);
      expect(page.items).toHaveLength(20);
      expect(page.next_cursor).not.toBeNull();
      expect((await list(`search=${tag}-bulk&cursor=${page.next_cursor}`)).items).toHaveLength(1);
    });
  });

  describe('timestamps', () => {
    const isoUtcMillis = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

    it('when the catalogue is browsed page by page without a search, then every timestamp is ISO-8601 UTC with milliseconds, truncated like a JS Date', async () => {
      const dated = await insertProduct(stack.database, { name: `Dated ${randomUUID()}` });
      // Microseconds PostgreSQL keeps and a JS Date drops; a year before the epoch's neighbours.
      await stack.database.db.execute(
        sql`update products set created_at = '2026-11-22 02:36:48.123999+00',
            updated_at = '1999-12-31 23:59:59.9995+00' where id = ${dated.id}`,
      );
      const expected = { created_at: '2026-11-22T02:36:48.123Z', updated_at: '1999-12-31T23:59:59.999Z' };

      // No search: the prepared first-page and next-page statements, several pages of 2.
      const seen: Record<string, unknown>[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const response = await inject({
          method: 'GET',
          url: `/api/v1/products?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        });
        expect(response.statusCode).toBe(200);
        const page = response.json() as { items: Record<string, unknown>[]; next_cursor: string | null };
        seen.push(...page.items);
        cursor = page.next_cursor;
        pages++;
      } while (cursor);
      expect(pages).toBeGreaterThan(1);
      for (const item of seen) {
        expect(Object.keys(item).sort()).toEqual(
          ['created_at', 'currency', 'description', 'id', 'name', 'price', 'stock', 'updated_at'].sort(),
        );
        for (const at of [item.created_at, item.updated_at]) {
          expect(at).toMatch(isoUtcMillis);
          expect(new Date(at as string).toISOString()).toBe(at);
        }
      }
      const one = await inject({ method: 'GET', url: `/api/v1/products/${dated.id}` });
      expect(one.json()).toMatchObject(expected);
      // The listing's rows skip drizzle's mapping; the single read's do not: the same product.
      expect(seen.find((item) => item.id === dated.id)).toEqual(one.json());
      const searched = await inject({ method: 'GET', url: `/api/v1/products?search=${dated.name}` });
      expect(searched.json().items).toEqual([one.json()]);
    });

    it('when an admin creates and patches a product, then its timestamps have the same format as the listing', async () => {
      const created = await inject({
        method: 'POST',
        url: '/api/v1/products',
        headers: admin,
        payload: { name: `Stamped ${randomUUID()}`, price: 10 },
      });
      expect(created.json().created_at).toMatch(isoUtcMillis);
      expect(created.json().updated_at).toBe(created.json().created_at);
      const patched = await inject({
        method: 'PATCH',
        url: `/api/v1/products/${created.json().id}`,
        headers: admin,
        payload: { stock: 1 },
      });
      expect(patched.json().created_at).toBe(created.json().created_at);
      expect(patched.json().updated_at).toMatch(isoUtcMillis);
      expect(Date.parse(patched.json().updated_at)).toBeGreaterThanOrEqual(
        Date.parse(created.json().created_at),
      );
    });
  });

  describe('conditional reads', () => {
    const get = (url: string, ifNoneMatch?: string) =>
      inject({
        method: 'GET',
        url,
        headers: ifNoneMatch === undefined ? {} : { 'if-none-match': ifNoneMatch },
      });

    it('when a product is read again with its ETag, then 304 without a body, with the same validator and freshness', async () => {
      const product = await insertProduct(stack.database);
      const first = await get(`/api/v1/products/${product.id}`);
      expect(first.statusCode).toBe(200);
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^W\/".+"$/);
      expect(first.headers['cache-control']).toBe('public, max-age=5, stale-while-revalidate=30');

      for (const header of [etag, etag.slice(2), `W/"other", ${etag}`, '*']) {
        const again = await get(`/api/v1/products/${product.id}`, header);
        expect(again.statusCode).toBe(304);
        expect(again.body).toBe('');
        expect(again.headers.etag).toBe(etag);
        expect(again.headers['cache-control']).toBe(first.headers['cache-control']);
      }
      expect((await get(`/api/v1/products/${product.id}`, 'W/"other"')).statusCode).toBe(200);
    });

    it('when the stock changes without updated_at (as checkout changes it) or an admin edits it, then the old ETag gets a 200 and a new one', async () => {
      const product = await insertProduct(stack.database, { stock: 9 });
      const url = `/api/v1/products/${product.id}`;
      const etag = (await get(url)).headers.etag as string;

      await stack.database.db.execute(sql`update products set stock = 8 where id = ${product.id}`);
      const afterStock = await get(url, etag);
      expect(afterStock.statusCode).toBe(200);
      expect(afterStock.json()).toMatchObject({ stock: 8 });
      expect(afterStock.headers.etag).not.toBe(etag);

      const patched = await inject({ method: 'PATCH', url, headers: admin, payload: { name: 'Renamed' } });
      expect(patched.statusCode).toBe(200);
      const afterPatch = await get(url, afterStock.headers.etag as string);
      expect(afterPatch.statusCode).toBe(200);
      expect(afterPatch.json()).toMatchObject({ name: 'Renamed' });
    });

    it('when a catalogue page is read again unchanged, then 304; once a product on it changes or is archived, then 200', async () => {
      const search = `etag-${randomUUID()}`;
      const [a, b] = [
        await insertProduct(stack.database, { name: `${search} a` }),
        await insertProduct(stack.database, { name: `${search} b` }),
      ];
      const url = `/api/v1/products?search=${search}&limit=1`;
      const first = await get(url);
      expect(first.statusCode).toBe(200);
      expect(first.json().items.map((p: { id: string }) => p.id)).toEqual([a.id]);
      const etag = first.headers.etag as string;
      expect((await get(url, etag)).statusCode).toBe(304);

      // b is not on the page, but it is why the page has a next cursor: archiving it changes the page.
      expect(
        (await inject({ method: 'DELETE', url: `/api/v1/products/${b.id}`, headers: admin })).statusCode,
      ).toBe(204);
      const afterArchive = await get(url, etag);
      expect(afterArchive.statusCode).toBe(200);
      expect(afterArchive.json().next_cursor).toBeNull();

      await stack.database.db.execute(sql`update products set price = price + 1 where id = ${a.id}`);
      expect((await get(url, afterArchive.headers.etag as string)).statusCode).toBe(200);
    });

    it('when an unknown product is read with If-None-Match: *, then 404 as without it', async () => {
      const missing = await get(`/api/v1/products/${randomUUID()}`, '*');
      expect(missing.statusCode).toBe(404);
      expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    });
  });

  describe('documentation', () => {
    it('when /docs/json is read, then every route is documented with its error statuses and bearer auth', async () => {
      const response = await inject({ method: 'GET', url: '/docs/json' });
      expect(response.statusCode).toBe(200);
      const doc = response.json();
      expect(doc.openapi).toBe('3.1.0');
      const post = doc.paths['/api/v1/products'].post;
      expect(post.security).toEqual([{ bearerAuth: [] }]);
      expect(Object.keys(post.responses)).toEqual(
        expect.arrayContaining(['201', '400', '401', '403', '503']),
      );
      expect(doc.paths['/api/v1/products'].get.security).toEqual([]);
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          '/api/v1/products/{id}',
          '/api/v1/cart',
          '/api/v1/cart/items',
          '/api/v1/cart/items/{product_id}',
          '/api/v1/users/{user_id}/cart',
        ]),
      );
      const ui = await inject({ method: 'GET', url: '/docs' });
      expect([200, 302]).toContain(ui.statusCode);
    });
  });
});
