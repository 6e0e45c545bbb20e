// What an authenticator app does (RFC 6238: HMAC-SHA-1, 6 digits, 30-second steps), and the
// outbox read through `cus outbox`, for tests that sign in with a second factor or follow an
// e-mailed link.
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { resolve } from 'node:path';

function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of text.replace(/=+$/, '').toUpperCase()) {
    bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  }
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

export function codeForStep(secret, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

const lastUsed = new Map();

/** How far each server's clock was shifted (milliseconds), by its URL: see `shiftClock`. */
const clockOffsets = new Map();

/** The server's time now, in milliseconds. */
export function serverNow(baseUrl) {
  return Date.now() + (clockOffsets.get(baseUrl) ?? 0);
}

/** Moves the clock of the server at `baseUrl` (started with CUS_TEST_CLOCK=true) by `days`. */
export async function shiftClock(baseUrl, days) {
  const res = await fetch(`${baseUrl}/test/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `days=${days}`,
  });
  if (!res.ok) throw new Error(`test clock: ${res.status}`);
  clockOffsets.set(baseUrl, (clockOffsets.get(baseUrl) ?? 0) + days * 86_400_000);
}

/** A code the server at `baseUrl` has not accepted yet: the server takes one step of skew
 * either way, and never the same step twice, so a quick second sign-in uses the next step. */
export async function freshCode(secret, baseUrl) {
  const currentStep = () => Math.floor(serverNow(baseUrl) / 30_000);
  const step = Math.max(currentStep(), (lastUsed.get(secret) ?? 0) + 1);
  while (step > currentStep() + 1) await new Promise((r) => setTimeout(r, 1000));
  lastUsed.set(secret, step);
  return codeForStep(secret, step);
}

/** The newest e-mail to `address` in the server's outbox. */
export function lastEmailTo(server, address) {
  const bin = resolve(process.env.CUS_BIN ?? '../target/ci/cus');
  return execFileSync(bin, ['outbox', address, '--last'], {
    env: {
      ...process.env,
      DATABASE_URL: `sqlite://${server.dir}/cus.db`,
      CUS_KEY_FILE: `${server.dir}/cus.key`,
      RUST_LOG: 'warn',
    },
    encoding: 'utf8',
  });
}

/** The first link in `text` that starts with `url`. */
export function linkIn(text, url) {
  const match = text.match(new RegExp(`${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\S+`));
  if (!match) throw new Error(`no link to ${url} in:\n${text}`);
  return match[0];
}
