// Applying for services (issue 6): a resident applies for two services as a de facto carer of a
// senior and finds the case in "Moje sprawy" with its receipt; a clerk registers a paper
// application with the same form; an anonymous visitor reports a need; a coordinator takes a
// case from the inbox, qualifies one service and refuses the other with a decision PDF, and the
// services organiser edits the templates decisions start from (issue 7);
// JavaScript on and off, axe on every page; and the whole wizard
// done with the keyboard alone.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serverAndBrowser } from '../support/setup.mjs';
import { openPage, visit, waitForHydration } from '../support/browser.mjs';
import { CLERK, signIn } from '../support/accounts.mjs';
import { serverNow, shiftClock } from '../support/totp.mjs';

const shared = serverAndBrowser({ CUS_TEST_CLOCK: 'true' });
const RESIDENT = 'mieszkanka@debica.example';

/** Submits the step's form (`button` in `form.form`) and waits for the next step's page. */
async function next(page, js, url) {
  await Promise.all([page.waitForURL(url), page.click('main form.form button[type="submit"]')]);
  await page.waitForLoadState('load');
  if (js) await waitForHydration(page);
}

/** The page's problems but the 422 answers the tests provoke on purpose (wrong input). */
function expectedRefusalsAside(problems) {
  return problems.filter((p) => !/status of 422/.test(p));
}

/** Scans the current page with axe (status and hydration as `visit` checks them). */
async function scan(page, js) {
  await visit(page, page.url().split('#')[0], { js });
}

/** The person step of the seniors' programme, for Halina with `pesel`. */
async function fillSenior(page, pesel) {
  await page.fill('#name', 'Halina Kowalska');
  await page.fill('#pesel', pesel);
  await page.fill('#birth_date', '1944-05-14');
  await page.fill('#street', 'ul. Polna 3');
  await page.fill('#postal_code', '39-200');
  await page.fill('#city', 'Dębica');
  await page.fill('#household_size', '1');
  await page.fill('#income', '1850,50');
  await page.selectOption('#disability', 'moderate');
  await page.check('#dependency-1');
}

