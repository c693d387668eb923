import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { MAX_QUANTITY_PER_LINE } from '../../src/domain/cart.js';
import {
  implementations,
  kindsOf,
  newProduct,
  useRepositories,
} from '../support/repository-implementations.js';

describe.each(implementations)('CartRepository contract ($name)', (implementation) => {
  const r = useRepositories(implementation);

  const add = (userId: string, productId: string, quantity = 1, maxPerLine = MAX_QUANTITY_PER_LINE) =>
    r.carts.addItem({ userId, productId, quantity, maxPerLine });
  const set = (userId: string, productId: string, quantity: number, maxPerLine = MAX_QUANTITY_PER_LINE) =>
    r.carts.setItemQuantity({ userId, productId, quantity, maxPerLine });
  const quantities = async (userId: string) =>
    (await r.carts.read(userId)).rows.map((row) => [row.productId, row.quantity]);
  const quantityOf = async (userId: string, productId: string) =>
    (await r.carts.read(userId)).rows.find((row) => row.productId === productId)?.quantity;

  describe('reading and writing one cart', () => {
    it('when the user has no cart, then read answers no lines and no version, and creates no cart', async () => {
      const userId = randomUUID();
      expect(await r.carts.read(userId)).toEqual({ rows: [], updatedAt: null });
      expect(await r.cartCount(userId)).toBe(0);
    });

    it('when products are added, then lines read back in the order first added, with current names, prices and availability', async () => {
      const userId = randomUUID();
      const kettle = await r.products.create(newProduct({ name: 'Kettle', price: 4599 }));
      const apron = await r.products.create(newProduct({ name: 'Apron', price: 1200 }));
      expect(await add(userId, kettle.id, 2)).toEqual({ kind: 'added', quantity: 2 });
      expect(await add(userId, apron.id, 1)).toEqual({ kind: 'added', quantity: 1 });
      expect(await add(userId, kettle.id, 3)).toEqual({ kind: 'added', quantity: 5 });
      await r.products.update(kettle.id, { name: 'Steel kettle', price: 4999 });
      await r.products.archive(apron.id);

      const cart = await r.carts.read(userId);
      expect(cart.rows).toEqual([
        { productId: kettle.id, name: 'Steel kettle', unitPrice: 4999, quantity: 5, available: true },
        { productId: apron.id, name: 'Apron', unitPrice: 1200, quantity: 1, available: false },
      ]);
      expect(cart.updatedAt).toBeInstanceOf(Date);
      expect(await r.cartCount(userId)).toBe(1);
    });

    it('when an add would pass the per-line maximum, then quantity_limit_exceeded with the stock, and the line is unchanged', async () => {
      const userId = randomUUID();
      const product = await r.products.create(newProduct({ stock: 500 }));
      await add(userId, product.id, 98);
      expect(await add(userId, product.id, 2)).toEqual({ kind: 'quantity_limit_exceeded', stock: 500 });
      expect(await quantityOf(userId, product.id)).toBe(98);
      expect(await add(userId, product.id, 1)).toEqual({ kind: 'added', quantity: 99 });
    });

    it('when an add would pass the stock, then quantity_limit_exceeded; a refused first add creates no cart', async () => {
      const userId = randomUUID();
      const product = await r.products.create(newProduct({ stock: 3 }));
      expect(await add(userId, product.id, 4)).toEqual({ kind: 'quantity_limit_exceeded', stock: 3 });
      expect(await r.cartCount(userId)).toBe(0);
      expect(await add(userId, product.id, 3)).toEqual({ kind: 'added', quantity: 3 });
      expect(await add(userId, product.id, 1)).toEqual({ kind: 'quantity_limit_exceeded', stock: 3 });
      expect(await quantityOf(userId, product.id)).toBe(3);
    });

    it('when an add or a change is refused, then the cart keeps its version: nothing was written', async () => {
      const userId = randomUUID();
      const product = await r.products.create(newProduct({ stock: 5 }));
      await add(userId, product.id, 4);
      const before = (await r.carts.read(userId)).updatedAt;
      expect(await add(userId, product.id, 2)).toEqual({ kind: 'quantity_limit_exceeded', stock: 5 });
      expect(await set(userId, product.id, 6)).toEqual({ kind: 'quantity_limit_exceeded', stock: 5 });
      const after = await r.carts.read(userId);
      expect(after.updatedAt).toEqual(before);
      expect(after.rows.map((row) => row.quantity)).toEqual([4]);
    });

    it('when the stock is 0, then not even one can be added', async () => {
      const product = await r.products.create(newProduct({ stock: 0 }));
      expect(await add(randomUUID(), product.id, 1)).toEqual({ kind: 'quantity_limit_exceeded', stock: 0 });
    });

    it('when maxPerLine is given below 99, then it is the cap', async () => {
      const userId = randomUUID();
      const product = await r.products.create(newProduct({ stock: 500 }));
      expect(await add(userId, product.id, 3, 3)).toEqual({ kind: 'added', quantity: 3 });
      expect(await add(userId, product.id, 1, 3)).toEqual({ kind: 'quantity_limit_exceeded', stock: 500 });
      expect(await set(userId, product.id, 4, 3)).toEqual({ kind: 'quantity_limit_exceeded', stock: 500 });
    });

    it('when the product is unknown or archived, then product_not_found and no cart', async () => {
      const userId = randomUUID();
      const archived = await r.products.create(newProduct());
      await r.products.archive(archived.id);
      expect(await add(userId, archived.id)).toEqual({ kind: 'product_not_found' });
      expect(await add(userId, randomUUID())).toEqual({ kind: 'product_not_found' });
      expect(await r.cartCount(userId)).toBe(0);
    });

    it('when a line is set, then it takes the new quantity and keeps its place', async () => {
      const userId = randomUUID();
      const first = await r.products.create(newProduct());
      const second = await r.products.create(newProduct());
      await add(userId, first.id, 5);
      await add(userId, second.id, 1);
      expect(await set(userId, first.id, 2)).toEqual({ kind: 'updated' });
      expect(await quantities(userId)).toEqual([
        [first.id, 2],
        [second.id, 1],
      ]);
    });

    it('when the line or its product is missing, then cart_item_not_found; an archived product with a line is product_not_found', async () => {
      const userId = randomUUID();
      const inCart = await r.products.create(newProduct());
      const notInCart = await r.products.create(newProduct());
      expect(await set(userId, inCart.id, 1)).toEqual({ kind: 'cart_item_not_found' });
      await add(userId, inCart.id, 2);
      expect(await set(userId, notInCart.id, 1)).toEqual({ kind: 'cart_item_not_found' });
      expect(await set(userId, randomUUID(), 1)).toEqual({ kind: 'cart_item_not_found' });
      await r.products.archive(inCart.id);
      expect(await set(userId, inCart.id, 1)).toEqual({ kind: 'product_not_found' });
      expect(await quantityOf(userId, inCart.id)).toBe(2);
    });

    it('when a set passes the stock, then quantity_limit_exceeded and the line keeps its quantity', async () => {
      const userId = randomUUID();
      const product = await r.products.create(newProduct({ stock: 4 }));
      await add(userId, product.id, 2);
      expect(await set(userId, product.id, 5)).toEqual({ kind: 'quantity_limit_exceeded', stock: 4 });
      expect(await quantityOf(userId, product.id)).toBe(2);
    });

    it('when a line is removed, then it is gone; removing it again changes nothing', async () => {
      const userId = randomUUID();
      const kept = await r.products.create(newProduct());
      const removed = await r.products.create(newProduct());
      await add(userId, kept.id, 1);
      await add(userId, removed.id, 1);
      await r.carts.removeItem(userId, removed.id);
      await r.carts.removeItem(userId, removed.id);
      expect(await quantities(userId)).toEqual([[kept.id, 1]]);
      await expect(r.carts.removeItem(randomUUID(), removed.id)).resolves.toBeUndefined();
    });

    it('when the cart is cleared, then no line remains and the cart is still there', async () => {
      const userId = randomUUID();
      for (let i = 0; i < 3; i++) await add(userId, (await r.products.create(newProduct())).id);
      await r.carts.clear(userId);
      const cart = await r.carts.read(userId);
      expect(cart.rows).toEqual([]);
      expect(cart.updatedAt).toBeInstanceOf(Date);
      expect(await r.cartCount(userId)).toBe(1);
    });
  });

  describe('parallel calls', () => {
    it('when one user makes 30 first adds of different products at once, then one cart holds all 30 lines', async () => {
      const userId = randomUUID();
      const products = await Promise.all(Array.from({ length: 30 }, () => r.products.create(newProduct())));
      const outcomes = await Promise.all(products.map((p) => add(userId, p.id)));
      expect(kindsOf(outcomes)).toEqual({ added: 30 });
      expect(await r.cartCount(userId)).toBe(1);
      expect((await r.carts.read(userId)).rows).toHaveLength(30);
    });

    it('when 50 adds of 1 run at once, then the line holds 50: no increment is lost', async () => {
      const userId = randomUUID();
      const product = await r.products.create(newProduct({ stock: 1000 }));
      const outcomes = await Promise.all(Array.from({ length: 50 }, () => add(userId, product.id)));
      expect(kindsOf(outcomes)).toEqual({ added: 50 });
      expect(await quantityOf(userId, product.id)).toBe(50);
    });

    it('when 120 adds of 1 run at once, then exactly 99 pass and the line never passes 99', async () => {
      const userId = randomUUID();
      const product = await r.products.create(newProduct({ stock: 1000 }));
      const outcomes = await Promise.all(Array.from({ length: 120 }, () => add(userId, product.id)));
      expect(kindsOf(outcomes)).toEqual({ added: 99, quantity_limit_exceeded: 21 });
      expect(await quantityOf(userId, product.id)).toBe(99);
    });

    it('when 30 adds of 1 compete for a stock of 10, then exactly 10 pass', async () => {
      const userId = randomUUID();
      const product = await r.products.create(newProduct({ stock: 10 }));
      const outcomes = await Promise.all(Array.from({ length: 30 }, () => add(userId, product.id)));
      expect(kindsOf(outcomes)).toEqual({ added: 10, quantity_limit_exceeded: 20 });
      expect(await quantityOf(userId, product.id)).toBe(10);
    });

    it('when adds, quantity changes, removals and clears of one cart run at once, then every call ends (no deadlock) within the cap', async () => {
      const userId = randomUUID();
      const products = await Promise.all(
        Array.from({ length: 4 }, () => r.products.create(newProduct({ stock: 1000 }))),
      );
      for (const product of products) await add(userId, product.id, 1);
      const calls = Array.from({ length: 60 }, (_, i) => {
        const productId = products[i % products.length]!.id;
        switch (i % 5) {
          case 0:
            return set(userId, productId, 1 + (i % 90));
          case 1:
            return r.carts.removeItem(userId, productId);
          case 2:
            return i % 15 === 2 ? r.carts.clear(userId) : add(userId, productId, 2);
          default:
            return add(userId, productId, 1);
        }
      });
      const settled = await Promise.allSettled(calls);
      expect(settled.filter((s) => s.status === 'rejected')).toEqual([]);
      const cart = await r.carts.read(userId);
      expect(cart.rows.every((row) => row.quantity >= 1 && row.quantity <= MAX_QUANTITY_PER_LINE)).toBe(true);
      expect(await r.cartCount(userId)).toBe(1);
    });

    it('when a product is archived while users add it, then no line for it appears after the archive', async () => {
      const product = await r.products.create(newProduct({ stock: 1000 }));
      const holding = [randomUUID()];
      // One line for certain before the race, so the count below can never be vacuous.
      expect(await add(holding[0]!, product.id)).toMatchObject({ kind: 'added' });
      const holders = async (users: string[]) =>
        (await Promise.all(users.map((u) => quantityOf(u, product.id)))).filter((q) => q !== undefined)
          .length;

      const racing = Array.from({ length: 40 }, () => randomUUID());
      const before = racing.slice(0, 20).map((u) => add(u, product.id));
      // Counted as soon as the archive has committed: an add committing later would show up at the end.
      const archived = r.products
        .archive(product.id)
        .then(async (done) => ({ done, holders: await holders([...holding, ...racing]) }));
      const after = racing.slice(20).map((u) => add(u, product.id));
      const outcomes = await Promise.all([...before, ...after]);
      const { done, holders: atArchive } = await archived;

      expect(done).toBe(true);
      expect(Object.keys(kindsOf(outcomes)).every((k) => k === 'added' || k === 'product_not_found')).toBe(
        true,
      );
      const added = outcomes.filter((o) => o.kind === 'added').length;
      expect(atArchive).toBe(1 + added);
      expect(await holders([...holding, ...racing])).toBe(1 + added);
      const later = await Promise.all(Array.from({ length: 5 }, () => add(randomUUID(), product.id)));
      expect(kindsOf(later)).toEqual({ product_not_found: 5 });
    });
  });
});
