// Starts the built `cus` server on a free port with a fresh SQLite database.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BIN = resolve(process.env.CUS_BIN ?? '../target/ci/cus');
const SITE_ROOT = resolve(process.env.CUS_SITE_ROOT ?? '../target/site');

function freePort() {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => ok(port));
    });
  });
}

async function waitUntilHealthy(url, child, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`cus exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`cus did not become healthy at ${url}`);
}

/** Starts a server; `env` adds or overrides environment variables. */
export async function startServer(env = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'cus-e2e-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logs = [];
  const child = spawn(BIN, ['serve'], {
    env: {
      ...process.env,
      DATABASE_URL: `sqlite://${dir}/cus.db`,
      CUS_LISTEN: `127.0.0.1:${port}`,
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: SITE_ROOT,
      LEPTOS_OUTPUT_NAME: 'cus',
      LEPTOS_ENV: 'PROD',
      LEPTOS_HASH_FILES: 'true',
      CUS_CENTRE__PORTAL_URL: url,
      CUS_FILES_DIR: join(dir, 'files'),
      CUS_DEMO_DATA: 'true',
      CUS_KEY_FILE: join(dir, 'cus.key'),
      RUST_LOG: process.env.TEST_LOG ? 'info' : 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk) => {
      logs.push(chunk.toString());
      if (process.env.TEST_LOG) process.stderr.write(chunk);
    });
  }
  try {
    await waitUntilHealthy(url, child);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${err.message}\n${logs.join('')}`);
  }
  return {
    url,
    dir,
    logs,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
