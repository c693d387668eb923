import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chromium, type Browser, type Page } from 'playwright-core';
import { artifactsDir, recordFigures } from '../src/figures.js';
import { call, logIn, startStack, type RunningService, type Stack } from '../src/stack.js';

// Debian's chromium (.ci/run installs it when missing), never a downloaded browser.
const chromiumPath = '/usr/bin/chromium';
const screenshots = join(artifactsDir, 'screenshots');

describe('Swagger UI of each service in a real headless browser', () => {
  let stack: Stack;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(chromiumPath)) {
      throw new Error(
        `${chromiumPath} is missing: install Debian's chromium (apt-get install -y chromium), as .ci/run does. ` +
          'This test never downloads a browser.',
      );
    }
    mkdirSync(screenshots, { recursive: true });
    [stack, browser] = await Promise.all([
      startStack(),
      chromium.launch({
        executablePath: chromiumPath,
        headless: true,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-quic',
          '--no-first-run',
          '--disable-component-update',
          '--disable-sync',
        ],
      }),
    ]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  /** Opens /docs, watching console errors and every request the page makes. */
  const openDocs = async (service: RunningService) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
    const consoleErrors: string[] = [];
    const offHost: string[] = [];
    const host = new URL(service.baseUrl).host;
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(String(error)));
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (!['data:', 'blob:'].includes(url.protocol) && url.host !== host) offHost.push(request.url());
    });
    await page.goto(`${service.baseUrl}/docs`, { waitUntil: 'networkidle' });
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

  for (const { name, method, path } of cases) {
    it(`when the ${name} Swagger UI is opened, authorized with a demo user's token and ${method.toUpperCase()} ${path} is executed, then every operation is listed, 200 is shown, with no console error and no off-host request`, async () => {
      const service = stack[name];
      const document = (await call(service, 'GET', '/docs/json')).body as { paths: Record<string, object> };
      const operationCount = Object.values(document.paths).reduce((n, ops) => n + Object.keys(ops).length, 0);
      const { page, consoleErrors, offHost } = await openDocs(service);
      try {
        await page.locator('.opblock').first().waitFor();
        expect(await page.locator('.opblock').count()).toBe(operationCount);
        await page.screenshot({ path: join(screenshots, `${name}-swagger-ui.png`), fullPage: true });

        const token = (await logIn(stack, 'user1@example.com')).accessToken;
        await authorize(page, token);
        const { operation, status } = await tryItOut(page, method, path);
        await operation.scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(screenshots, `${name}-try-it-out.png`), fullPage: true });
        expect(status).toBe('200');
        // The body the UI shows is the caller's own data.
        const shown = await operation
          .locator('.live-responses-table .response-col_description pre')
          .first()
          .innerText();
        expect(shown).toMatch(name === 'cart' ? /"items"/ : /user1@example\.com/);

        expect(consoleErrors).toEqual([]);
        expect(offHost).toEqual([]);
        recordFigures(`browser-${name}`, { operations_listed: operationCount, status_shown: status });
      } finally {
        await page.close();
      }
    }, 90_000);
  }
});
