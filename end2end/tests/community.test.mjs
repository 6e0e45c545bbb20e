// Community organising (issue 21): the community organiser records a community, moves it to
// the next stage and plans a public workshop on the day summer or winter time begins; residents
// without JavaScript find it in the calendar, sign up, wait when it is full and get the place
// when someone cancels; the iCalendar feed puts it at the right moment. axe scans every page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { serverAndBrowser } from '../support/setup.mjs';
import { openPage, visit, waitForHydration } from '../support/browser.mjs';
import { signIn } from '../support/accounts.mjs';

const shared = serverAndBrowser();
const ORGANISER = 'osl@cus.debica.example';

/** The next day Poland changes its clocks (the last Sunday of March or October), as YYYY-MM-DD. */
function nextClockChange() {
  const now = new Date();
  for (let year = now.getUTCFullYear(); ; year += 1) {
    for (const month of [2, 9]) {
      const last = new Date(Date.UTC(year, month + 1, 0));
      last.setUTCDate(last.getUTCDate() - last.getUTCDay());
      if (last.getTime() > now.getTime() + 86_400_000) return last.toISOString().slice(0, 10);
    }
  }
}

async function submit(page, button, url) {
  await Promise.all([page.waitForURL(url), page.click(`main button:has-text("${button}")`)]);
  await visit(page, page.url());
}

