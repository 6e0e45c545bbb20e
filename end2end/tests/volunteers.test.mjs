// Volunteers and a resident's own sign-ups (issue 21): someone offers to volunteer without
// JavaScript and lands on their own page; the organiser finds them in the volunteer base; a
// resident signed in signs up for an activity and sees and cancels it in "Moje wydarzenia".
// axe scans every page, in Polish and in Ukrainian.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from '../support/setup.mjs';
import { openPage, visit } from '../support/browser.mjs';
import { signIn } from '../support/accounts.mjs';

const shared = serverAndBrowser();
const ORGANISER = 'osl@cus.debica.example';
const RESIDENT = 'mieszkanka@debica.example';

test('a volunteer offers help without JavaScript and the organiser finds them in the base', async () => {
  const { url } = shared.server;
  const page = await openPage(shared.browser, { js: false });
  await visit(page, `${url}/wolontariat`, { js: false });
  await page.fill('#name', 'Zofia Pomocna');
  await page.fill('#email', 'zofia.pomocna@example.pl');
  await page.check('#skills-0');
  await page.check('#availability-0');
  await page.check('#consent');
  await Promise.all([
    page.waitForURL(/\/wolontariat\/[A-Za-z0-9_-]{20,}$/),
    page.click('main form button[type="submit"]'),
  ]);
  await visit(page, page.url(), { js: false });
  assert.match(await page.textContent('main'), /Zofia Pomocna/);
  await visit(page, `${url}/wolontariat/demo-irena`, { js: false });
  assert.match(await page.textContent('main'), /Irena/);
  await page.goto(`${url}/jezyk/uk?powrot=/wolontariat`);
  await visit(page, `${url}/wolontariat`, { js: false });
  assert.match(await page.textContent('h1'), /[А-Яа-яІіЇїЄє]/);
  await visit(page, `${url}/wolontariat/demo-irena`, { js: false });
  await page.context().close();

  const staff = await openPage(shared.browser);
  await signIn(staff, url, ORGANISER);
  await visit(staff, `${url}/pracownik/wolontariusze`);
  assert.match(await staff.textContent('main table'), /Zofia Pomocna/);
  await Promise.all([
    staff.waitForURL(/\/pracownik\/wolontariusze\/[0-9a-f-]+$/),
    staff.click('main table a:has-text("Zofia Pomocna")'),
  ]);
  await visit(staff, staff.url());
  assert.match(await staff.textContent('main'), /zofia\.pomocna@example\.pl/);
  const file = new URL(staff.url()).pathname;
  await staff.goto(`${url}/jezyk/uk?powrot=/pracownik/wolontariusze`);
  await visit(staff, `${url}/pracownik/wolontariusze`);
  assert.match(await staff.textContent('h1'), /[А-Яа-яІіЇїЄє]/);
  await visit(staff, `${url}${file}`);
  await staff.goto(`${url}/jezyk/pl?powrot=/pracownik`);
  assert.deepEqual(staff.problems, []);
  await staff.context().close();
});

test('a resident signs up with their account and cancels in "Moje wydarzenia"', async () => {
  const { url } = shared.server;
  const page = await openPage(shared.browser);
  await signIn(page, url, RESIDENT);
  await visit(page, `${url}/wydarzenia`);
  await Promise.all([page.waitForURL(/\/wydarzenia\/[0-9a-f-]+$/), page.click('main .event h3 a')]);
  await visit(page, page.url());
  const title = (await page.textContent('h1')).trim();
  await page.fill('#name', 'Maria Mieszkanka');
  await page.fill('#contact', 'maria.mieszkanka@example.pl');
  await page.check('#consent');
  await Promise.all([page.waitForURL(/\/wydarzenia\/zapis\//), page.click('main form button[type="submit"]')]);
  await visit(page, page.url());

  await visit(page, `${url}/moje-sprawy`);
  await Promise.all([page.waitForURL(/\/moje-wydarzenia$/), page.click('main a[href="/moje-wydarzenia"]')]);
  await visit(page, page.url());
  assert.match(await page.textContent('main .case-list'), new RegExp(title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  await Promise.all([page.waitForURL(/odwolano=1/), page.click('main .case-list button')]);
  await visit(page, page.url());
  assert.match(await page.textContent('main [role="status"]'), /Zapis odwołany/);
  await page.goto(`${url}/jezyk/uk?powrot=/moje-wydarzenia`);
  await visit(page, `${url}/moje-wydarzenia`);
  assert.match(await page.textContent('h1'), /Мої заходи/);
  await page.goto(`${url}/jezyk/pl?powrot=/moje-wydarzenia`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
