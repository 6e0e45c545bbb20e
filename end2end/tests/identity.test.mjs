// Staff sign-in: an unauthenticated visitor is sent to the sign-in page; a staff member
// signs in, sees the staff area and signs out; a wrong password gets a Polish message.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';
import { launchBrowser, openPage, visit, waitForHydration } from '../support/browser.mjs';

const ADMIN = { email: 'admin@cus.debica.example', password: 'demo-cus-2026!' };

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(page, js, { email, password }) {
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('form.form button[type="submit"]');
  await page.waitForLoadState('load');
  if (js) await waitForHydration(page);
}

for (const js of [true, false]) {
  describe(`staff sign-in (${js ? 'JS on' : 'JS off'})`, () => {
    test('visitor is sent to sign in, signs in, sees the staff area and signs out', async () => {
      const page = await openPage(browser, { js });
      await visit(page, `${server.url}/pracownik`, { js });
      assert.equal(new URL(page.url()).pathname, '/logowanie');
      assert.equal(new URL(page.url()).searchParams.get('powrot'), '/pracownik');
      assert.equal((await page.textContent('h1')).trim(), 'Logowanie');

      await signIn(page, js, ADMIN);
      await page.waitForURL(`${server.url}/pracownik`);
      assert.equal((await page.textContent('h1')).trim(), 'Strefa pracownika');
      assert.equal((await page.textContent('.staff-name')).trim(), 'Adam Administrator');
      await visit(page, `${server.url}/pracownik`, { js });

      await page.click('text=Wyloguj się');
      await page.waitForURL(`${server.url}/`);
      await visit(page, `${server.url}/pracownik`, { js });
      assert.equal(new URL(page.url()).pathname, '/logowanie', 'signed out');
      assert.deepEqual(page.problems, []);
      await page.context().close();
    });
  });
}

for (const js of [true, false]) {
  test(`a wrong password gets a clear Polish message (${js ? 'JS on' : 'JS off'})`, async () => {
    const page = await openPage(browser, { js });
    await visit(page, `${server.url}/logowanie`, { js });
    await signIn(page, js, { ...ADMIN, password: 'zle-haslo-123' });
    await page.waitForSelector('.error-summary');
    assert.match(await page.textContent('.error-summary'), /Nieprawidłowy adres e-mail lub hasło\./);
    assert.equal(new URL(page.url()).pathname, '/logowanie');
    await visit(page, page.url(), { js });
    await page.context().close();
  });
}
