// Signing in for end-to-end tests. Every test signs in through `signIn` only, so a second
// factor (TOTP) can later be handled here, in one place.
import { waitForHydration } from './browser.mjs';

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
  await Promise.all([
    page.waitForURL((url) => url.pathname !== '/logowanie'),
    page.click('form.form button[type="submit"]'),
  ]);
  await page.waitForLoadState('load');
  if (js) await waitForHydration(page);
}

/** True when the app's script is allowed to run in this page (JS on). */
async function hasAppScript(page) {
  try {
    await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true', null, {
      timeout: 5_000,
    });
    return true;
  } catch {
    return false;
  }
}
