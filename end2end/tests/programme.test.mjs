// The services organiser creates a programme with a service, an income-dependent fee table and a
// limit, previews a fee, edits the draft and publishes it; residents then find the service in the
// catalogue with JavaScript on and off. A new version takes its own resolution and changed
// package, and is ended after its consequences are shown. axe scans every page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from '../support/setup.mjs';
import { openPage, visit, waitForHydration } from '../support/browser.mjs';
import { signIn } from '../support/accounts.mjs';

const shared = serverAndBrowser();
const ORGANISER = 'organizator@cus.debica.example';

/** Clicks `selector` and waits until the URL matches `url` and the page has hydrated. */
async function go(page, selector, url) {
  await Promise.all([page.waitForURL(url), page.click(selector)]);
  await page.waitForLoadState('load');
  await waitForHydration(page);
}

test('a programme is created, priced, edited, published, found by residents, versioned and ended', async () => {
  const page = await openPage(shared.browser);
  await signIn(page, shared.server.url, ORGANISER);
  await visit(page, `${shared.server.url}/pracownik`);
  await go(page, 'a[href="/pracownik/programy"]', /\/pracownik\/programy$/);
  await visit(page, page.url().split('#')[0]);
  assert.match(await page.textContent('table'), /Program usług społecznych Gminy Dębica/);
  await go(page, 'a[href="/pracownik/programy/nowy"]', /\/nowy$/);
  await visit(page, page.url().split('#')[0]);

  // An empty form names each missing field.
  await page.click('form.form button[type="submit"]');
  await page.waitForSelector('.error-summary');
  assert.match(await page.textContent('.error-summary'), /To pole jest wymagane/);
  assert.match(await page.textContent('#gminas-error'), /kod TERYT/);

  await page.fill('#name', 'Program „Aktywny Senior”');
  await page.fill('#gminas', '1803032');
  await page.fill('#resolution_number', 'LX/700/2026');
  await page.fill('#resolution_date', '2026-10-29');
  await page.fill('#period_from', '2027-01-01');
  await page.fill('#period_to', '2027-12-31');
  await page.fill('#goal', 'Aktywność ruchowa seniorów z terenu gminy.');
  await page.check('#personal-data-name');
  await page.check('#personal-data-health');
  // How long the case files are kept: a wrong category is named, what was typed stays.
  await page.fill('#retention_symbol', '8111');
  await page.fill('#retention_category', 'C7');
  await page.click('form.form button[type="submit"]');
  await page.waitForSelector('#retention_category-error');
  assert.match(await page.textContent('#retention_category-error'), /kategorię archiwalną/);
  assert.equal(await page.inputValue('#retention_symbol'), '8111');
  await page.fill('#retention_category', 'B10');
  await go(page, 'form.form button[type="submit"]', /\/pracownik\/programy\/[0-9a-f-]{36}$/);
  const programmeUrl = page.url();
  await visit(page, programmeUrl);
  assert.match(await page.textContent('h1'), /Aktywny Senior/);
  assert.match(await page.textContent('main'), /projekt/);
  assert.match(await page.textContent('main'), /JRWA 8111, B10/);

  await go(page, 'a[href$="/nowa-usluga"]', /\/nowa-usluga$/);
  await visit(page, page.url().split('#')[0]);
  await page.fill('#name', 'Basen dla seniorów z Łękawicy');
  await page.selectOption('#area', 'sport_and_tourism');
  await page.selectOption('#form', 'group');
  await page.selectOption('#unit', 'session');
  await page.fill('#goal', 'Zajęcia na basenie z instruktorem.');
  await page.check('#target_groups-3');
  await page.check('#places-2');
  await page.fill('#min_age', '60');
  await page.check('#residence_required');
  await page.selectOption('#limit_kind', 'places');
  await page.fill('#limit_amount', '12');
  await go(page, 'form.form button[type="submit"]', /\/uslugi\/[0-9a-f-]{36}$/);
  await visit(page, page.url().split('#')[0]);
  assert.equal((await page.textContent('h1')).trim(), 'Basen dla seniorów z Łękawicy');

  // A table whose last row is bounded is refused with the reason.
  await page.check('#fee_kind-income');
  await page.fill('#unit_cost', '20');
  await page.fill('#criterion_single', '1090');
  await page.fill('#criterion_family', '823');
  for (const [i, row] of [['100', '0', '0'], ['200', '25', '30'], ['300', '100', '100']].entries()) {
    await page.fill(`#up_to-${i}`, row[0]);
    await page.fill(`#single-${i}`, row[1]);
    await page.fill(`#family-${i}`, row[2]);
  }
  await page.click('.fee-form button[type="submit"]');
  await page.waitForSelector('.error-summary');
  assert.match(await page.textContent('.error-summary'), /Ostatni wiersz musi być bez górnej granicy/);
  assert.equal(await page.inputValue('#up_to-2'), '300', 'what was typed stays');
  await page.fill('#up_to-2', '');
  await page.click('.fee-form button[type="submit"]');
  await page.waitForSelector('.error-summary', { state: 'detached' });
  await page.waitForFunction(() => document.querySelectorAll('main table.table tbody tr').length >= 3);
  await visit(page, page.url().split('#')[0]);
  assert.match(await page.textContent('main'), /powyżej 200%/);

  // The preview computes with the programme's own rule: 1 500 zł is 137,6 % of 1 090 zł.
  await page.fill('#dochod', '1500');
  await go(page, '.calculator button[type="submit"]', /dochod=1500/);
  assert.match(await page.textContent('#wynik'), /5,00\s*zł za jednostkę/);
  await visit(page, page.url().split('#')[0]);

  // A package needs at least one service; then it groups the new one.
  await page.goto(programmeUrl, { waitUntil: 'load' });
  await waitForHydration(page);
  await page.fill('#package_name', 'Senior w ruchu');
  await page.click('.package-form button[type="submit"]');
  await page.waitForSelector('#package_services .field-error');
  assert.equal(await page.inputValue('#package_name'), 'Senior w ruchu');
  await page.check('#package_services-0');
  await page.click('.package-form button[type="submit"]');
  await page.waitForFunction(() => /Senior w ruchu:/.test(document.querySelector('main').textContent));
  await page.fill('#activity_name', 'Spotkania informacyjne w sołectwach');
  await page.click('.activity-form button[type="submit"]');
  await page.waitForFunction(() => /Spotkania informacyjne w sołectwach:/.test(document.querySelector('main').textContent));
  await visit(page, programmeUrl);

  // The draft's text changes before publication: what was saved is shown.
  await go(page, 'a[href$="/edycja"]', /\/edycja$/);
  await visit(page, page.url().split('#')[0]);
  assert.equal(await page.inputValue('#resolution_number'), 'LX/700/2026', 'the form shows the draft');
  await page.fill('#goal', 'Aktywność ruchowa i kulturalna seniorów z terenu gminy.');
  await go(page, 'form.form button[type="submit"]', /\/pracownik\/programy\/[0-9a-f-]{36}$/);
  await page.waitForFunction(() => /ruchowa i kulturalna/.test(document.querySelector('main').textContent));

  await page.click('form button#programme');
  await page.waitForFunction(() => /opublikowany/.test(document.querySelector('main').textContent));
  await visit(page, programmeUrl);

  for (const js of [true, false]) {
    const visitor = await openPage(shared.browser, { js });
    await visit(visitor, `${shared.server.url}/uslugi?szukaj=basen+lekawicy`, { js });
    const names = await visitor.locator('.service-list h3 a').allTextContents();
    assert.deepEqual(names, ['Basen dla seniorów z Łękawicy']);
    await visitor.click('.service-list h3 a');
    await visitor.waitForURL(/\/uslugi\/[0-9a-f-]{36}$/);
    await visit(visitor, visitor.url(), { js });
    assert.match(await visitor.textContent('main'), /12 miejsc/);
    await visitor.context().close();
  }

  // A new version needs its own resolution before it is published.
  await Promise.all([
    page.waitForURL((url) => url.href !== programmeUrl && /\/programy\/[0-9a-f-]{36}$/.test(url.pathname)),
    page.click('button:has-text("Przygotuj nową wersję")'),
  ]);
  await page.waitForLoadState('load');
  await waitForHydration(page);
  const secondUrl = page.url();
  assert.notEqual(secondUrl, programmeUrl);
  await page.click('form button#programme');
  await page.waitForSelector('.error-summary');
  assert.match(await page.textContent('.error-summary'), /własnej uchwały/);
  await go(page, 'a[href$="/edycja"]', /\/edycja$/);
  await page.fill('#resolution_number', 'LXI/725/2026');
  await page.fill('#resolution_date', '2026-11-26');
  await go(page, 'form.form button[type="submit"]', /\/pracownik\/programy\/[0-9a-f-]{36}$/);
  await page.waitForFunction(() => /LXI\/725\/2026/.test(document.querySelector('main').textContent));
  // Its package changes too: the successor's items are its own.
  await go(page, 'a[href*="/pakiety/"]', /\/pakiety\/[0-9a-f-]{36}$/);
  await visit(page, page.url().split('#')[0]);
  await page.fill('#package_name', 'Senior w ruchu i kulturze');
  await go(page, '.package-form button[type="submit"]', /\/pracownik\/programy\/[0-9a-f-]{36}$/);
  await page.waitForFunction(() => /Senior w ruchu i kulturze/.test(document.querySelector('main').textContent));
  await page.click('form button#programme');
  await page.waitForFunction(() => /opublikowany/.test(document.querySelector('.tags-line')?.textContent ?? ''));

  // Ending shows what it touches first, and needs the confirmation.
  await go(page, 'a[href$="/zakonczenie"]', /\/zakonczenie$/);
  await visit(page, page.url().split('#')[0]);
  assert.match(await page.textContent('main'), /listach oczekujących/);
  await page.click('.end-form button[type="submit"]');
  await page.waitForSelector('#confirm-error');
  await page.check('#confirm');
  await go(page, '.end-form button[type="submit"]', /\/pracownik\/programy\/[0-9a-f-]{36}$/);
  await page.waitForFunction(() => /zakończony/.test(document.querySelector('main').textContent));
  await visit(page, secondUrl);
  await page.context().close();

});
