// Community organising, the whole cycle (issue 21): the organiser records a community and its
// map of resources and needs, writes a plan with a measurable goal and adopts it, schedules a
// public activity serving the goal; a resident without JavaScript signs up and the place count
// drops; after the activity the organiser records attendance and the goal's progress moves.
// axe scans every page, in Polish and in Ukrainian.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from '../support/setup.mjs';
import { openPage, visit } from '../support/browser.mjs';
import { signIn } from '../support/accounts.mjs';
import { serverNow, shiftClock } from '../support/totp.mjs';

const shared = serverAndBrowser({ CUS_TEST_CLOCK: 'true' });
const ORGANISER = 'osl@cus.debica.example';

async function submit(page, button, url) {
  await Promise.all([page.waitForURL(url), page.click(`main button:has-text("${button}")`)]);
  await visit(page, page.url());
}

/** The form's error summary after pressing `button` (the form is refused, nothing moves). */
async function refused(page, button) {
  await page.click(`main button:has-text("${button}")`);
  await page.waitForSelector('.error-summary');
  return page.textContent('.error-summary');
}

test('a community is mapped, planned with a measurable goal, and attendance moves the goal', async () => {
  const { url } = shared.server;
  const staff = await openPage(shared.browser);
  await signIn(staff, url, ORGANISER);

  await visit(staff, `${url}/pracownik/spolecznosci/nowa`);
  await staff.fill('#name', 'Seniorzy z Gumnisk');
  await staff.check('#kind-1');
  await staff.selectOption('#group', 'seniors');
  await submit(staff, 'Zapisz społeczność', /\/pracownik\/spolecznosci\/[0-9a-f-]+$/);
  const community = new URL(staff.url()).pathname.split('/').pop();

  // The map: an organisation among the resources; the profile's figures are checked.
  await Promise.all([
    staff.waitForURL(/\/mapa$/),
    staff.click('main a:has-text("Mapa zasobów i potrzeb")'),
  ]);
  await visit(staff, staff.url());
  assert.match(await refused(staff, 'Dodaj wpis'), /Wybierz/);
  await staff.selectOption('#entry_kind', 'organisation');
  await staff.fill('#entry_name', 'Klub Seniora „Złota Jesień”');
  await staff.fill('#entry_place', 'Gumniska, remiza OSP');
  await staff.fill('#entry_source', 'spotkanie z sołtysem');
  await submit(staff, 'Dodaj wpis', /\/mapa\?dodano=1$/);
  assert.match(await staff.textContent('main'), /Złota Jesień/);
  await staff.fill('#population', '420');
  await staff.fill('#seniors', '500');
  assert.match(await refused(staff, 'Zapisz profil'), /liczba mieszkańców/);
  assert.equal(await staff.inputValue('#population'), '420');
  await staff.fill('#seniors', '120');
  await submit(staff, 'Zapisz profil', /profil=1/);
  assert.match(await staff.textContent('main dl'), /120/);
  const map = await staff.context().request.get(`${url}/pracownik/spolecznosci/${community}/mapa.pdf`);
  assert.equal(map.headers()['content-type'], 'application/pdf');

  // The plan: a goal with a target above its baseline, adopted as version 1.
  await visit(staff, `${url}/pracownik/spolecznosci/${community}/plan`);
  await staff.fill('#goal_statement', 'Seniorzy spotykają się regularnie');
  await staff.fill('#goal_indicator', 'uczestnicy spotkań');
  await staff.selectOption('#goal_measure', 'participants');
  await staff.fill('#goal_baseline', '5');
  await staff.fill('#goal_target', '5');
  assert.match(await refused(staff, 'Dodaj cel'), /większa niż wyjściowa/);
  await staff.fill('#goal_target', '25');
  await submit(staff, 'Dodaj cel', /zapisano=1/);
  await submit(staff, 'Przyjmij tę wersję planu', /przyjeto=1/);
  assert.match(await staff.textContent('main'), /Wartość 5 z docelowych 25/);
  const plan = await staff.context().request.get(
    `${url}/pracownik/spolecznosci/${community}/plan.pdf?wersja=1`,
  );
  assert.equal(plan.headers()['content-type'], 'application/pdf');

  // A public meeting in two days, serving the goal.
  const day = new Date(serverNow(url) + 2 * 86_400_000).toISOString().slice(0, 10);
  await visit(staff, `${url}/pracownik/spolecznosci/${community}`);
  await staff.selectOption('#kind', 'self_help_group');
  await staff.fill('#title', 'Kawiarenka seniora');
  await staff.fill('#day', day);
  await staff.fill('#starts', '10:00');
  await staff.fill('#ends', '12:00');
  await staff.fill('#place', 'Remiza OSP, Gumniska 12');
  await staff.check('#step_free');
  await staff.fill('#capacity', '5');
  await staff.check('#public');
  await staff.selectOption('#area', 'culture');
  await staff.selectOption('#group', 'seniors');
  await staff.selectOption('#goal', { label: 'Seniorzy spotykają się regularnie' });
  await submit(staff, 'Dodaj działanie', /\/pracownik\/wydarzenia\/[0-9a-f-]+\?dodano=1$/);
  const activity = new URL(staff.url()).pathname.split('/').pop();

  // A resident without JavaScript signs up; one place fewer.
  const resident = await openPage(shared.browser, { js: false });
  await visit(resident, `${url}/wydarzenia?miesiac=${day.slice(0, 7)}`, { js: false });
  assert.match(await resident.textContent('main'), /Kawiarenka seniora[\s\S]*5 wolnych miejsc/);
  await visit(resident, `${url}/wydarzenia/${activity}`, { js: false });
  await resident.fill('#name', 'Helena Mazur');
  await resident.fill('#contact', '600 111 222');
  await resident.check('#consent');
  await Promise.all([
    resident.waitForURL(/\/wydarzenia\/zapis\//),
    resident.click('main button[type="submit"]'),
  ]);
  await visit(resident, resident.url(), { js: false });
  assert.match(await resident.textContent('h1'), /Masz miejsce/);
  await visit(resident, `${url}/wydarzenia/${activity}`, { js: false });
  assert.match(await resident.textContent('main'), /4 wolne miejsca/);

  for (const page of [staff, resident]) {
    assert.deepEqual(page.problems.filter((p) => !/status of 422/.test(p)), []);
    await page.context().close();
  }

  // Three days later: attendance is recorded and the goal moves (5 + 1 registered + 6 walk-ins).
  await shiftClock(url, 3);
  try {
    const later = await openPage(shared.browser);
    await signIn(later, url, ORGANISER);
    await visit(later, `${url}/pracownik/wydarzenia/${activity}`);
    await later.fill('#attended', '2');
    assert.match(await refused(later, 'Zapisz frekwencję'), /więcej niż zapisanych/);
    await later.fill('#attended', '1');
    await later.fill('#walk_ins', '6');
    await later.fill('#evaluation', 'Przyszli sąsiedzi, potrzebny stały termin.');
    await submit(later, 'Zapisz frekwencję', /frekwencja=1/);
    assert.match(await later.textContent('main dl'), /razem: 7/);
    await visit(later, `${url}/pracownik/spolecznosci/${community}`);
    assert.match(await later.textContent('main'), /Wartość 12 z docelowych 25/);
    await later.fill('#stage_evaluation', 'Diagnoza zrobiona razem z Klubem Seniora.');
    await submit(later, 'Zapisz ocenę', /ocena=1/);
    assert.match(await later.textContent('main'), /razem z Klubem Seniora/);

    // The new pages in Ukrainian.
    await later.goto(`${url}/jezyk/uk?powrot=/pracownik/spolecznosci/${community}/mapa`);
    await visit(later, `${url}/pracownik/spolecznosci/${community}/mapa`);
    assert.match(await later.textContent('h1'), /Мапа ресурсів і потреб/);
    await visit(later, `${url}/pracownik/spolecznosci/${community}/plan`);
    assert.match(await later.textContent('main'), /Значення 12 з цільових 25/);
    await visit(later, `${url}/pracownik/wydarzenia/${activity}`);
    await later.goto(`${url}/jezyk/pl?powrot=/pracownik`);
    assert.deepEqual(later.problems.filter((p) => !/status of 422/.test(p)), []);
    await later.context().close();
  } finally {
    await shiftClock(url, -3);
  }
});
