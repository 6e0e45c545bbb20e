// The portal's shell: layout, languages, display modes, 404 and the accessibility statement,
// with JavaScript on and off, scanned with axe on every page.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from '../support/setup.mjs';
import { openPage, visit, waitForHydration } from '../support/browser.mjs';

const shared = serverAndBrowser();

const HEADINGS = {
  pl: 'Usługi społeczne dla wszystkich mieszkańców',
  uk: 'Соціальні послуги для всіх мешканців',
  en: 'Social services for every resident',
};

for (const js of [true, false]) {
  const mode = js ? 'JS on' : 'JS off';

  describe(`shell (${mode})`, () => {
    for (const [lang, heading] of Object.entries(HEADINGS)) {
      test(`home page in ${lang} via the language switch`, async () => {
        const page = await openPage(shared.browser, { js });
        await visit(page, `${shared.server.url}/`, { js });
        assert.equal(await page.getAttribute('html', 'lang'), 'pl', 'Polish is the default');
        if (lang !== 'pl') {
          await page.click(`.language-switcher a[hreflang="${lang}"]`);
          await page.waitForURL(`${shared.server.url}/`);
          if (js) await waitForHydration(page);
        }
        assert.equal(await page.getAttribute('html', 'lang'), lang);
        assert.equal((await page.textContent('h1')).trim(), heading);
        await visit(page, `${shared.server.url}/`, { js });
        assert.deepEqual(page.problems, []);
        await page.context().close();
      });
    }

    test('help: the resident guide on the portal and a guide per staff role', async () => {
      const page = await openPage(shared.browser, { js });
      await visit(page, `${shared.server.url}/kontakt`, { js });
      await Promise.all([page.waitForURL(/\/pomoc$/), page.click('footer a[href="/pomoc"]')]);
      await visit(page, page.url(), { js });
      assert.equal((await page.textContent('h1')).trim(), 'Poradnik dla mieszkańca');
      assert.ok((await page.locator('ol.steps li').count()) >= 5, 'the guide has its steps');
      await visit(page, `${shared.server.url}/pracownik/pomoc`, { js });
      assert.equal(await page.locator('main nav li').count(), 6, 'one guide per role');
      await Promise.all([
        page.waitForURL(/\/pracownik\/pomoc\/koordynator$/),
        page.click('a[href="/pracownik/pomoc/koordynator"]'),
      ]);
      await visit(page, page.url(), { js });
      assert.match(await page.textContent('main'), /Przejmij sprawę/);
      assert.deepEqual(page.problems, []);
      await page.context().close();
    });

    test('skip link, landmarks and footer', async () => {
      const page = await openPage(shared.browser, { js });
      await visit(page, `${shared.server.url}/kontakt`, { js });
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => document.activeElement?.textContent?.trim());
      assert.equal(focused, 'Przejdź do treści', 'the skip link is the first stop');
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'tresc');
      for (const landmark of ['header', 'main', 'footer', 'nav.main-nav']) {
        assert.equal(await page.locator(landmark).count(), 1, landmark);
      }
      assert.match(await page.textContent('footer address'), /ul\. Stefana Batorego 13, 39-200 Dębica/);
      assert.match(await page.title(), /^Kontakt — Centrum Usług Społecznych Gminy Dębica$/);
      assert.deepEqual(page.problems, []);
      await page.context().close();
    });

    test('high contrast and larger text are remembered', async () => {
      const page = await openPage(shared.browser, { js });
      await visit(page, `${shared.server.url}/kontakt`, { js });
      await page.click('button[value="kontrast"]');
      await page.waitForURL(`${shared.server.url}/kontakt`);
      await page.click('button[value="tekst"]');
      await page.waitForURL(`${shared.server.url}/kontakt`);
      await visit(page, `${shared.server.url}/`, { js });
      assert.equal(await page.getAttribute('html', 'class'), 'high-contrast large-text');
      await page.click('button[value="kontrast"]');
      await page.waitForURL(`${shared.server.url}/`);
      assert.equal(await page.getAttribute('html', 'class'), 'large-text');
      await page.context().close();
    });

    test('unknown address answers a Polish 404 page', async () => {
      const page = await openPage(shared.browser, { js });
      await visit(page, `${shared.server.url}/nie-ma-takiej-strony`, { status: 404, js });
      assert.equal((await page.textContent('h1')).trim(), 'Nie znaleziono strony');
      await page.context().close();
    });

    test('accessibility statement follows the v2.0 template', async () => {
      const page = await openPage(shared.browser, { js });
      await visit(page, `${shared.server.url}/deklaracja-dostepnosci`, { js });
      for (const id of [
        'a11y-wstep', 'a11y-podmiot', 'a11y-url', 'a11y-data-publikacja', 'a11y-data-aktualizacja',
        'a11y-status', 'a11y-data-sporzadzenie', 'a11y-kontakt', 'a11y-osobaKontaktowa',
        'a11y-email', 'a11y-telefon', 'a11y-procedura', 'a11y-architektura', 'a11y-aplikacje',
      ]) {
        assert.equal(await page.locator(`#${id}`).count(), 1, `#${id}`);
      }
      assert.equal(
        (await page.textContent('#a11y-podmiot')).trim(),
        'Centrum Usług Społecznych Gminy Dębica',
      );
      assert.match(await page.textContent('#a11y-data-publikacja'), /^\d{4}-\d{2}-\d{2}$/);
      const meta = await page.getAttribute('meta[name="deklaracja-dostępności"]', 'content');
      assert.equal(meta, '/deklaracja-dostepnosci');
      await page.context().close();
    });
  });
}

test('health check answers ok', async () => {
  const res = await fetch(`${shared.server.url}/healthz`);
  assert.equal(res.status, 200);
  assert.equal(await res.text(), 'ok');
});

test('security headers are set on pages', async () => {
  const res = await fetch(`${shared.server.url}/`);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(res.headers.get('x-frame-options'), 'DENY');
  assert.match(res.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
});
