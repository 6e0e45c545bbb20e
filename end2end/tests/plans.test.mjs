// A running individual plan closes and its places go to the waiting list (issue 19, point 2):
// the demo transport's 60 trips are held by two plans, and Eugeniusz Grabowski's 40 wait until
// Stanisława Mieszkanka's running plan ends. axe scans every page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from '../support/setup.mjs';
import { openPage, visit, waitForHydration } from '../support/browser.mjs';
import { signIn } from '../support/accounts.mjs';

const shared = serverAndBrowser();
const COORDINATOR = 'koordynator@cus.debica.example';

/** Today in Warsaw, as a date field takes it. */
function warsawToday() {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Warsaw' }).format(Date.now());
}

/** Opens the first case the inbox finds for `query`. */
async function openCase(page, query) {
  await visit(page, `${shared.server.url}/pracownik/sprawy?q=${encodeURIComponent(query)}`);
  await Promise.all([
    page.waitForURL(/\/pracownik\/sprawy\/[0-9a-f-]+$/),
    page.click('main table tbody tr:first-child th a'),
  ]);
  await visit(page, page.url());
}

test('a plan that closes gives its places to the first on the waiting list', async () => {
  const page = await openPage(shared.browser);
  await signIn(page, shared.server.url, COORDINATOR);

  await openCase(page, 'Grabowski');
  assert.match(await page.textContent('main table'), /Transport door-to-door/);
  assert.match(await page.textContent('main table'), /lista oczekujących/);

  await openCase(page, 'Stanisława Mieszkanka');
  await Promise.all([
    page.waitForURL(/\/pracownik\/plany\/[0-9a-f-]+$/),
    page.click('main a[href*="/pracownik/plany/"]'),
  ]);
  await visit(page, page.url());
  await waitForHydration(page);
  const today = warsawToday();
  await page.fill('#ended_on', today);
  await page.check('#reason-0');
  await page.fill('#conversation_on', today);
  await page.fill('#course', 'Usługi realizowano zgodnie z harmonogramem.');
  await page.fill('#results', 'Rodzina przejmuje opiekę; przejazdy nie są już potrzebne.');
  await page.click('button:has-text("Zakończ plan")');
  await page.waitForSelector('h2:has-text("Plan zakończony")');
  await visit(page, page.url());

  // The freed trips go to Eugeniusz Grabowski, with the entry in his timeline.
  await openCase(page, 'Grabowski');
  assert.match(await page.textContent('main table'), /przyznana: 40 jedn\./);
  assert.match(await page.textContent('.timeline'), /Zwolniło się miejsce — usługa przyznana/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
