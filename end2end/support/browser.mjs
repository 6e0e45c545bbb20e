// Debian's Chromium driven by playwright-core (no browser download).
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A page with the app's JavaScript on or off, in a browser language. "Off" blocks every script
 * the app serves (the wasm bundle and its loader), so the page is exactly what a browser without
 * JavaScript gets, while Playwright and axe-core can still inspect it (with the browser's
 * JavaScript switched off entirely, they cannot). Errors in the page's console (a failed
 * hydration, say) are collected in `page.problems`.
 */
export async function openPage(browser, { js = true, locale = 'pl-PL' } = {}) {
  const context = await browser.newContext({ locale });
  if (!js) {
    await context.route(/\/pkg\/.*\.(js|wasm)$/, (route) => route.abort());
  }
  const page = await context.newPage();
  page.problems = [];
  // With scripts blocked, the loader's failed import is expected; anything else is a problem.
  const expected = (text) => !js && /Failed to load resource|dynamically imported module/.test(text);
  page.on('pageerror', (err) => {
    if (!expected(err.message)) page.problems.push(`pageerror: ${err.message}`);
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !expected(msg.text())) page.problems.push(`console: ${msg.text()}`);
  });
  return page;
}

/**
 * Waits until the wasm bundle has hydrated the page (JS on only). A public page for a visitor
 * not signed in is sent without the bundle: it is ready once loaded.
 */
export async function waitForHydration(page) {
  await page.waitForFunction(
    () =>
      document.documentElement.dataset.hydrated === 'true' ||
      (document.readyState === 'complete' && !document.querySelector('script[type="module"]')),
    null,
    { timeout: 15_000 },
  );
}

/** Whether the page was sent with the browser bundle. */
export async function shipsBundle(page) {
  return (await page.locator('script[type="module"]').count()) > 0;
}

/** axe-core scan for WCAG 2.1 A and AA: there must be no violation. */
export async function expectAccessible(page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
  );
  assert.deepEqual(summary, [], `axe violations on ${page.url()}`);
}

/** Visits `path`, checks that the page answered `status`, and scans it with axe. */
export async function visit(page, url, { status = 200, js = true } = {}) {
  const response = await page.goto(url, { waitUntil: 'load' });
  assert.equal(response.status(), status, `status of ${url}`);
  if (js) {
    await waitForHydration(page);
    // leptos_meta puts the title back while it hydrates the head; axe below still finds a
    // page that has none.
    await page.waitForFunction(() => document.title !== '', null, { timeout: 3_000 }).catch(() => {});
  } else {
    assert.equal(await page.getAttribute('html', 'data-hydrated'), null, 'no app script ran');
  }
  await expectAccessible(page);
  return response;
}
