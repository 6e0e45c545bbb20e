// The administrator manages accounts, the data protection officer reads and exports the audit
// log, and a clerk is refused both — with axe finding nothing on every page, JS on and off.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from '../support/setup.mjs';
import { expectAccessible, openPage, visit, waitForHydration } from '../support/browser.mjs';
import { ADMIN, CLERK, IOD, signIn } from '../support/accounts.mjs';

const shared = serverAndBrowser();

/** Submits the page's form `selector` and waits for the result (navigation or re-render). */
async function submit(page, js, selector) {
  if (js) {
    await page.click(selector);
    await page.waitForLoadState('load');
  } else {
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(selector)]);
  }
}

for (const js of [true, false]) {
  const mode = js ? 'JS on' : 'JS off';
  describe(`administrator's accounts (${mode})`, () => {
    test('creates an account, edits its roles and deactivates it', async () => {
      const page = await openPage(shared.browser, { js });
      await signIn(page, shared.server.url, ADMIN);
      await visit(page, `${shared.server.url}/pracownik/konta`, { js });
      assert.equal((await page.textContent('h1')).trim(), 'Konta użytkowników');
      assert.match(await page.textContent('table caption'), /Konta użytkowników: \d+ kont/);

      await visit(page, `${shared.server.url}/pracownik/konta/nowe`, { js });
      // Errors first: the passwords differ; typed values stay (JS on) and axe is still happy.
      const email = `nowa-${js ? 'js' : 'nojs'}@cus.debica.example`;
      await page.fill('#email', email);
      await page.fill('#display_name', 'Nina Nowa');
      await page.check('#role-social_worker');
      await page.fill('#password', 'bardzo-tajne-haslo-1');
      await page.fill('#password_again', 'bardzo-tajne-haslo-2');
      await submit(page, js, 'form.form button[type="submit"]');
      await page.waitForSelector('.error-summary');
      assert.match(await page.textContent('.error-summary'), /Hasła nie są takie same/);
      assert.match(await page.textContent('#password_again-error'), /Hasła nie są takie same/);
      if (js) assert.equal(await page.inputValue('#display_name'), 'Nina Nowa');
      await expectAccessible(page);
      // The server answers the deliberate mistake with 422, which Chromium logs; that one is
      // expected here.
      page.problems = page.problems.filter((p) => !/status of 422/.test(p));

      if (!js) {
        await page.fill('#email', email);
        await page.fill('#display_name', 'Nina Nowa');
        await page.check('#role-social_worker');
      }
      await page.fill('#password', 'bardzo-tajne-haslo-1');
      await page.fill('#password_again', 'bardzo-tajne-haslo-1');
      await Promise.all([
        page.waitForURL((url) => /^\/pracownik\/konta\/[0-9a-f-]{36}$/.test(url.pathname)),
        page.click('form.form button[type="submit"]'),
      ]);
      await page.waitForLoadState('load');
      await visit(page, page.url(), { js });
      assert.equal((await page.textContent('.account-email')).trim(), email);
      assert.equal((await page.textContent('.account-roles')).trim(), 'pracownik socjalny');

      await page.check('#role-plan_coordinator');
      await page.uncheck('#role-social_worker');
      await submit(page, js, 'form.form:has(#display_name) button[type="submit"]');
      await page.waitForFunction(
        () => document.querySelector('.account-roles')?.textContent.includes('koordynator'),
      );
      assert.equal(
        (await page.textContent('.account-roles')).trim(),
        'koordynator indywidualnych planów usług społecznych',
      );

      await submit(page, js, '#deactivate');
      await page.waitForFunction(
        () => document.querySelector('.account-status')?.textContent.trim() === 'nieaktywne',
      );
      assert.equal((await page.textContent('#deactivate')).trim(), 'Przywróć konto');
      await visit(page, page.url(), { js });

      await visit(page, `${shared.server.url}/pracownik/konta?szukaj=nowa-${js ? 'js' : 'nojs'}`, { js });
      assert.match(await page.textContent('table caption'), /1 konto/);
      assert.match(await page.textContent('tbody'), /nieaktywne/);

      await visit(page, `${shared.server.url}/pracownik/uprawnienia`, { js });
      assert.equal((await page.textContent('h1')).trim(), 'Uprawnienia ról');
      assert.deepEqual(page.problems, []);
      await page.context().close();
    });

    test('the last administrator keeps the role', async () => {
      const page = await openPage(shared.browser, { js });
      await signIn(page, shared.server.url, ADMIN);
      await visit(page, `${shared.server.url}/pracownik/konta?szukaj=admin%40`, { js });
      await Promise.all([
        page.waitForURL((url) => url.pathname.startsWith('/pracownik/konta/')),
        page.click('tbody a'),
      ]);
      await page.waitForLoadState('load');
      if (js) await waitForHydration(page);
      await submit(page, js, '#deactivate');
      await page.waitForSelector('.error-summary');
      assert.match(await page.textContent('.error-summary'), /jedyne aktywne konto administratora/);
      await expectAccessible(page);
      await page.context().close();
    });
  });
}

for (const js of [true, false]) {
  const mode = js ? 'JS on' : 'JS off';
  test(`the IOD filters the audit log and downloads it as CSV (${mode})`, async () => {
    const page = await openPage(shared.browser, { js });
    await signIn(page, shared.server.url, IOD);
    await visit(page, `${shared.server.url}/pracownik/audyt`, { js });
    assert.equal((await page.textContent('h1')).trim(), 'Dziennik zdarzeń (audyt)');
    assert.match(await page.textContent('.result-count'), /Znaleziono \d+ wpis/);

    await page.selectOption('#akcja', 'login');
    await page.fill('#kto', IOD);
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('form.form--filter button[type="submit"]')]);
    if (js) await waitForHydration(page);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('akcja'), 'login');
    assert.equal(url.searchParams.get('kto'), IOD);
    await expectAccessible(page);
    const rows = await page.$$eval('tbody tr', (trs) => trs.map((tr) => tr.textContent));
    assert.ok(rows.length >= 1);
    for (const row of rows) assert.match(row, /logowanie/);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('text=Pobierz wyniki jako CSV'),
    ]);
    assert.match(download.suggestedFilename(), /^audyt-\d{4}-\d{2}-\d{2}\.csv$/);
    const chunks = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk);
    const body = Buffer.concat(chunks);
    assert.deepEqual([...body.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.match(body.toString('utf8'), /login/);

    await visit(page, `${shared.server.url}/pracownik/audyt?od=nie-data`, { js });
    assert.match(await page.textContent('.error-summary'), /RRRR-MM-DD/);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
}

for (const js of [true, false]) {
  test(`a clerk gets the Polish 403 page on the administrator pages (${js ? 'JS on' : 'JS off'})`, async () => {
    const page = await openPage(shared.browser, { js });
    await signIn(page, shared.server.url, CLERK);
    for (const path of ['/pracownik/konta', '/pracownik/konta/nowe', '/pracownik/uprawnienia', '/pracownik/audyt']) {
      await visit(page, `${shared.server.url}${path}`, { js, status: 403 });
      assert.match(await page.textContent('.notice--error'), /Nie masz uprawnień do tej strony\./);
    }
    const res = await page.request.get(`${shared.server.url}/pracownik/audyt.csv`);
    assert.equal(res.status(), 403);
    await page.context().close();
  });
}
