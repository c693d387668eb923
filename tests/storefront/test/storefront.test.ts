import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startService } from '../../e2e/src/processes.js';
import { call, createProduct, logIn, newUser, startStack, type Stack } from '../../reliability/src/stack.js';
import { launchChromium, screenshot, seriousAccessibilityViolations, until } from '../src/browser.js';
import { buildStorefront } from '../src/build.js';
import { serveStorefront, type StaticSite } from '../src/static-server.js';

/**
 * The storefront as a shopper and an administrator use it: built once, served as static files,
 * driven in headless chromium against customers and cart running as processes. Elements are
 * found by role and accessible name, the names the app promises (docs in apps/storefront).
 */
const readyTimeoutMs = 180_000;

describe('storefront in a real browser', () => {
  let site: StaticSite;
  let stack: Stack;
  let browser: Browser;
  let adminToken: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    const dist = await buildStorefront();
    site = await serveStorefront(dist);
    // The services allow the static site's origin, and share links point at its pages.
    const cors = { CORS_ORIGINS: site.origin };
    [stack, browser] = await Promise.all([
      // Generous readiness: PGlite starts cold in each process, and CI shares two cores.
      startStack({
        customersEnv: cors,
        cartEnv: { ...cors, PUBLIC_BASE_URL: site.origin },
        readyTimeoutMs,
      }),
      launchChromium(),
    ]);
    site.setConfig({ customersUrl: stack.customers.baseUrl, cartUrl: stack.cart.baseUrl });
    adminToken = (await logIn(stack, 'admin1@example.com')).accessToken;
  }, 2 * readyTimeoutMs);

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await site?.close();
  });

  /** A fresh browser profile (no tokens: they live in page memory) on the storefront. */
  const open = async (path = '/'): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${site.origin}${path}`);
    return page;
  };

  const expectAccessible = async (page: Page) => {
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  };

  const logInAs = async (page: Page, email: string, password = 'testPass123') => {
    await page.getByRole('link', { name: 'Log in', exact: true }).click();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.getByRole('button', { name: 'Log out' }).waitFor();
  };

  const product = (page: Page, name: string) => page.getByRole('article', { name });
  /** The header's "Cart" link, with the item count when it is known. */
  const cartLink = (page: Page) => page.getByRole('link', { name: /^Cart( \(\d+\))?$/ });

  it('when a shopper logs in, adds, checks out and pays, then the order is paid and the pages pass axe', async () => {
    // Each run has databases of its own: these are the only products on sale yet.
    const name = 'Enamel mug';
    const id = await createProduct(stack, adminToken, { name, price: 1250, stock: 5 });
    await createProduct(stack, adminToken, { name: 'Camp kettle', price: 3400, stock: 12 });
    await createProduct(stack, adminToken, { name: 'Wool blanket', price: 5900, stock: 0 });
    await createProduct(stack, adminToken, { name: 'Trail map', price: 890, stock: 40 });
    const page = await open();

    await page.getByRole('heading', { name: 'Catalogue' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Log in', exact: true }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await expectAccessible(page);
    await page.getByLabel('Email').fill('user1@example.com');
    await page.getByLabel('Password').fill('testPass123');
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.getByRole('button', { name: 'Log out' }).waitFor();

    expect(
      await product(page, 'Wool blanket').getByRole('button', { name: 'Add to cart' }).isDisabled(),
    ).toBe(true);
    await product(page, name).getByRole('button', { name: 'Add to cart' }).click();
    await product(page, name).getByText(`Added ${name} to your cart.`).waitFor();
    await page.getByRole('link', { name: 'Cart (1)' }).waitFor();
    await screenshot(page, 'catalogue');
    await page.getByRole('searchbox', { name: 'Search products' }).fill('kettle');
    await page.getByRole('button', { name: 'Search' }).click();
    await product(page, name).waitFor({ state: 'detached' });
    expect(await page.getByRole('article').allInnerTexts()).toEqual([expect.stringContaining('Camp kettle')]);

    await cartLink(page).click();
    const quantity = page.getByRole('spinbutton', { name: `Quantity of ${name}` });
    await quantity.fill('2');
    await quantity.press('Tab');
    await page.getByText('Total (2 items)').waitFor();
    await page.getByText('5 in stock, up to 5').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'cart');

    await page.getByRole('button', { name: 'Checkout' }).click();
    await page.getByRole('heading', { name: /^Order [0-9A-F]{8}$/ }).waitFor();
    await page.getByText('Order total').waitFor();
    await page.getByText('€25.00').first().waitFor();
    await expectAccessible(page);
    await screenshot(page, 'order');
    await page.getByRole('button', { name: 'Pay' }).click();
    await page.getByText('Paid', { exact: true }).waitFor();

    const orderId = page.url().split('/orders/')[1]!.split('?')[0]!;
    const user = await logIn(stack, 'user1@example.com');
    const order = await call(stack.cart, 'GET', `/api/v1/orders/${orderId}`, { token: user.accessToken });
    expect(order.body).toMatchObject({
      status: 'paid',
      total: 2500,
      items: [{ product_id: id, quantity: 2 }],
    });
    expect((await call(stack.cart, 'GET', `/api/v1/products/${id}`)).body.stock).toBe(3);

    await page.getByRole('link', { name: 'All your orders' }).click();
    await page.getByRole('link', { name: `Order ${orderId.slice(0, 8).toUpperCase()}` }).waitFor();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Account' }).click();
    await page.getByRole('heading', { name: 'Your account' }).waitFor();
    // The API login above is another session of this user: the page lists it and ends it.
    await page.getByText('(this browser)').waitFor();
    const endButtons = page.getByRole('button', { name: /^End session/ });
    await endButtons.first().waitFor();
    await expectAccessible(page);
    for (let left = await endButtons.count(); left > 0; left = await endButtons.count()) {
      await endButtons.first().click();
      await page.waitForFunction(
        `document.querySelectorAll('button[aria-label^="End session"]').length < ${left}`,
      );
    }
    expect((await call(stack.cart, 'GET', '/api/v1/cart', { token: user.accessToken })).status).toBe(401);
    await page.getByRole('button', { name: 'Log out', exact: true }).first().click();
    await page.getByRole('link', { name: 'Log in', exact: true }).waitFor();
  }, 120_000);

  it('when a cart is shared, then the link opens the storefront page in a fresh browser, imports, and stops after revoking', async () => {
    const name = 'Trail socks';
    await createProduct(stack, adminToken, { name, price: 900, stock: 50 });
    const owner = await newUser(stack, 'sharer');
    await call(stack.cart, 'POST', '/api/v1/cart/items', {
      token: owner.accessToken,
      body: {
        product_id: (await call(stack.cart, 'GET', `/api/v1/products?search=${encodeURIComponent(name)}`))
          .body.items[0].id,
        quantity: 3,
      },
    });
    const page = await open();
    await logInAs(page, owner.email, owner.password);
    await cartLink(page).click();
    await page.getByRole('button', { name: 'Share cart' }).click();
    const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
    expect(link).toMatch(new RegExp(`^${site.origin}/shared-carts/[A-Za-z0-9_-]{22}$`));
    await expectAccessible(page);

    const guest = await open(new URL(link).pathname);
    await guest.getByRole('heading', { name: 'A shared cart' }).waitFor();
    await guest.getByText(`3 × ${name}`, { exact: false }).waitFor();
    await guest.getByText('€27.00').first().waitFor();
    await expectAccessible(guest);
    await screenshot(guest, 'shared-cart');
    // Importing needs an account: log in, come back to the link, import.
    await guest.getByRole('button', { name: 'Import into my cart' }).click();
    await guest.getByRole('heading', { name: 'Log in' }).waitFor();
    await guest.getByLabel('Email').fill('user2@example.com');
    await guest.getByLabel('Password').fill('testPass123');
    await guest.getByRole('button', { name: 'Log in', exact: true }).click();
    await guest.getByRole('heading', { name: 'A shared cart' }).waitFor();
    await guest.getByRole('button', { name: 'Import into my cart' }).click();
    await guest.getByText('Added to').waitFor();
    await cartLink(guest).click();
    await guest.getByRole('rowheader', { name }).waitFor();

    await page.getByRole('button', { name: 'Revoke link' }).click();
    await page.getByRole('button', { name: 'Share cart' }).waitFor();
    const late = await open(new URL(link).pathname);
    await late.getByText('This shared cart does not exist or its link was revoked.').waitFor();
  }, 120_000);

  it('when an administrator manages products and users, then each change shows and reaches the services', async () => {
    const name = 'Camp stool';
    const customer = await newUser(stack, 'promotee');
    const page = await open();
    page.on('dialog', (dialog) => void dialog.accept());
    await logInAs(page, 'admin2@example.com');

    await page.getByRole('link', { name: 'Products', exact: true }).click();
    await page.getByRole('heading', { name: 'Products', level: 1 }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Description', { exact: true }).fill('Folds flat.');
    await page.getByLabel('Price in cents', { exact: true }).fill('3499');
    await page.getByLabel('Stock', { exact: true }).fill('7');
    await page.getByRole('button', { name: 'Create product' }).click();
    await page.getByText(`Created ${name}.`).waitFor();
    await page.getByRole('searchbox', { name: 'Search products' }).fill(name);
    await page.getByRole('button', { name: 'Search' }).click();
    const card = page.getByRole('article', { name });
    await card.getByText('€34.99 · 7 in stock').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'admin-products');

    await card.getByRole('button', { name: `Edit ${name}` }).click();
    await card.getByLabel('Stock').fill('12');
    await card.getByRole('button', { name: `Save ${name}` }).click();
    await card.getByText('€34.99 · 12 in stock').waitFor();
    const created = (await call(stack.cart, 'GET', `/api/v1/products?search=${encodeURIComponent(name)}`))
      .body.items[0];
    expect(created).toMatchObject({ name, description: 'Folds flat.', price: 3499, stock: 12 });
    await card.getByRole('button', { name: `Archive ${name}` }).click();
    await card.waitFor({ state: 'detached' });
    expect((await call(stack.cart, 'GET', `/api/v1/products/${created.id}`)).status).toBe(404);

    await page.getByRole('link', { name: 'Users', exact: true }).click();
    await page.getByRole('searchbox', { name: 'Search users' }).fill(customer.email);
    await page.getByRole('button', { name: 'Search' }).click();
    const row = page.getByRole('row', { name: new RegExp(customer.email) });
    await row.getByRole('button', { name: `Promote ${customer.email}` }).click();
    await row.getByText('Administrator').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'admin-users');
    await row.getByRole('button', { name: `Demote ${customer.email}` }).click();
    await row.getByText('Customer').waitFor();
    await row.getByRole('button', { name: `Delete ${customer.email}` }).click();
    await row.waitFor({ state: 'detached' });
    const gone = await call(stack.customers, 'GET', `/api/v1/users/${customer.userId}`, {
      token: adminToken,
    });
    expect(gone.status).toBe(404);
  }, 120_000);

  it('when the session is ended elsewhere, then the next request refreshes once and the app asks to log in again', async () => {
    const shopper = await newUser(stack, 'revoked');
    const page = await open();
    await logInAs(page, shopper.email, shopper.password);
    const refreshes: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/v1/auth/refresh'))
        refreshes.push(request.url());
    });
    // Logging out everywhere refuses every access token and refresh token of the user at once.
    const elsewhere = await logIn(stack, shopper.email, shopper.password);
    const out = await call(stack.customers, 'POST', '/api/v1/auth/logout', {
      token: elsewhere.accessToken,
      body: { all: true },
    });
    expect(out.status).toBe(204);
    await cartLink(page).click();
    await page.getByText('Your session has ended. Log in again to continue.').waitFor();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    expect(new URL(page.url()).searchParams.get('next')).toBe('/cart');
    expect(refreshes).toHaveLength(1);
  }, 60_000);

  it(
    'when customers is down, then the cart page says so with a retry, and the retry shows the cart once it is back',
    async () => {
      const name = 'Head torch';
      await createProduct(stack, adminToken, { name, price: 2999, stock: 9 });
      const shopper = await newUser(stack, 'outage');
      const page = await open();
      await logInAs(page, shopper.email, shopper.password);
      await page.getByRole('searchbox', { name: 'Search products' }).fill(name);
      await page.getByRole('button', { name: 'Search' }).click();
      await product(page, name).getByRole('button', { name: 'Add to cart' }).click();
      await page.getByRole('link', { name: /^Cart \(1\)$/ }).waitFor();

      await stack.customers.stop();
      try {
        await cartLink(page).click();
        const alert = page.getByRole('alert');
        await alert.getByText('We cannot check your sign-in right now').waitFor();
        await expectAccessible(page);
        await screenshot(page, 'customers-down');
      } finally {
        stack.customers = await startService('customers', stack.customersEnv, { readyTimeoutMs });
      }
      // cart's gRPC channel reconnects with backoff: press "Try again" until the cart shows.
      const line = page.getByRole('rowheader', { name });
      await until(async () => {
        if (await line.isVisible()) return true;
        const retry = page.getByRole('button', { name: 'Try again' });
        if (await retry.isVisible()) await retry.click();
        return line.isVisible();
      }, 250);
      await page.getByRole('button', { name: 'Checkout' }).waitFor();
    },
    120_000 + readyTimeoutMs,
  );
});
