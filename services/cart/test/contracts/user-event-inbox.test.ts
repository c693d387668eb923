import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createCryptoSlugGenerator } from '../../src/adapters/slugs/crypto-slug-generator.js';
import { MAX_QUANTITY_PER_LINE } from '../../src/domain/cart.js';
import { planCheckout, type Order } from '../../src/domain/order.js';
import { implementations, newProduct, useRepositories } from '../support/repository-implementations.js';

describe.each(implementations)('UserEventInbox contract ($name)', (implementation) => {
  const r = useRepositories(implementation);
  const slugs = createCryptoSlugGenerator();

  /** A new user with a cart of one line. */
  const userWithCart = async () => {
    const userId = randomUUID();
    const product = await r.products.create(newProduct());
    await r.carts.addItem({ userId, productId: product.id, quantity: 2, maxPerLine: MAX_QUANTITY_PER_LINE });
    return userId;
  };
  /** A new user with a shared cart and an order placed with an idempotency key. */
  const userWithEverything = async () => {
    const userId = await userWithCart();
    const key = randomUUID();
    const outcome = await r.orders.checkout({
      userId,
      currency: 'EUR',
      plan: planCheckout,
      idempotencyKey: key,
    });
    if (outcome.kind !== 'created') throw new Error(`expected an order, got ${outcome.kind}`);
    const product = await r.products.create(newProduct());
    await r.carts.addItem({ userId, productId: product.id, quantity: 1, maxPerLine: MAX_QUANTITY_PER_LINE });
    const shared = await r.shares.share(userId, slugs.next());
    if (shared.kind !== 'created') throw new Error(`expected a share, got ${shared.kind}`);
    return { userId, key, order: outcome.order, slug: shared.share.slug };
  };
  /** Every held user id, read in pages of two so that paging is exercised. */
  const allHeld = async () => {
    const held: string[] = [];
    for (;;) {
      const page = await r.inbox.heldUserIds(held.at(-1), 2);
      expect(page.length).toBeLessThanOrEqual(2);
      held.push(...page);
      if (page.length < 2) return held;
    }
  };
  /** What is left of a user after an erasure: what the contract says goes, and what stays. */
  const traceOf = async (user: { userId: string; key: string; order: Order; slug: string }) => ({
    carts: await r.cartCount(user.userId),
    lines: (await r.carts.read(user.userId)).rows.length,
    shared: (await r.shares.readShared(user.slug)) !== undefined,
    order: (await r.orders.find(user.order.id))?.id,
    held: (await allHeld()).includes(user.userId),
  });

  it('when an event without effect is applied, then only the cursor moves', async () => {
    const userId = await userWithCart();
    const id = `${Date.now()}1`;
    await r.inbox.apply(id, undefined);
    expect(await r.inbox.cursor()).toBe(id);
    expect(await r.cartCount(userId)).toBe(1);
  });

  it('when a deletion is applied, then cart, lines and share link go, the order stays without its key, and the cursor moves; other users keep theirs', async () => {
    const gone = await userWithEverything();
    const kept = await userWithEverything();
    const id = `${Date.now()}2`;

    await r.inbox.apply(id, { eraseUser: gone.userId });

    expect(await r.inbox.cursor()).toBe(id);
    expect(await traceOf(gone)).toEqual({
      carts: 0,
      lines: 0,
      shared: false,
      order: gone.order.id,
      held: false,
    });
    expect(await traceOf(kept)).toEqual({
      carts: 1,
      lines: 1,
      shared: true,
      order: kept.order.id,
      held: true,
    });
    // The link itself is gone, not only hidden by the missing cart: a new cart does not revive it.
    const product = await r.products.create(newProduct());
    await r.carts.addItem({
      userId: gone.userId,
      productId: product.id,
      quantity: 1,
      maxPerLine: MAX_QUANTITY_PER_LINE,
    });
    expect(await r.shares.readShared(gone.slug)).toBeUndefined();
  });

  it('when the same deletion is applied twice, then the second changes nothing more', async () => {
    const gone = await userWithEverything();
    const kept = await userWithEverything();
    const id = `${Date.now()}3`;

    await r.inbox.apply(id, { eraseUser: gone.userId });
    const once = { gone: await traceOf(gone), kept: await traceOf(kept), cursor: await r.inbox.cursor() };
    await r.inbox.apply(id, { eraseUser: gone.userId });

    expect({ gone: await traceOf(gone), kept: await traceOf(kept), cursor: await r.inbox.cursor() }).toEqual(
      once,
    );
  });

  it('when an apply dies before its commit, then neither the erasure nor the cursor move happened', async () => {
    const user = await userWithEverything();
    const before = await r.inbox.cursor();

    await expect(r.crashingInbox.apply(`${Date.now()}4`, { eraseUser: user.userId })).rejects.toThrow(
      'injected fault',
    );

    expect(await r.inbox.cursor()).toBe(before);
    expect(await traceOf(user)).toEqual({
      carts: 1,
      lines: 1,
      shared: true,
      order: user.order.id,
      held: true,
    });
  });

  it('when users are erased in one batch, then each of them is and nobody else; an empty batch changes nothing', async () => {
    const [first, second, kept] = await Promise.all([
      userWithEverything(),
      userWithEverything(),
      userWithCart(),
    ]);
    const cursor = await r.inbox.cursor();

    await r.inbox.eraseUsers([]);
    await r.inbox.eraseUsers([first.userId, second.userId]);

    expect((await traceOf(first)).carts + (await traceOf(second)).carts).toBe(0);
    expect([(await traceOf(first)).shared, (await traceOf(second)).shared]).toEqual([false, false]);
    expect(await r.cartCount(kept)).toBe(1);
    expect(await r.inbox.cursor()).toBe(cursor);
  });

  it('when the cursor is reset, then it reads empty', async () => {
    await r.inbox.apply(`${Date.now()}5`, undefined);
    await r.inbox.resetCursor();
    expect(await r.inbox.cursor()).toBe('');
  });

  it('when held users are listed, then every cart holder and order-key holder comes once, in id order, page after page', async () => {
    const withCart = await userWithCart();
    const withEverything = await userWithEverything();

    const held = await allHeld();

    expect(held).toEqual([...new Set(held)].sort());
    expect(held).toEqual(expect.arrayContaining([withCart, withEverything.userId]));
    expect(await r.inbox.heldUserIds(withEverything.userId, 1000)).not.toContain(withEverything.userId);
  });
});