/** Goes through the wizard from the services step to the submitted page. */
async function fillWizard(page, js, { carer }) {
  const base = shared.server.url;
  await scan(page, js);
  assert.match(await page.textContent('.wizard-progress'), /Krok 1 z \d/);
  // Two services of the programme (one of them may be the one the resident started from).
  await page.check('#services-0');
  await page.check('#services-1');
  await next(page, js, /\/kto$/);
  await scan(page, js);
  await page.check(carer ? '#role-2' : '#role-0');
  await next(page, js, /\/osoba$/);
  await scan(page, js);

  await fillSenior(page, '44051401459');
  await next(page, js, /\/osoba/);
  await page.waitForSelector('#pesel-error');
  assert.match(await page.textContent('#pesel-error'), /PESEL/);
  await scan(page, js);
  // With JavaScript on or off, every field comes back as typed.
  const kept = {
    '#pesel': '44051401459', '#name': 'Halina Kowalska', '#birth_date': '1944-05-14',
    '#street': 'ul. Polna 3', '#postal_code': '39-200', '#city': 'Dębica',
    '#household_size': '1', '#income': '1850,50', '#disability': 'moderate',
  };
  for (const [field, value] of Object.entries(kept)) {
    assert.equal(await page.inputValue(field), value, `${field} is kept`);
  }
  assert.ok(await page.isChecked('#dependency-1'), 'the choice is kept');
  assert.equal(new URL(page.url()).searchParams.getAll('__err').length, js ? 0 : 1);
  await fillSenior(page, '44051401458');
  await next(page, js, carer ? /\/wnioskodawca$/ : /\/oswiadczenia$/);
  if (carer) {
    await scan(page, js);
    await page.fill('#name', 'Anna Opiekunka');
    await page.fill('#street', 'ul. Polna 5');
    await page.fill('#postal_code', '39-200');
    await page.fill('#city', 'Dębica');
    await next(page, js, /\/oswiadczenia$/);
  }
  await scan(page, js);
  await page.check('#conditions');
  await page.check('#privacy');
  await next(page, js, /\/zalaczniki$/);
  await scan(page, js);

  const dir = mkdtempSync(join(tmpdir(), 'cus-upload-'));
  const pdf = join(dir, 'orzeczenie.pdf');
  writeFileSync(pdf, '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  await page.setInputFiles('#file', pdf);
  await Promise.all([page.waitForURL(/dodano=1/), page.click('form[enctype] button[type="submit"]')]);
  if (js) await waitForHydration(page);
  assert.match(await page.textContent('.attachments'), /orzeczenie\.pdf/);
  await scan(page, js);
  await Promise.all([page.waitForURL(/\/podsumowanie$/), page.click('main a.button')]);
  await scan(page, js);
  assert.match(await page.textContent('.summary-list'), /Halina Kowalska/);
  await next(page, js, /\/zlozono$/);
  await scan(page, js);
  const caseNumber = (await page.textContent('.case-number')).trim();
  assert.match(caseNumber, /^CUS\/\d{4}\/\d{6}$/);

  // The receipt is a PDF whose text names the case.
  const receipt = await page.request.get(`${base}${await page.getAttribute('a[download]', 'href')}`);
  assert.equal(receipt.status(), 200);
  const file = join(dir, 'potwierdzenie.pdf');
  writeFileSync(file, await receipt.body());
  const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  assert.ok(text.includes(caseNumber), text);
  assert.match(text, /Potwierdzenie złożenia wniosku/);
  return caseNumber;
}

for (const js of [true, false]) {
  const mode = js ? 'JS on' : 'JS off';

  describe(`applying (${mode})`, () => {
    test('a resident applies for two services as a de facto carer', async () => {
      const page = await openPage(shared.browser, { js });
      const base = shared.server.url;
      await signIn(page, base, RESIDENT);
      await visit(page, `${base}/uslugi?szukaj=opiekuncze`, { js });
      await Promise.all([page.waitForURL(/\/uslugi\/[0-9a-f-]+$/), page.click('.service-list h3 a')]);
      await scan(page, js);
      await Promise.all([page.waitForURL(/\/wnioski\/nowy/), page.click('a[href^="/wnioski/nowy"]')]);
      await scan(page, js);
      await next(page, js, /\/uslugi$/);
      const caseNumber = await fillWizard(page, js, { carer: true });

      await visit(page, `${base}/moje-sprawy`, { js });
      assert.match(await page.textContent('.case-list'), new RegExp(caseNumber));
      await Promise.all([page.waitForURL(/\/moje-sprawy\/[0-9a-f-]+$/), page.click(`text=${caseNumber}`)]);
      await scan(page, js);
      assert.match(await page.textContent('.timeline'), /Wniosek zarejestrowany/);
      assert.equal(await page.locator('main table tbody tr').count(), 2, 'two services');
      assert.deepEqual(expectedRefusalsAside(page.problems), []);
      await page.context().close();
    });

    test('the info point registers a paper application', async () => {
      const page = await openPage(shared.browser, { js });
      const base = shared.server.url;
      await signIn(page, base, CLERK);
      await visit(page, `${base}/pracownik/wnioski/nowy`, { js });
      await page.selectOption('#programme', { label: 'Program „Złota Rączka” i usługi opiekuńcze dla seniorów' });
      await page.selectOption('#channel', 'paper');
      await page.fill('#received_on', '2026-11-20');
      await next(page, js, /\/uslugi$/);
      const caseNumber = await fillWizard(page, js, { carer: false });
      assert.ok(caseNumber);
      assert.match(await page.textContent('main'), /Zarejestruj kolejny wniosek/);
      assert.deepEqual(expectedRefusalsAside(page.problems), []);
      await page.context().close();
    });

    test('an anonymous visitor reports a need', async () => {
      const page = await openPage(shared.browser, { js });
      const base = shared.server.url;
      await visit(page, `${base}/zgloszenie-potrzeby`, { js });
      await next(page, js, /zgloszenie-potrzeby/);
      await page.waitForSelector('#description-error');
      await page.selectOption('#area', 'social_assistance');
      await page.selectOption('#group', 'seniors');
      await page.fill('#place', 'Latoszyn');
      await page.fill('#description', 'Brakuje opieki wytchnieniowej dla opiekunów seniorów.');
      await next(page, js, /\/zgloszenie-potrzeby\/wyslano$/);
      await scan(page, js);
      assert.match(await page.textContent('h1'), /Dziękujemy/);
      assert.deepEqual(expectedRefusalsAside(page.problems), []);
      await page.context().close();
    });
  });
}

test('staff see needs reports counted by place', async () => {
  const page = await openPage(shared.browser, { js: true });
  await signIn(page, shared.server.url, 'organizator@cus.debica.example');
  await visit(page, `${shared.server.url}/pracownik/potrzeby`);
  assert.match(await page.textContent('main'), /Latoszyn/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

for (const js of [true, false]) {
  test(`a coordinator takes a case, chooses its path, notes a call, qualifies one service and refuses the other with a decision (${js ? 'JS on' : 'JS off'})`, async () => {
    const page = await openPage(shared.browser, { js });
    const base = shared.server.url;
    await signIn(page, base, 'koordynator@cus.debica.example');
    await visit(page, `${base}/pracownik/sprawy?coordinator=none&q=kowalska&channel=online`, { js });
    assert.match(await page.textContent('main table'), /Halina Kowalska/);
    await Promise.all([
      page.waitForURL(/\/pracownik\/sprawy\/[0-9a-f-]+$/),
      page.click('main table tbody tr:first-child th a'),
    ]);
    await scan(page, js);
    assert.match(await page.textContent('main'), /Termin załatwienia/);

    await page.click('button:has-text("Przejmij sprawę")');
    await page.waitForSelector('text=Zapisz ścieżkę');
    if (js) await waitForHydration(page);
    await page.check('#path-2');
    await page.check('#complicated');
    await page.click('button:has-text("Zapisz ścieżkę")');
    await page.waitForSelector('.timeline >> text=Wybrano ścieżkę wsparcia');
    if (js) await waitForHydration(page);
    await page.fill('#body', 'Telefon od córki: prosi o kontakt po 15:00.');
    await page.click('button:has-text("Dodaj notatkę")');
    await page.waitForSelector('.notes >> text=prosi o kontakt');
    assert.match(await page.textContent('main'), /Karol Koordynator/);
    assert.match(await page.textContent('main'), /indywidualny plan usług społecznych/);
    await scan(page, js);

    // Records a needs recognition held at the person's home; its record prints.
    if (js) await waitForHydration(page);
    const today = warsawDay(Date.now());
    await page.fill('#held_on', today);
    await page.check('#place-1');
    await page.fill('#participants', 'Halina Kowalska, Anna Opiekunka (córka), koordynator');
    await page.fill('#needs', 'Pomoc przy drobnych naprawach i w codziennych czynnościach');
    await page.fill('#proposal', 'Złota Rączka raz w miesiącu, usługi opiekuńcze do rozważenia');
    await page.click('button:has-text("Zapisz rozpoznanie")');
    await page.waitForSelector('.timeline >> text=Przeprowadzono rozpoznanie potrzeb');
    const record = await page.context().request.get(`${base}${await page.getAttribute('a[href*="/rozpoznanie/"]', 'href')}`);
    assert.match(pdfText(await record.body()), /Notatka z rozpoznania indywidualnych potrzeb/);
    await scan(page, js);

    // Qualifies home care: the conditions beside the case, the fee from the income. (The
    // demo's "Złota Rączka" budget is used up and has a waiting list.)
    await Promise.all([
      page.waitForURL(/\/uslugi\/[0-9a-f-]+$/),
      page.click('main table tr:has-text("Usługi opiekuńcze") a:has-text("Kwalifikuj")'),
    ]);
    await page.waitForSelector('main >> text=Warunki kwalifikacji');
    await scan(page, js);
    if (js) await waitForHydration(page);
    await page.fill('#units', '10');
    await page.fill('#income', '1500');
    await Promise.all([
      page.waitForURL(/\/pracownik\/sprawy\/[0-9a-f-]+$/),
      page.click('button:has-text("Zakwalifikuj")'),
    ]);
    await page.waitForSelector('main table >> text=przyznana: 10 jedn.');
    assert.match(await page.textContent('.timeline'), /Zakwalifikowano do usługi/);

    // Refuses the other: a numbered decision whose PDF holds every element of KPA art. 107 § 1.
    await Promise.all([
      page.waitForURL(/\/uslugi\/[0-9a-f-]+$/),
      page.click('main table a:has-text("Kwalifikuj")'),
    ]);
    if (js) await waitForHydration(page);
    const factual = await page.inputValue('#factual');
    await page.fill('#factual', factual.replace('[USTALENIA]', 'strona samodzielnie wykonuje czynności dnia codziennego'));
    await Promise.all([
      page.waitForURL(/\/pracownik\/sprawy\/[0-9a-f-]+$/),
      page.click('button:has-text("Wydaj decyzję o odmowie")'),
    ]);
    await page.waitForSelector('main >> text=Decyzja nr');
    await scan(page, js);
    assert.deepEqual(page.problems, []);
    const href = await page.getAttribute('main a[href*="/decyzje/"]', 'href');
    const pdf = await page.context().request.get(`${base}${href}`);
    assert.equal(pdf.status(), 200);
    const text = pdfText(await pdf.body());
    for (const element of [
      'Wójt Gminy Dębica', 'DECYZJA', 'Znak sprawy', 'Halina Kowalska', 'Na podstawie', 'art. 42 ust. 3',
      'orzekam', 'odmówić zakwalifikowania', 'Uzasadnienie faktyczne', 'samodzielnie wykonuje czynności',
      'Uzasadnienie prawne', 'Pouczenie', 'Samorządowego Kolegium Odwoławczego', '14 dni od dnia doręczenia',
      'Anna Nowak', 'z upoważnienia Wójta Gminy Dębica',
    ]) {
      assert.ok(text.includes(element), `${element} in the decision: ${text}`);
    }
    const mineUrl = page.url().replace(/^.*\/pracownik\/sprawy\//, `${base}/moje-sprawy/`);
    await draftAndApprovePlan(page, js);
    await page.context().close();

    // The resident sees both outcomes and the decision in "Moje sprawy".
    const mine = await openPage(shared.browser, { js });
    await signIn(mine, base, RESIDENT);
    await visit(mine, mineUrl, { js });
    const services = await mine.textContent('main table');
    // Home care was granted in the plan, which has been closed since: delivered in full.
    assert.match(services, /Usługi opiekuńcze w miejscu zamieszkania\s*zrealizowana/);
    assert.match(services, /odmowa \(decyzja\)/);
    assert.match(await mine.textContent('main'), /Decyzja nr \d+\/\d{4}/);
    await scan(mine, js);
    // The approved plan (its second version) is theirs to download.
    const plan = await mine.context().request.get(`${base}${await mine.getAttribute('main a[href*="/plan/"]', 'href')}`);
    assert.equal(plan.status(), 200);
    const planText = pdfText(await plan.body());
    for (const section of ['A. Dane osobowe', 'B. Okres realizacji', 'C. Zakres usług', 'D. Sposób realizacji',
      'E. Działania wspierające', 'F. Monitorowanie realizacji', 'G. Monitoring 6 miesięcy', 'Halina Kowalska',
      'wersja 2', 'czwartki 10:00–12:00']) {
      assert.ok(planText.includes(section), `${section} in the plan: ${planText}`);
    }
    assert.deepEqual(mine.problems, []);
    await mine.context().close();
  });
}

/** The day in Warsaw (the server's "today") at `ms`, as a date input takes it. */
function warsawDay(ms) {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Warsaw' }).format(ms);
}

/** A day `months` months from today in Warsaw. */
function monthsFromToday(months) {
  const day = new Date(`${warsawDay(Date.now())}T12:00:00Z`);
  day.setUTCMonth(day.getUTCMonth() + months);
  return day.toISOString().slice(0, 10);
}

/** Clicks `label`'s button and waits for the answer: a new page without JavaScript. */
async function press(page, js, label) {
  const click = page.click(`button:has-text("${label}")`);
  await (js ? click : Promise.all([page.waitForNavigation(), click]));
}

/** Fills the plan form's first service and the rest of sections B–E. */
async function fillPlan(page, { end, units, schedule }) {
  await page.fill('#end', end);
  await page.fill('[id="services[0].units"]', units);
  await page.fill('[id="services[0].schedule"]', schedule);
  await page.selectOption('[id="services[0].provider_id"]', { index: 1 });
  await page.fill('[id="services[0].place"]', 'mieszkanie osoby');
  await page.fill('[id="services[0].form"]', 'indywidualna');
  await page.fill('[id="activities[0].description"]', 'Spotkania Klubu Seniora');
  await page.fill('[id="activities[0].by"]', 'Klub Seniora „Pogodna Jesień”');
  await page.fill('#expected_effects', 'Bezpieczne i samodzielne życie w domu');
  await page.fill('#quality_checks', 'rozmowa z osobą i z realizatorem');
  await page.fill('#quality_every', '1');
  await page.selectOption('#quality_unit', 'months');
  await page.fill('#agreed_on', warsawDay(Date.now()));
}

/** Saves the plan form, then submits it; the page then shows the version awaiting approval. */
async function saveAndSubmitPlan(page, js) {
  await press(page, js, 'Zapisz projekt');
  if (js) await page.waitForSelector('text=Zapisano projekt planu.');
  if (js) await page.waitForLoadState('networkidle');
  await press(page, js, 'Przekaż do zatwierdzenia');
  await page.waitForSelector('.plan-state >> text=przekazana do zatwierdzenia');
}

/** The director (signed in on `director`) approves the plan at `url`. */
async function approvePlan(director, url, js) {
  await visit(director, url, { js });
  await scan(director, js);
  if (js) await waitForHydration(director);
  await director.check('#decision-0');
  await press(director, js, 'Zapisz rozstrzygnięcie');
  await director.waitForSelector('.plan-state >> text=zatwierdzona');
  assert.deepEqual(director.problems, []);
}

/**
 * Issue 8 from the coordinator's case page: the plan is started, a period too short is refused
 * next to its field, the draft is saved, agreed and submitted; the director approves it; an
 * update with more hours is approved and its changes listed.
 */
async function draftAndApprovePlan(page, js) {
  if (js) await waitForHydration(page);
  await press(page, js, 'Rozpocznij plan');
  if (!js) await page.click('main a[href*="/pracownik/plany/"]');
  await page.waitForSelector('h1 >> text=IPUS');
  const url = page.url();
  await scan(page, js);
  if (js) await waitForHydration(page);
  await fillPlan(page, { end: monthsFromToday(2), units: '10', schedule: 'wtorki 10:00–12:00' });
  await press(page, js, 'Zapisz projekt');
  await page.waitForSelector('#end-error');
  assert.match(await page.textContent('#end-error'), /co najmniej 3 miesiące/);
  await scan(page, js);
  if (js) await waitForHydration(page);
  await fillPlan(page, { end: monthsFromToday(6), units: '10', schedule: 'wtorki 10:00–12:00' });
  await saveAndSubmitPlan(page, js);
  const director = await openPage(shared.browser, { js });
  await signIn(director, shared.server.url, 'dyrektor@cus.debica.example');
  await approvePlan(director, url, js);
  // The director authorises the services organiser to approve plans (art. 41 ust. 2).
  await visit(director, `${shared.server.url}/pracownik/upowaznienia-ipus`, { js });
  await scan(director, js);
  if (js) await waitForHydration(director);
  await director.selectOption('#user_id', { index: 1 });
  await press(director, js, 'Udziel upoważnienia');
  await director.waitForSelector('table.authorisations >> text=Olga Organizator');
  await scan(director, js);

  await visit(page, url, { js });
  if (js) await waitForHydration(page);
  await press(page, js, 'Rozpocznij aktualizację');
  await page.waitForSelector('.plan-state >> text=projekt');
  if (js) await waitForHydration(page);
  await fillPlan(page, { end: monthsFromToday(6), units: '20', schedule: 'czwartki 10:00–12:00' });
  await saveAndSubmitPlan(page, js);
  await approvePlan(director, url, js);
  await director.context().close();
  await visit(page, url, { js });
  const changes = await page.textContent('.plan-changes');
  assert.match(changes, /10 → 20/);
  assert.match(changes, /wtorki 10:00–12:00 → czwartki 10:00–12:00/);
  await scan(page, js);
  await monitorAndClosePlan(page, js, url);
  assert.deepEqual(expectedRefusalsAside(page.problems), []);
}

/**
 * The running plan at `url`: a home visit flagged as a problem, then the closing with the summary
 * conversation. Without JavaScript the test clock first moves 25 days on, where the monthly
 * quality check is among the coordinator's tasks on the day a month after the start; after the
 * closing it moves six months on: the follow-up is in the tasks, and its record closes it.
 */
async function monitorAndClosePlan(page, js, url) {
  const base = shared.server.url;
  const today = warsawDay(serverNow(base));
  let shifted = 0;
  const shift = async (days) => {
    await shiftClock(base, days);
    shifted += days;
  };
  try {
    await monitorAndClose(page, js, url, today, shift);
  } finally {
    // Back to real time. The coordinator's codes of the shifted time were used up, so that
    // account signs in no more in this file (the server refuses a code step it saw before).
    if (shifted) await shiftClock(base, -shifted);
  }
}

async function monitorAndClose(page, js, url, today, shift) {
  const base = shared.server.url;
  if (js) await waitForHydration(page);
  await page.check('#kind-1');
  await page.fill('#body', 'Wizyta domowa: naprawy wykonane, prosi o dodatkowy termin');
  await page.check('#problem');
  await press(page, js, 'Dodaj wpis');
  await page.waitForSelector('.plan-entries >> text=prosi o dodatkowy termin');
  if (js) await waitForHydration(page);
  if (!js) {
    await shift(25);
    await signIn(page, base, 'koordynator@cus.debica.example');
    await visit(page, `${base}/pracownik/plany`, { js });
    const [y, m, d] = monthsFromToday(1).split('-');
    const check = page
      .locator('.desk-tasks tr', { hasText: 'Sprawdzenie jakości usług' })
      .filter({ hasText: 'Halina Kowalska' });
    assert.match(await check.textContent(), new RegExp(`${d}\\.${m}\\.${y}`), 'a month after the start');
    await visit(page, url, { js });
  }
  await page.check('#reason-0');
  await page.fill('#ended_on', today);
  await page.fill('#conversation_on', today);
  await page.fill('#course', 'Usługi realizowano zgodnie z harmonogramem; jedna zmiana terminu.');
  await page.fill('#results', 'Mieszkanie jest bezpieczne, osoba funkcjonuje samodzielnie.');
  await press(page, js, 'Zakończ plan');
  await page.waitForSelector('h2:has-text("Plan zakończony")');
  await scan(page, js);
  if (js) return;

  await shift(200);
  await signIn(page, base, 'koordynator@cus.debica.example');
  await visit(page, `${base}/pracownik/plany`, { js });
  assert.match(await page.textContent('.desk-tasks'), /Monitoring 6 miesięcy po zakończeniu planu/);
  await scan(page, js);
  await visit(page, url, { js });
  await page.fill('#findings', 'Osoba radzi sobie samodzielnie; wsparcie nie jest już potrzebne.');
  await press(page, js, 'Zapisz monitoring');
  await page.waitForSelector('dd >> text=wsparcie nie jest już potrzebne');
}

/** The text of a PDF (poppler's pdftotext), with line-end hyphenation undone and spaces folded. */
function pdfText(bytes) {
  return execFileSync('pdftotext', ['-', '-'], { input: bytes })
    .toString()
    .replace(/-\n/g, '')
    .replace(/\s+/g, ' ');
}


for (const js of [true, false]) {
  test(`the services organiser edits the decision templates (${js ? 'JS on' : 'JS off'})`, async () => {
    const page = await openPage(shared.browser, { js });
    const base = shared.server.url;
    await signIn(page, base, 'organizator@cus.debica.example');
    await visit(page, `${base}/pracownik/rezygnacje`, { js });
    await visit(page, `${base}/pracownik/wzory-decyzji`, { js });
    assert.match(await page.textContent('main'), /\{usługa\}/);
    // Without JavaScript a form's answer is a new page: wait for it.
    const submit = async (label) => {
      const click = page.click(`button:has-text("${label}")`);
      await (js ? click : Promise.all([page.waitForNavigation(), click]));
    };
    const save = () => submit('Zapisz wzory');

    // A placeholder the case cannot fill: the message next to the field.
    await page.fill('#factual', 'Wniosek o {usluga}: [USTALENIA].');
    await save();
    await page.waitForSelector('#factual-error');
    assert.match(await page.textContent('#factual-error'), /nie da się wypełnić z wniosku/);
    await scan(page, js);

    // Saved (the page read again holds it); then the defaults are restored.
    await page.fill('#factual', 'Wniosek o {usługa}: [USTALENIA].');
    await save();
    if (js) await page.waitForSelector('text=Zapisano wzory uzasadnień.');
    await visit(page, `${base}/pracownik/wzory-decyzji`, { js });
    assert.equal(await page.inputValue('#factual'), 'Wniosek o {usługa}: [USTALENIA].');
    // Restoring reads the page again, with or without JavaScript.
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Przywróć teksty domyślne")')]);
    await page.waitForFunction(() => document.querySelector('#factual').value.startsWith('W dniu {data_wpływu}'));
    assert.deepEqual(expectedRefusalsAside(page.problems), []);
    await page.context().close();
  });
}

test('the whole wizard works with the keyboard alone', async () => {
  const page = await openPage(shared.browser, { js: true });
  const base = shared.server.url;
  await signIn(page, base, RESIDENT);
  await visit(page, `${base}/uslugi?szukaj=zlota`);
  await Promise.all([page.waitForURL(/\/uslugi\/[0-9a-f-]+$/), page.click('.service-list h3 a')]);
  await waitForHydration(page);
  const press = async (key, times = 1) => {
    for (let i = 0; i < times; i += 1) await page.keyboard.press(key);
  };
  /** Tabs until the focused element matches `selector` (at most 60 stops). */
  const tabTo = async (selector) => {
    for (let i = 0; i < 60; i += 1) {
      await press('Tab');
      if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
    }
    throw new Error(`${selector} is not reachable with Tab on ${page.url()}`);
  };
  /** Tabs into a radio group (to its chosen button, or the first) and arrows to button `i`. */
  const chooseRadio = async (name, i) => {
    await tabTo(`input[name$="${name}]"], input[name="${name}"]`);
    await press('Space');
    for (let step = 0; step < 8 && !(await page.isChecked(`#${name}-${i}`)); step += 1) {
      await press('ArrowUp');
    }
    assert.ok(await page.isChecked(`#${name}-${i}`), `${name} chosen with the keyboard`);
  };
  const enterAndWait = async (url) => {
    await Promise.all([
      page.waitForURL(url).catch(async (error) => {
        const summary = await page.locator('.error-summary').allTextContents();
        throw new Error(`${error.message}\non ${page.url()}: ${summary.join(' ')}`);
      }),
      press('Enter'),
    ]);
    await waitForHydration(page);
  };
  await tabTo('a[href^="/wnioski/nowy"]');
  await enterAndWait(/\/wnioski\/nowy/);
  await tabTo('main form button[type="submit"]');
  await enterAndWait(/\/uslugi$/);
  await tabTo('#services-0');
  await tabTo('main form button[type="submit"]');
  await enterAndWait(/\/kto$/);
  await chooseRadio('role', 0);
  await tabTo('main form button[type="submit"]');
  await enterAndWait(/\/osoba$/);
  const typeInto = async (selector, text) => {
    await tabTo(selector);
    await page.keyboard.press('Control+A');
    await page.keyboard.type(text);
  };
  await typeInto('#name', 'Jan Nowak');
  // Day and month equal, so the date reads the same whatever order the browser's date field uses.
  await typeInto('#pesel', '44050501456');
  await tabTo('#birth_date');
  await page.keyboard.type('05051944');
  await typeInto('#street', 'ul. Długa 1');
  await typeInto('#postal_code', '39-200');
  await typeInto('#city', 'Dębica');
  await typeInto('#household_size', '2');
  await typeInto('#income', '2100');
  await tabTo('#disability');
  await press('ArrowDown');
  await chooseRadio('dependency', 0);
  await tabTo('main form button[type="submit"]');
  await enterAndWait(/\/oswiadczenia$/);
  await tabTo('#conditions');
  await press('Space');
  await tabTo('#privacy');
  await press('Space');
  await tabTo('main form button[type="submit"]');
  await enterAndWait(/\/zalaczniki$/);
  await tabTo('main a.button');
  await enterAndWait(/\/podsumowanie$/);
  await tabTo('main form button[type="submit"]');
  await enterAndWait(/\/zlozono$/);
  assert.match(await page.textContent('.case-number'), /^CUS\/\d{4}\/\d{6}$/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

for (const js of [true, false]) {
  test(`the services organiser records a coordinators' meeting and sums up the half-year (${js ? 'JS on' : 'JS off'})`, async () => {
    const page = await openPage(shared.browser, { js });
    const base = shared.server.url;
    await signIn(page, base, 'organizator@cus.debica.example');
    await visit(page, `${base}/pracownik/spotkania-koordynatorow`, { js });
    const agenda = `Przegląd planów w realizacji (${js ? 'z JavaScriptem' : 'bez JavaScriptu'})`;
    const fill = async () => {
      if (js) await waitForHydration(page);
      await page.fill('#agenda', agenda);
      await page.fill('#minutes', 'Omówiono plany w realizacji; ustalono terminy kontroli jakości.');
    };
    // Nobody ticked as present: the message next to the attendance.
    await fill();
    await press(page, js, 'Zapisz protokół');
    await page.waitForSelector('#attendee_ids .field-error');
    assert.match(await page.textContent('#attendee_ids'), /co najmniej jedną osobę/);
    await fill();
    await page.check('#attendee_ids-0');
    await press(page, js, 'Zapisz protokół');
    await page.waitForSelector(`article.meeting >> text=${agenda}`);
    await scan(page, js);

    // The half-year's summary counts the meeting; an earlier half-year can be chosen.
    await visit(page, `${base}/pracownik/realizacja-ipus`, { js });
    assert.match(await page.textContent('main'), /Plany według stanu/);
    const meetings = await page.textContent('.summary-outcomes');
    assert.match(meetings, /Spotkania koordynatorów\s*[1-9]/);
    if (js) await waitForHydration(page);
    await page.selectOption('#okres', { index: 1 });
    await Promise.all([page.waitForURL(/okres=/), page.click('button:has-text("Pokaż")')]);
    await page.waitForSelector('h2.summary-heading >> text=półrocze');
    await scan(page, js);
    assert.deepEqual(expectedRefusalsAside(page.problems), []);
  });
}

test('a service delivered in full gives its place to the first on the waiting list', async () => {
  const page = await openPage(shared.browser, { js: true });
  const base = shared.server.url;
  const openCase = async (name) => {
    await visit(page, `${base}/pracownik/sprawy?q=${name}`, { js: true });
    await Promise.all([
      page.waitForURL(/\/pracownik\/sprawy\/[0-9a-f-]+$/),
      page.click('main table tbody tr:first-child th a'),
    ]);
    await waitForHydration(page);
  };
  // The demo's "Złota Rączka" budget is used up; Jadwiga Mazur's 400 hours are done.
  await signIn(page, base, 'organizator@cus.debica.example');
  await openCase('mazur');
  await Promise.all([page.waitForURL(/\/uslugi\/[0-9a-f-]+$/), page.click('main table a:has-text("Szczegóły")')]);
  await waitForHydration(page);
  await scan(page, true);
  await Promise.all([
    page.waitForURL(/\/pracownik\/sprawy\/[0-9a-f-]+$/),
    page.click('button:has-text("Oznacz usługę jako zrealizowaną")'),
  ]);
  await page.waitForSelector('main table >> text=zrealizowana');
  // Józef Czarnecki waited first: his 30 hours are granted, with the entry in his timeline.
  await openCase('czarnecki');
  assert.match(await page.textContent('main table'), /przyznana: 30 jedn\./);
  assert.match(await page.textContent('.timeline'), /Zwolniło się miejsce — usługa przyznana/);
  await scan(page, true);
  await page.context().close();
});