test('an organiser plans an activity, residents sign up and the feed keeps Warsaw time', async () => {
  const { url } = shared.server;
  const staff = await openPage(shared.browser);
  await signIn(staff, url, ORGANISER);
  await visit(staff, `${url}/pracownik`);
  await Promise.all([
    staff.waitForURL(/\/pracownik\/spolecznosci$/),
    staff.click('main a:has-text("Społeczności lokalne")'),
  ]);
  await visit(staff, staff.url());
  assert.match(await staff.textContent('main table'), /Sołectwo Braciejowa/);

  // A new community: what is missing is named; then it is recorded at the first stage.
  await visit(staff, `${url}/pracownik/spolecznosci/nowa`);
  await staff.click('main button:has-text("Zapisz społeczność")');
  await staff.waitForSelector('.error-summary');
  assert.match(await staff.textContent('.error-summary'), /Wybierz/);
  await staff.fill('#name', 'Osiedle Kościuszki');
  await staff.check('#kind-0');
  await staff.selectOption('#territory', 'osiedle');
  await staff.fill('#place', 'Dębica, os. Kościuszki');
  await submit(staff, 'Zapisz społeczność', /\/pracownik\/spolecznosci\/[0-9a-f-]+$/);
  assert.match(await staff.textContent('[aria-current="step"]'), /Diagnoza/);

  await staff.selectOption('#stage', 'addressees');
  await staff.fill('#reason', 'Spacer badawczy i 12 rozmów z mieszkańcami: mapa gotowa.');
  await submit(staff, 'Zmień etap', /\?etap=1$/);
  assert.match(await staff.textContent('[aria-current="step"]'), /Wybór adresatów/);
  assert.match(await staff.textContent('main table'), /Spacer badawczy/);

  // One place, on the day the clocks change, at 17:00 Warsaw time.
  const day = nextClockChange();
  await staff.selectOption('#kind', 'workshop');
  await staff.fill('#title', 'Warsztaty rękodzieła');
  await staff.fill('#day', day);
  await staff.fill('#starts', '17:00');
  await staff.fill('#ends', '19:00');
  await staff.fill('#place', 'Klub osiedlowy, ul. Kościuszki 2');
  await staff.check('#step_free');
  await staff.fill('#capacity', '1');
  await staff.check('#public');
  await staff.selectOption('#area', 'culture');
  await staff.selectOption('#group', 'all_residents');
  await submit(staff, 'Dodaj działanie', /\/pracownik\/wydarzenia\/[0-9a-f-]+\?dodano=1$/);
  const activity = new URL(staff.url()).pathname.split('/').pop();

  // A resident without JavaScript finds it in the month's calendar, step-free only.
  const first = await openPage(shared.browser, { js: false });
  await visit(first, `${url}/wydarzenia?miesiac=${day.slice(0, 7)}&bez_barier=1`, { js: false });
  assert.match(await first.textContent('main'), /Warsztaty rękodzieła/);
  assert.match(await first.textContent('main'), /1 wolne miejsce/);
  await Promise.all([first.waitForURL(/\/wydarzenia\/[0-9a-f-]+$/), first.click('a:has-text("Warsztaty rękodzieła")')]);
  await visit(first, first.url(), { js: false });
  const data = JSON.parse(await first.textContent('script[type="application/ld+json"]'));
  assert.equal(data['@type'], 'Event');
  assert.match(data.startDate, new RegExp(`^${day}T17:00:00\\+0[12]:00$`));

  // In Ukrainian too (the language is a cookie; the page stays usable without JavaScript).
  const ukrainian = await openPage(shared.browser, { js: false });
  await ukrainian.goto(`${url}/jezyk/uk?powrot=/wydarzenia/${activity}`);
  await visit(ukrainian, `${url}/wydarzenia/${activity}`, { js: false });
  assert.match(await ukrainian.textContent('main'), /Запишіться/);
  await visit(ukrainian, `${url}/wydarzenia?miesiac=${day.slice(0, 7)}`, { js: false });
  assert.match(await ukrainian.textContent('h1'), /Календар подій/);
  await ukrainian.context().close();

  const signUp = async (page, name, contact) => {
    await page.fill('#name', name);
    await page.fill('#contact', contact);
    await page.check('#consent');
    await Promise.all([page.waitForURL(/\/wydarzenia\/zapis\//), page.click('main button[type="submit"]')]);
    await visit(page, page.url(), { js: false });
  };
  // Without the consent nothing is stored and the form says why, keeping what was typed.
  await first.fill('#name', 'Teresa Nowicka');
  await first.fill('#contact', 'teresa@example.pl');
  await first.click('main button[type="submit"]');
  await first.waitForSelector('.error-summary');
  assert.match(await first.textContent('.error-summary'), /Zaznacz zgodę/);
  assert.equal(await first.inputValue('#name'), 'Teresa Nowicka');
  await signUp(first, 'Teresa Nowicka', 'teresa@example.pl');
  assert.match(await first.textContent('h1'), /Masz miejsce/);
  const firstLink = first.url();

  const second = await openPage(shared.browser, { js: false });
  await visit(second, `${url}/wydarzenia/${activity}`, { js: false });
  assert.match(await second.textContent('main'), /lista oczekujących/);
  await signUp(second, 'Marek Zieliński', '600 700 800');
  assert.match(await second.textContent('h1'), /Jesteś na liście oczekujących/);
  assert.match(await second.textContent('main'), /Twoje miejsce na liście: 1\./);

  await first.goto(firstLink);
  await Promise.all([first.waitForURL(/odwolano=1/), first.click('main button:has-text("Odwołaj mój zapis")')]);
  await visit(first, first.url(), { js: false });
  assert.match(await first.textContent('h1'), /Zapis odwołany/);
  await visit(second, second.url(), { js: false });
  assert.match(await second.textContent('h1'), /Masz miejsce/);

  // The organiser's list shows both, and who has the place.
  await visit(staff, `${url}/pracownik/wydarzenia/${activity}`);
  const list = await staff.textContent('table:has(#registrations-caption)');
  assert.match(list, /Teresa Nowicka[\s\S]*odwołany/);
  assert.match(list, /Marek Zieliński[\s\S]*ma miejsce/);

  // The feed: 17:00 in Warsaw on the day the clocks change is the right moment in UTC.
  const res = await fetch(`${url}/wydarzenia/${activity}/kalendarz.ics`);
  assert.equal(res.headers.get('content-type'), 'text/calendar; charset=utf-8');
  const calendar = new ICAL.Component(ICAL.parse(await res.text()));
  const zone = new ICAL.Timezone(calendar.getFirstSubcomponent('vtimezone'));
  ICAL.TimezoneService.register(zone);
  const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent'));
  assert.equal(event.summary, 'Warsztaty rękodzieła');
  assert.equal(event.startDate.zone.tzid, 'Europe/Warsaw');
  assert.equal(event.startDate.hour, 17);
  const summer = day.slice(5, 7) === '03';
  assert.equal(event.startDate.toJSDate().toISOString(), `${day}T${summer ? '15' : '16'}:00:00.000Z`);
  const whole = await fetch(`${url}/wydarzenia/kalendarz.ics`).then((r) => r.text());
  assert.equal(new ICAL.Component(ICAL.parse(whole)).getAllSubcomponents('vevent').length >= 5, true);

  // The deliberate mistakes are answered 422, which the browser logs.
  for (const page of [staff, first, second]) {
    assert.deepEqual(page.problems.filter((p) => !/status of 422/.test(p)), []);
  }
  for (const page of [staff, first, second]) await page.context().close();
});
