// Production behaviour as a browser meets it: security headers on public and staff pages,
// nothing stored for a signed-in person, compressed and long-cached assets, and the Polish page
// of a rate-limited form (JavaScript off, scanned with axe).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from '../support/setup.mjs';
import { expectAccessible, openPage, visit } from '../support/browser.mjs';
import { ADMIN, signIn } from '../support/accounts.mjs';

// One password reset an hour from one address, so the second one is limited.
const shared = serverAndBrowser({ CUS_RATE_LIMITS__PASSWORD_RESET_PER_HOUR: '1' });

function expectProductionHeaders(headers, where) {
  const csp = headers['content-security-policy'] ?? '';
  assert.match(csp, /'nonce-/, `${where}: CSP with a nonce`);
  assert.doesNotMatch(csp, /ws:/, `${where}: no reload socket in production`);
  assert.equal(headers['x-content-type-options'], 'nosniff', where);
  assert.equal(headers['cross-origin-opener-policy'], 'same-origin', where);
  assert.match(headers['permissions-policy'] ?? '', /geolocation=\(\)/, where);
  assert.equal(headers['x-frame-options'], 'DENY', where);
}

describe('production safety', () => {
  test('public pages and a service page carry the production headers', async () => {
    for (const path of ['/', '/uslugi']) {
      const res = await fetch(`${shared.server.url}${path}`, { headers: { 'accept-encoding': 'identity' } });
      assert.equal(res.status, 200, path);
      expectProductionHeaders(Object.fromEntries(res.headers), path);
      assert.equal(res.headers.get('content-encoding'), null, 'asked for no encoding');
    }
    const list = await (await fetch(`${shared.server.url}/uslugi`)).text();
    // (fetch decodes a compressed answer and keeps its Content-Encoding header.)
    const service = list.match(/href="(\/uslugi\/[0-9a-f-]{36})"/)?.[1];
    assert.ok(service, 'the catalogue links its services');
    const res = await fetch(`${shared.server.url}${service}`, { headers: { 'accept-encoding': 'br' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-encoding'), 'br', 'pages are compressed');
    expectProductionHeaders(Object.fromEntries(res.headers), service);
  });

  test('a staff page is never stored by the browser', async () => {
    const page = await openPage(shared.browser, { js: false });
    await signIn(page, shared.server.url, 'organizator@cus.debica.example');
    const response = await visit(page, `${shared.server.url}/pracownik/sprawy`, { js: false });
    const headers = await response.allHeaders();
    expectProductionHeaders(headers, '/pracownik/sprawy');
    assert.equal(headers['cache-control'], 'no-store');
    await page.context().close();
  });

  test('the bundle and the stylesheet are hashed, precompressed and cached for a year', async () => {
    // A staff page carries the bundle (the public portal is sent without it).
    const html = await (await fetch(`${shared.server.url}/pracownik/pomoc`)).text();
    for (const ext of ['css', 'wasm', 'js']) {
      const name = html.match(new RegExp(`/pkg/cus\\.[0-9a-f]{16}\\.${ext}`))?.[0];
      assert.ok(name, `the page links a hashed .${ext}`);
      for (const encoding of ['br', 'gzip']) {
        const res = await fetch(`${shared.server.url}${name}`, { headers: { 'accept-encoding': encoding } });
        assert.equal(res.status, 200, name);
        assert.equal(res.headers.get('content-encoding'), encoding, `${name} as ${encoding}`);
        assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      }
    }
  });

  test('an administrator resets a colleague\'s lost second factor', async () => {
    const colleague = 'koordynator@cus.debica.example';
    const first = await openPage(shared.browser, { js: false });
    await signIn(first, shared.server.url, colleague);
    await first.context().close();

    const admin = await openPage(shared.browser, { js: true });
    await signIn(admin, shared.server.url, ADMIN);
    await visit(admin, `${shared.server.url}/pracownik/konta?szukaj=koordynator`, { js: true });
    await Promise.all([
      admin.waitForURL((url) => /^\/pracownik\/konta\/[0-9a-f-]{36}$/.test(url.pathname)),
      admin.click('table a:has-text("Karol Koordynator")'),
    ]);
    await visit(admin, admin.url(), { js: true });
    await admin.click('#reset-second-factor');
    await admin.waitForSelector('#second-factor-reset');
    assert.match(await admin.textContent('#second-factor-reset'), /Drugi składnik został zresetowany/);
    await expectAccessible(admin);
    await admin.context().close();

    // The colleague's password now leads to enrolling a new code.
    const again = await openPage(shared.browser, { js: false });
    await visit(again, `${shared.server.url}/logowanie`, { js: false });
    await again.fill('#email', colleague);
    await again.fill('#password', 'demo-cus-2026!');
    await Promise.all([
      again.waitForURL((url) => url.pathname !== '/logowanie'),
      again.click('form.form button[type="submit"]'),
    ]);
    assert.equal(new URL(again.url()).pathname, '/logowanie/nowy-kod');
    await again.context().close();
  });

  test('a limited form answers with a Polish page saying when to try again (JS off)', async () => {
    const page = await openPage(shared.browser, { js: false });
    let response;
    for (let attempt = 0; attempt < 2; attempt += 1) {
      await visit(page, `${shared.server.url}/haslo`, { js: false });
      await page.fill('#email', 'ktos@example.pl');
      [response] = await Promise.all([
        page.waitForNavigation(),
        page.click('form.form button[type="submit"]'),
      ]);
    }
    assert.equal(response.status(), 429, 'the second reset in an hour is limited');
    assert.ok(Number(await response.headerValue('retry-after')) > 0);
    assert.equal(await page.getAttribute('html', 'lang'), 'pl');
    assert.equal((await page.textContent('h1')).trim(), 'Zbyt wiele prób');
    assert.match(await page.textContent('main'), /Spróbuj ponownie za \d+ minut/);
    await expectAccessible(page);
    await page.context().close();
  });
});
