// The public catalogue on the demo programmes: diacritic-free search, combined filters, a
// service page with its fee table and calculator, the self-check and the provider directory,
// with JavaScript on and off, scanned with axe on every page.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from '../support/setup.mjs';
import { openPage, visit, waitForHydration } from '../support/browser.mjs';

const shared = serverAndBrowser();

/** Clicks the submit button `selector` of a GET form and waits for the URL that matches `url`. */
async function submit(page, selector, url, js) {
  await Promise.all([page.waitForURL(url), page.click(selector)]);
  await page.waitForLoadState('load');
  if (js) await waitForHydration(page);
}

const resultNames = (page) => page.locator('.service-list h3 a').allTextContents();

for (const js of [true, false]) {
  const mode = js ? 'JS on' : 'JS off';

  describe(`catalogue (${mode})`, () => {
    test('a search without diacritics and combined filters find the service', async () => {
      const page = await openPage(shared.browser, { js });
      await visit(page, `${shared.server.url}/uslugi`, { js });
      assert.equal((await page.textContent('h1')).trim(), 'Katalog usług społecznych');
      assert.ok((await resultNames(page)).length >= 10, 'the demo programmes are listed');

      await page.fill('#szukaj', 'zlota raczka');
      await submit(page, '.filters button[type="submit"]', /szukaj=zlota/, js);
      assert.match(page.url(), /szukaj=zlota\+raczka/);
      await visit(page, page.url().split('#')[0], { js });
      assert.deepEqual(await resultNames(page), ['Złota Rączka – drobne naprawy w domu seniora']);
      assert.equal((await page.textContent('.results-count')).trim(), 'Znaleziono 1 usługę');

      await visit(page, `${shared.server.url}/uslugi`, { js });
      await page.selectOption('#obszar', 'family_support');
      await page.selectOption('#forma', 'individual');
      await page.selectOption('#odplatnosc', 'bezplatne');
      await submit(page, '.filters button[type="submit"]', /obszar=family_support/, js);
      const family = await resultNames(page);
      assert.ok(family.includes('Mediacje rodzinne'), family.join(', '));
      assert.ok(!family.includes('Klub Rodzinny'), 'a group service is filtered out');
      assert.equal(await page.inputValue('#obszar'), 'family_support', 'the form keeps the filter');
      assert.deepEqual(page.problems, []);
      await page.context().close();
    });

    test('a service page shows the fee table and computes a fee', async () => {
      const page = await openPage(shared.browser, { js });
      await visit(page, `${shared.server.url}/uslugi?szukaj=opiekuncze`, { js });
      await Promise.all([page.waitForURL(/\/uslugi\/[0-9a-f-]+$/), page.click('.service-list h3 a')]);
      await visit(page, page.url().split('#')[0], { js });
      assert.equal((await page.textContent('h1')).trim(), 'Usługi opiekuńcze w miejscu zamieszkania');
      assert.ok((await page.locator('table tbody tr').count()) >= 3, 'the income table is shown');

      await page.fill('#dochod', 'dużo');
      await submit(page, '.calculator button[type="submit"]', /dochod=du/, js);
      assert.match(await page.textContent('#dochod-error'), /Wpisz dochód jako kwotę/);
      assert.equal(await page.inputValue('#dochod'), 'dużo', 'what was typed is kept');
      await visit(page, page.url().split('#')[0], { js });

      await page.fill('#dochod', '1500');
      await page.fill('#jednostki', '10');
      await submit(page, '.calculator button[type="submit"]', /dochod=1500/, js);
      // 1 500 zł is 137,6 % of the 1 090 zł criterion: 10 % of the 35 zł hour.
      assert.match(await page.textContent('#wynik'), /3,50\s*zł za jednostkę.*razem 35,00\s*zł/s);
      await visit(page, page.url().split('#')[0], { js });
      assert.deepEqual(page.problems, []);
      await page.context().close();
    });

    test('the self-check names the unmet conditions', async () => {
      const page = await openPage(shared.browser, { js });
      await visit(page, `${shared.server.url}/sprawdz`, { js });
      await page.fill('#wiek', '40');
      await page.check('#mieszkaniec-tak');
      await submit(page, '.self-check button[type="submit"]', /wiek=40/, js);
      await visit(page, page.url().split('#')[0], { js });
      const notMatching = await page.locator('.self-check__results').textContent();
      assert.match(notMatching, /co najmniej 60 lat/, 'Złota Rączka needs 60 years');
      await page.context().close();
    });

    test('the provider directory lists providers with their services', async () => {
      const page = await openPage(shared.browser, { js });
      await visit(page, `${shared.server.url}/realizatorzy`, { js });
      assert.ok((await page.locator('.provider-card').count()) >= 3);
      assert.ok((await page.locator('.provider-card li a[href^="/uslugi/"]').count()) >= 1);
      await page.context().close();
    });
  });
}
