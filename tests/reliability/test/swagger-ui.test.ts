import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { launchChromium } from '@cartwright/storefront-tests/browser';
import type { Browser, Page } from 'playwright-core';
import { artifactsDir, recordFigures } from '../src/figures.js';
import { call, logIn, startStack, type Stack } from '../src/stack.js';

const screenshots = join(artifactsDir, 'screenshots');

describe('Swagger UI of each service in a real headless browser', () => {
  let stack: Stack;
  let browser: Browser;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack(), launchChromium()]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  /** Opens /docs at `origin`, watching console errors and every request the page makes. */
  const openDocs = async (origin: string) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
    const consoleErrors: string[] = [];
    const offHost: string[] = [];
    const host = new URL(origin).host;
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(String(error)));
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (!['data:', 'blob:'].includes(url.protocol) && url.host !== host) offHost.push(request.url());
    });
    await page.goto(`${origin}/docs`, { waitUntil: 'networkidle' });
    return { page, consoleErrors, offHost };
  };

  /** Authorize dialog: paste the bearer token, confirm, close. */
  const authorize = async (page: Page, token: string) => {
    await page.locator('.scheme-container .btn.authorize').click();
    const dialog = page.locator('.dialog-ux .modal-ux');
    const bearer = dialog.locator('form', { hasText: 'bearerAuth' });
    await bearer.locator('input').first().fill(token);
    await bearer.locator('button.authorize').click();
    await dialog.locator('button.btn-done').first().click();
  };

  /** Expands one operation, "Try it out", "Execute", and returns the status the UI shows. */
  const tryItOut = async (page: Page, method: string, path: string) => {
    const operation = page.locator(`.opblock-${method}`, {
      has: page.locator(`.opblock-summary-path[data-path="${path}"]`),
    });
    await operation.locator('.opblock-summary').first().click();
    await operation.locator('button.try-out__btn').click();
    await operation.locator('button.execute').click();
    const status = operation.locator('.live-responses-table .response .response-col_status').first();
    await status.waitFor({ timeout: 15_000 });
    return { operation, status: (await status.innerText()).trim() };
  };

  const cases = [
    { name: 'cart' as const, method: 'get', path: '/api/v1/cart' },
    // customers has no cart: its own signed-in read is the profile.
    { name: 'customers' as const, method: 'get', path: '/api/v1/users/me' },
  ];
  // The URL each service prints, and the same port under `localhost`: "Try it out" must call
  // the origin the page came from either way (the documents' server is the relative "/"), or
  // the browser blocks the call as cross-origin.
  const hosts = ['127.0.0.1', 'localhost'] as const;

  for (const { name, method, path } of cases) {
    for (const hostname of hosts) {
      it(`when the ${name} Swagger UI is opened at ${hostname}, authorized with a demo user's token and ${method.toUpperCase()} ${path} is executed, then every operation is listed, 200 is shown, with no console error and no off-host request`, async () => {
        const service = stack[name];
        const origin = service.baseUrl.replace('127.0.0.1', hostname);
        const document = (await call(service, 'GET', '/docs/json')).body as { paths: Record<string, object> };
        const operationCount = Object.values(document.paths).reduce(
          (n, ops) => n + Object.keys(ops).length,
          0,
        );
        const { page, consoleErrors, offHost } = await openDocs(origin);
        try {
          await page.locator('.opblock').first().waitFor();
          expect(await page.locator('.opblock').count()).toBe(operationCount);
          await page.screenshot({
            path: join(screenshots, `${name}-${hostname}-swagger-ui.png`),
            fullPage: true,
          });

          const token = (await logIn(stack, 'user1@example.com')).accessToken;
          await authorize(page, token);
          const { operation, status } = await tryItOut(page, method, path);
          await operation.scrollIntoViewIfNeeded();
          await page.screenshot({
            path: join(screenshots, `${name}-${hostname}-try-it-out.png`),
            fullPage: true,
          });
          expect(status).toBe('200');
          // The body the UI shows is the caller's own data.
          const shown = await operation
            .locator('.live-responses-table .response-col_description pre')
            .first()
            .innerText();
          expect(shown).toMatch(name === 'cart' ? /"items"/ : /user1@example\.com/);

          expect(consoleErrors).toEqual([]);
          expect(offHost).toEqual([]);
          recordFigures(`browser-${name}-${hostname}`, {
            operations_listed: operationCount,
            status_shown: status,
          });
        } finally {
          await page.close();
        }
      }, 90_000);
    }
  }
});
