// Identity end to end: staff sign in with a password and a second factor (enrolled on the first
// sign-in), residents register, confirm their address from the e-mail, sign in and out, edit
// their profile and reset a forgotten password. Every page is scanned with axe.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from '../support/setup.mjs';
import { openPage, visit, waitForHydration } from '../support/browser.mjs';
import { freshCode, lastEmailTo, linkIn } from '../support/totp.mjs';
import { signIn } from '../support/accounts.mjs';

const PASSWORD = 'demo-cus-2026!';

const shared = serverAndBrowser();

const path = (page) => new URL(page.url()).pathname;

/** Fills the fields of the page's form and submits it. */
async function submit(page, js, fields) {
  for (const [id, value] of Object.entries(fields)) await page.fill(`#${id}`, value);
  await Promise.all([
    page.waitForLoadState('load'),
    page.click('form.form button[type="submit"]'),
  ]);
  if (js) await waitForHydration(page);
}

for (const [js, email, name] of [
  [true, 'admin@cus.debica.example', 'Adam Administrator'],
  [false, 'iod@cus.debica.example', 'Irena Inspektor'],
]) {
  describe(`staff sign-in with a second factor (${js ? 'JS on' : 'JS off'})`, () => {
    let secret;
    let recoveryCodes;

    test('a visitor is sent to sign in; the first sign-in enrols the app', async () => {
      const page = await openPage(shared.browser, { js });
      await visit(page, `${shared.server.url}/pracownik`, { js });
      assert.equal(path(page), '/logowanie');
      assert.equal(new URL(page.url()).searchParams.get('powrot'), '/pracownik');

      await submit(page, js, { email, password: PASSWORD });
      await page.waitForURL(`${shared.server.url}/logowanie/nowy-kod`);
      await visit(page, page.url(), { js });
      secret = (await page.textContent('.totp-secret')).trim();
      assert.match(secret, /^[A-Z2-7]{32}$/);
      assert.equal(await page.getAttribute('img.qr', 'src').then((s) => s.slice(0, 26)), 'data:image/svg+xml;base64,');

      await submit(page, js, { kod: '000000' });
      await page.waitForSelector('.error-summary');
      assert.match(await page.textContent('.field-error'), /Kod jest nieprawidłowy/);

      await submit(page, js, { kod: await freshCode(secret) });
      await page.waitForURL(`${shared.server.url}/pracownik/kody-odzyskiwania`);
      await page.waitForSelector('.recovery-codes code');
      recoveryCodes = await page.$$eval('.recovery-codes code', (els) => els.map((e) => e.textContent));
      assert.equal(recoveryCodes.length, 10);
      await visit(page, page.url(), { js });
      assert.match(await page.textContent('main'), /pokazywane tylko raz/, 'codes are shown once');

      await visit(page, `${shared.server.url}/pracownik`, { js });
      assert.equal((await page.textContent('.staff-name')).trim(), name);
      await page.click('main button:has-text("Wyloguj się")');
      await page.waitForURL(`${shared.server.url}/`);
      await page.context().close();
    });

    test('later sign-ins ask for the code; a used code and a wrong one are refused', async () => {
      const page = await openPage(shared.browser, { js });
      await visit(page, `${shared.server.url}/logowanie`, { js });
      await submit(page, js, { email, password: PASSWORD });
      await page.waitForURL(`${shared.server.url}/logowanie/kod`);
      await visit(page, page.url(), { js });
      await submit(page, js, { kod: '123456' });
      await page.waitForSelector('.error-summary');
      assert.match(await page.textContent('.error-summary'), /Kod jest nieprawidłowy/);
      assert.equal(await page.getAttribute('#kod', 'aria-invalid'), 'true');

      await submit(page, js, { kod: await freshCode(secret) });
      await page.waitForURL(`${shared.server.url}/pracownik`);
      assert.equal((await page.textContent('.staff-name')).trim(), name);
      await visit(page, `${shared.server.url}/moje-konto/sesje`, { js });
      assert.match(await page.textContent('table'), /to urządzenie/);
      await page.context().close();
    });

    test('a recovery code works once', async () => {
      for (const expected of ['/pracownik', '/logowanie/kod']) {
        const page = await openPage(shared.browser, { js });
        await visit(page, `${shared.server.url}/logowanie`, { js });
        await submit(page, js, { email, password: PASSWORD });
        await page.waitForURL(`${shared.server.url}/logowanie/kod`);
        await submit(page, js, { kod: recoveryCodes[0].toUpperCase() });
        if (expected === '/pracownik') {
          await page.waitForURL((url) => url.pathname === expected);
          assert.equal((await page.textContent('.staff-name')).trim(), name, 'signed in');
        } else {
          // Used once already: refused, and the page says so.
          await page.waitForSelector('.error-summary');
          assert.equal(new URL(page.url()).pathname, expected);
        }
        await page.context().close();
      }
    });
  });
}

