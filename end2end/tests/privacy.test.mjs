// Data-subject rights (RODO art. 15 and 20): a resident downloads their data from "Moje konto";
// the data protection officer finds a person's data by PESEL and keeps the register of requests.
// JavaScript off (every form and link works without it), axe on every page.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { serverAndBrowser } from '../support/setup.mjs';
import { openPage, visit } from '../support/browser.mjs';
import { IOD, signIn } from '../support/accounts.mjs';

const shared = serverAndBrowser();

function pdfText(bytes) {
  return execFileSync('pdftotext', ['-', '-'], { input: bytes }).toString('utf8');
}

describe('data-subject rights (JS off)', () => {
  test('a resident downloads their data as PDF and JSON from Moje konto', async () => {
    const page = await openPage(shared.browser, { js: false });
    await signIn(page, shared.server.url, 'mieszkanka@debica.example');
    await visit(page, `${shared.server.url}/moje-konto`, { js: false });
    const pdf = await page.context().request.get(
      `${shared.server.url}${await page.getAttribute('#my-data-pdf', 'href')}`,
    );
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    const text = pdfText(await pdf.body());
    assert.match(text, /Twoje dane w Centrum Usług Społecznych/);
    assert.match(text, /mieszkanka@debica\.example/);
    assert.match(text, /Kto korzystał z danych/);
    const json = await page.context().request.get(
      `${shared.server.url}${await page.getAttribute('#my-data-json', 'href')}`,
    );
    const data = await json.json();
    assert.equal(data.account.email, 'mieszkanka@debica.example');
    assert.ok(Array.isArray(data.applications));
    await page.context().close();
  });

  test('the officer looks a person up by PESEL and records a request', async () => {
    const page = await openPage(shared.browser, { js: false });
    await signIn(page, shared.server.url, IOD);
    await visit(page, `${shared.server.url}/pracownik/iod`, { js: false });
    assert.equal((await page.textContent('h1')).trim(), 'Ochrona danych — inspektor');

    // A PESEL with a wrong check digit: the message stands next to the field, the typed value stays.
    await page.fill('#pesel', '44051401459');
    await Promise.all([page.waitForURL(/pesel=/), page.click('#person-lookup button[type="submit"]')]);
    await visit(page, page.url(), { js: false });
    assert.match(await page.textContent('#pesel-error'), /cyfrę kontrolną/);
    assert.equal(await page.inputValue('#pesel'), '44051401459');
    await page.fill('#pesel', '44051401458');
    await Promise.all([page.waitForURL(/pesel=44051401458/), page.click('#person-lookup button[type="submit"]')]);
    await visit(page, page.url(), { js: false });
    const href = await page.getAttribute('a[href^="/pracownik/iod/dane.pdf"]', 'href');
    const pdf = await page.context().request.get(`${shared.server.url}${href}`);
    assert.equal(pdf.status(), 200);
    assert.match(pdfText(await pdf.body()), /Twoje dane w Centrum/);

    await page.selectOption('#kind', 'rectification');
    await page.fill('#subject', 'Halina Kowalska, PESEL 44051401458');
    await page.fill('#notes', 'Prosi o poprawienie adresu.');
    await Promise.all([
      page.waitForLoadState('load'),
      page.click('form.form:has(#subject) button[type="submit"]'),
    ]);
    await visit(page, `${shared.server.url}/pracownik/iod`, { js: false });
    const entry = page.locator('.data-request').first();
    assert.match(await entry.textContent(), /Sprostowanie danych \(art\. 16\) — Halina Kowalska/);
    assert.match(await entry.textContent(), /Termin odpowiedzi/);
    await page.context().close();
  });
});
