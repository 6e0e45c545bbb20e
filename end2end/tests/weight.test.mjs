// What a first visit to each public page downloads (issue 20): at most 200 KB over the wire —
// HTML, CSS, scripts and WebAssembly, as compressed, with a cold cache — and the page complete
// without the browser bundle (a visitor not signed in is sent none).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from '../support/setup.mjs';
import { shipsBundle } from '../support/browser.mjs';

const shared = serverAndBrowser();
const LIMIT = 200 * 1024;
const PAGES = [
  '/',
  '/uslugi',
  '/realizatorzy',
  '/sprawdz',
  '/zgloszenie-potrzeby',
  '/wydarzenia',
  '/wolontariat',
  '/kontakt',
  '/pomoc',
  '/logowanie',
  '/rejestracja',
  '/haslo',
  '/deklaracja-dostepnosci',
];

/** Loads `url` in a fresh context and answers the bytes received and the encodings used. */
async function firstLoad(url) {
  const context = await shared.browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  let bytes = 0;
  const encodings = new Set();
  cdp.on('Network.responseReceived', ({ response }) => {
    const encoding = response.headers['content-encoding'] ?? response.headers['Content-Encoding'];
    if (encoding) encodings.add(encoding);
  });
  cdp.on('Network.loadingFinished', ({ encodedDataLength }) => {
    bytes += encodedDataLength;
  });
  const response = await page.goto(url, { waitUntil: 'networkidle' });
  assert.equal(response.status(), 200, url);
  const bundle = await shipsBundle(page);
  await context.close();
  return { bytes, encodings: [...encodings], bundle };
}

test('the first load of every public page is at most 200 KB, without the browser bundle', async () => {
  const base = shared.server.url;
  const catalogue = await shared.browser.newPage();
  await catalogue.goto(`${base}/uslugi`);
  const service = await catalogue.getAttribute('.service-list h3 a', 'href');
  await catalogue.context().close();
  const report = [];
  for (const path of [...PAGES, service]) {
    const { bytes, encodings, bundle } = await firstLoad(`${base}${path}`);
    report.push(`${path} ${(bytes / 1024).toFixed(1)} KB (${encodings.join(', ') || 'identity'})`);
    assert.equal(bundle, false, `${path} is sent without the browser bundle`);
    assert.ok(bytes <= LIMIT, `${path}: ${bytes} bytes over the wire, more than ${LIMIT}`);
    assert.ok(encodings.length > 0, `${path}: compressed`);
  }
  console.log(`first loads: ${report.join('; ')}`);
});

test('a staff page is sent with the bundle, compressed', async () => {
  const { bytes, encodings } = await firstLoad(`${shared.server.url}/pracownik/pomoc`);
  assert.ok(encodings.length > 0, 'compressed');
  console.log(`staff first load: ${(bytes / 1024).toFixed(1)} KB (${encodings.join(', ')})`);
  assert.ok(bytes > LIMIT, 'the staff area loads the application');
});