for (const js of [true, false]) {
  describe(`resident account (${js ? 'JS on' : 'JS off'})`, () => {
    const email = `mieszkanka-${js ? 'js' : 'html'}@example.pl`;
    const password = 'Zielony-Rower-42';

    test('registers, confirms the address from the e-mail, signs in and out', async () => {
      const page = await openPage(shared.browser, { js });
      await visit(page, `${shared.server.url}/rejestracja`, { js });
      await submit(page, js, {
        name: 'Anna Nowak',
        email,
        password: 'za-krotkie',
        password_repeat: 'za-krotkie',
      });
      await page.waitForSelector('.error-summary');
      assert.match(await page.textContent('#password-error'), /co najmniej 12 znaków/);
      await visit(page, page.url(), { js });

      await submit(page, js, { name: 'Anna Nowak', email, password, password_repeat: password });
      await page.waitForURL(`${shared.server.url}/rejestracja/sprawdz-poczte`);
      await visit(page, page.url(), { js });

      // Not confirmed yet: signing in explains why.
      await visit(page, `${shared.server.url}/logowanie`, { js });
      await submit(page, js, { email, password });
      await page.waitForSelector('.error-summary');
      assert.match(await page.textContent('.error-summary'), /potwierdź adres e-mail/);

      const mail = lastEmailTo(shared.server, email);
      assert.match(mail, /Temat: Potwierdź adres e-mail/);
      const link = linkIn(mail, `${shared.server.url}/potwierdz-email?token=`);
      await visit(page, link, { js });
      await Promise.all([page.waitForURL(/potwierdzono=1/), page.click('form.form button[type="submit"]')]);
      await visit(page, page.url(), { js });
      assert.match(await page.textContent('.notice'), /Adres e-mail został potwierdzony/);

      // The link works once.
      await visit(page, link, { js });
      await page.click('form.form button[type="submit"]');
      await page.waitForSelector('.error-summary');
      assert.match(await page.textContent('.error-summary'), /link wygasł albo został już użyty/);

      await visit(page, `${shared.server.url}/logowanie`, { js });
      await submit(page, js, { email, password });
      await page.waitForURL(`${shared.server.url}/moje-konto`);
      await visit(page, page.url(), { js });
      assert.equal((await page.textContent('.profile-email')).trim(), email);
      assert.match(await page.textContent('.main-nav'), /Moje konto/);

      await submit(page, js, { phone: '600 700 800', pesel: '44051401459' });
      await page.waitForSelector('#pesel-error');
      assert.match(await page.textContent('#pesel-error'), /cyfrę kontrolną/);
      await submit(page, js, { phone: '600 700 800', pesel: '44051401458' });
      await page.waitForURL(/zapisano=1/);
      await visit(page, page.url(), { js });
      assert.equal(await page.inputValue('#phone'), '+48600700800');
      assert.equal(await page.inputValue('#pesel'), '44051401458');

      await page.click('main button:has-text("Wyloguj się")');
      await page.waitForURL(`${shared.server.url}/`);
      await visit(page, `${shared.server.url}/moje-konto`, { js });
      assert.equal(path(page), '/logowanie');
      // The deliberate mistakes above are answered 422, which the browser logs.
      assert.deepEqual(page.problems.filter((p) => !/status of 422/.test(p)), []);
      await page.context().close();
    });

    test('resets a forgotten password with the e-mailed link', async () => {
      const page = await openPage(shared.browser, { js });
      await visit(page, `${shared.server.url}/haslo`, { js });
      await submit(page, js, { email });
      await page.waitForURL(`${shared.server.url}/haslo/wyslano`);
      await visit(page, page.url(), { js });

      const link = linkIn(lastEmailTo(shared.server, email), `${shared.server.url}/nowe-haslo?token=`);
      await visit(page, link, { js });
      const newPassword = 'Niebieski-Tramwaj-7';
      await submit(page, js, { password: newPassword, password_repeat: 'cos-innego-123' });
      await page.waitForSelector('#password_repeat-error');
      await visit(page, link, { js });
      await submit(page, js, { password: newPassword, password_repeat: newPassword });
      await page.waitForURL(/haslo=1/);
      await visit(page, page.url(), { js });

      await submit(page, js, { email, password: newPassword });
      await page.waitForURL(`${shared.server.url}/moje-konto`);
      await page.context().close();
    });
  });
}

test('an address that already has an account is not revealed', async () => {
  const page = await openPage(shared.browser, { js: false });
  await visit(page, `${shared.server.url}/rejestracja`, { js: false });
  await submit(page, false, {
    name: 'Ktoś Inny',
    email: 'admin@cus.debica.example',
    password: 'Jakies-Haslo-123',
    password_repeat: 'Jakies-Haslo-123',
  });
  await page.waitForURL(`${shared.server.url}/rejestracja/sprawdz-poczte`);
  assert.match(lastEmailTo(shared.server, 'admin@cus.debica.example'), /konto już istnieje/);
  await page.context().close();
});

test('the idle warning is announced, reached by keyboard and renews the session', async () => {
  const page = await openPage(shared.browser, { js: true });
  // The page's timers run on a clock the test moves; the server's time is real.
  await page.clock.install();
  await signIn(page, shared.server.url, 'osl@cus.debica.example');
  await visit(page, `${shared.server.url}/pracownik`, { js: true });
  await page.clock.fastForward('25:01');
  const warning = page.locator('.idle-warning[role="alert"]');
  await warning.waitFor();
  assert.match(await warning.textContent(), /zostaniesz wylogowany za kilka minut/);
  await page.evaluate(() => document.activeElement?.blur());
  let focused = '';
  for (let i = 0; i < 60 && focused !== 'Pozostań zalogowany'; i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
  }
  assert.equal(focused, 'Pozostań zalogowany', 'the button is reached with Tab');
  await page.keyboard.press('Enter');
  await warning.waitFor({ state: 'detached' });
  // Renewed: the next warning is 25 minutes away again, and the person is still signed in.
  await page.clock.fastForward('20:00');
  assert.equal(await warning.count(), 0);
  await visit(page, `${shared.server.url}/pracownik`, { js: true });
  assert.match(await page.textContent('.staff-name'), /Sylwia Społeczność/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
