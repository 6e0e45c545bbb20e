// The open-data API: HSDS 3 services validated against the Open Referral schema
// (../shared/hsds/schema/compiled/service.json), with paging and search.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { startServer } from '../support/server.mjs';

const shared = {};
before(async () => {
  shared.server = await startServer();
});
after(() => shared.server?.stop());
// The schema lives in the workplace's shared folder, beside the repository (or name it).
const SCHEMA = [
  process.env.HSDS_SCHEMA,
  '../../shared/hsds/schema/compiled/service.json',
  '/work/shared/hsds/schema/compiled/service.json',
]
  .filter(Boolean)
  .map((path) => resolve(path))
  .find((path) => existsSync(path)) ?? resolve('../../shared/hsds/schema/compiled/service.json');

function validator() {
  // The compiled schema carries Open Referral's own keywords (name, datapackage_metadata, …).
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')));
}

async function getJson(path) {
  const response = await fetch(`${shared.server.url}${path}`);
  return { status: response.status, body: await response.json() };
}

test('every published service validates against the HSDS 3 service schema', async () => {
  const validate = validator();
  const { status, body } = await getJson('/api/hsds/services?per_page=100');
  assert.equal(status, 200);
  assert.ok(body.total_items >= 13, `total_items ${body.total_items}`);
  assert.equal(body.size, body.contents.length);
  assert.equal(body.first_page, true);
  for (const service of body.contents) {
    assert.ok(validate(service), `${service.name}: ${JSON.stringify(validate.errors, null, 1)}`);
  }
  const paid = body.contents.find((s) => s.name.startsWith('Usługi opiekuńcze'));
  assert.equal(paid.cost_options[0].currency, 'PLN');
  assert.equal(paid.cost_options[0].amount, 35);

  const one = await getJson(`/api/hsds/services/${paid.id}`);
  assert.equal(one.status, 200);
  assert.ok(validate(one.body), JSON.stringify(validate.errors));
  assert.deepEqual(one.body, paid, 'the single service equals its list entry');
});

test('search, paging and unknown ids', async () => {
  const found = await getJson('/api/hsds/services?search=zlota%20raczka');
  assert.equal(found.body.total_items, 1);
  assert.equal(found.body.contents[0].name, 'Złota Rączka – drobne naprawy w domu seniora');

  const second = await getJson('/api/hsds/services?per_page=5&page=2');
  assert.equal(second.body.page_number, 2);
  assert.equal(second.body.size, 5);
  assert.equal(second.body.first_page, false);

  const missing = await getJson('/api/hsds/services/00000000-0000-7000-8000-000000000000');
  assert.equal(missing.status, 404);
});
