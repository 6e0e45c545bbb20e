// The usual frame of a test file: one server with a fresh database and one browser, started
// before its tests and stopped after them. Read `shared.server` and `shared.browser` in tests.
import { after, before } from 'node:test';
import { launchBrowser } from './browser.mjs';
import { startServer } from './server.mjs';

export function serverAndBrowser(env = {}) {
  const shared = {};
  before(async () => {
    shared.server = await startServer(env);
    shared.browser = await launchBrowser();
  });
  after(async () => {
    await shared.browser?.close();
    await shared.server?.stop();
  });
  return shared;
}
