// Signing in for end-to-end tests. Every test signs in through `signIn` only, which also
// handles the staff second factor: it enrols the authenticator on the first sign-in (reading the
// key from the page) and computes a fresh code afterwards.
import { shipsBundle, waitForHydration } from './browser.mjs';
import { freshCode } from './totp.mjs';

/** The TOTP key of each account enrolled so far, per server. */
const secrets = new Map();

/** Demo staff accounts (`cus seed-demo`), all with the demo password. */
export const DEMO_PASSWORD = 'demo-cus-2026!';
export const ADMIN = 'admin@cus.debica.example';
export const IOD = 'iod@cus.debica.example';
export const CLERK = 'punkt@cus.debica.example';

/**
 * Signs in at `/logowanie` and waits until the staff area (or the `powrot` page) has loaded.
 * The page's own form is `form.form`: the header also has submit buttons.
 */
export async function signIn(page, baseUrl, email, password = DEMO_PASSWORD) {
  await page.goto(`${baseUrl}/logowanie`, { waitUntil: 'load' });
  const js = await hasAppScript(page);
  if (js) await waitForHydration(page);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await submitAndWait(page, js, '/logowanie');
  const key = `${baseUrl} ${email}`;
  const step = new URL(page.url()).pathname;
  if (step === '/logowanie/nowy-kod') {
    secrets.set(key, (await page.textContent('.totp-secret')).trim());
    await page.fill('#kod', await freshCode(secrets.get(key), baseUrl));
    await submitAndWait(page, js, step);
    await page.goto(`${baseUrl}/pracownik`, { waitUntil: 'load' });
    if (js) await waitForHydration(page);
  } else if (step === '/logowanie/kod') {
    await page.fill('#kod', await freshCode(secrets.get(key), baseUrl));
    await submitAndWait(page, js, step);
  }
}

/** Submits the page's own form and waits until the browser has left `from`. */
async function submitAndWait(page, js, from) {
  await Promise.all([
    page.waitForURL((url) => url.pathname !== from),
    page.click('form.form button[type="submit"]'),
  ]);
  await page.waitForLoadState('load');
  if (js) await waitForHydration(page);
}

/** True when the page has the app's script and it is allowed to run (JS on). */
async function hasAppScript(page) {
  if (!(await shipsBundle(page))) return false;
  try {
    await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true', null, {
      timeout: 5_000,
    });
    return true;
  } catch {
    return false;
  }
}
