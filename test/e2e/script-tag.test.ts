// The built widget folder (dist/scheduler-widget/) on a plain HTML page, no build step, under a strict
// Content-Security-Policy: scripts and styles only from the page's own origin, `connect-src` only the
// API. The script is in a sub-folder and the page in another, so its chunks must load from beside it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { chromium, type Browser, type ConsoleMessage, type Page, type Route } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { callApi, startApiProcess } from '../support/api-process.mjs';
import { serveStatic } from '../support/static-server.mjs';
import { e2eClock, pinnedPage } from '../support/e2e-clock.mjs';
import { WIDGET_FOLDER, chunkName, oneFileScriptTag, widgetScriptTags } from '../support/embed.mjs';

let api: Awaited<ReturnType<typeof startApiProcess>>;
let site: Awaited<ReturnType<typeof serveStatic>>;
let browser: Browser;
const clock = e2eClock();

before(async () => {
  api = await startApiProcess({ seed: 'demo', clock });
  const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Book a call</title>
${widgetScriptTags()}</head>
<body><main><h1>Book a call</h1>
<scheduler-widget configuration-id="__ID__" api-url="${api.url}" timezone="Europe/Paris" guest-name="Script Tag"></scheduler-widget>
</main></body></html>`;
  const { PUBLIC_CONFIGURATION_ID, GROUP_CONFIGURATION_ID } = await import('../../server/seed.js');
  // A popup opened by a link in the page, and a floating button opening another.
  const popupPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Book a call</title>
${widgetScriptTags()}</head>
<body><main><h1>Pricing</h1><p><a href="#" data-scheduler-open="demo">Book a demo</a></p>
<scheduler-widget id="demo" display="popup" configuration-id="${PUBLIC_CONFIGURATION_ID}" api-url="${api.url}" timezone="Europe/Paris"></scheduler-widget>
<scheduler-widget display="floating" floating-label="Talk to us" configuration-id="${PUBLIC_CONFIGURATION_ID}" api-url="${api.url}"></scheduler-widget>
</main></body></html>`;
  site = await serveStatic({
    root: '.',
    pages: {
      '/site/book.html': page.replace('__ID__', PUBLIC_CONFIGURATION_ID),
      '/site/group.html': page.replace('__ID__', GROUP_CONFIGURATION_ID),
      '/site/popup.html': popupPage,
      '/site/week.html': page
        .replace('__ID__', PUBLIC_CONFIGURATION_ID)
        .replace('<scheduler-widget ', '<scheduler-widget layout="week" '),
    },
    headers: {
      'Content-Security-Policy': `default-src 'none'; script-src 'self'; style-src 'self'; connect-src ${api.url}; img-src 'self'`,
    },
  });
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
});

after(async () => {
  await browser?.close();
  await site?.close();
  api?.stop();
});

/** A page that records console errors, page errors, the hosts it talks to and the script parts it fetches. */
async function openPage(beforeLoading?: (page: Page) => Promise<void>, path = '/site/book.html') {
  const page = await pinnedPage(browser, clock);
  await beforeLoading?.(page);
  const problems: string[] = [];
  const hosts = new Set<string>();
  const parts: string[] = [];
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  page.on('pageerror', (error) => problems.push(String(error)));
  page.on('request', (request) => {
    const url = new URL(request.url());
    hosts.add(url.origin);
    const chunk = chunkName(url.pathname);
    if (chunk) parts.push(chunk);
  });
  await page.goto(`${site.url}${path}`);
  return { page, problems, hosts, parts };
}

async function chooseFirstTime(page: Page): Promise<void> {
  const slot = page.locator('scheduler-widget button.slot').first();
  await slot.waitFor({ timeout: 15_000 });
  assert.match((await slot.getAttribute('aria-label')) ?? '', /Europe\/Paris/);
  await slot.click();
}

/** Types the guest's details and books; answers the booking the API stored. */
async function fillAndBook(page: Page, email: string) {
  await page.getByLabel('Email', { exact: false }).first().fill(email);
  await page.getByLabel('Company').fill('Plain HTML Ltd');
  const booked = page.evaluate(
    () =>
      new Promise<{ booking_id: string }>((resolve) =>
        document.addEventListener('scheduler-booked', (e) => resolve((e as CustomEvent).detail), { once: true }),
      ),
  );
  await page.getByRole('button', { name: 'Book' }).click();
  const booking = await booked;
  const stored = await callApi(api, { path: `/v3/scheduling/bookings/${booking.booking_id}` });
  assert.equal(stored.status, 200);
  return stored.body.data;
}

test('the script-tag build books a slot on a plain page under a strict CSP, its chunks prefetched from beside it, talking to no other host', async () => {
  const { page, problems, hosts, parts } = await openPage();
  await chooseFirstTime(page);
  assert.equal(await page.getByLabel('Name').inputValue(), 'Script Tag');
  const stored = await fillAndBook(page, 'script@tag.test');
  await page.getByText('You are booked').waitFor();

  assert.equal(stored.guest.email, 'script@tag.test');
  assert.deepEqual(
    parts.sort(),
    ['details', 'outcome', 'steps', 'writes'],
    'each chunk of the steps after choosing a time fetched once, from beside the script',
  );
  assert.deepEqual(problems, [], 'no console errors, no CSP violations');
  assert.deepEqual([...hosts].sort(), [api.url, site.url].sort(), 'requests only to the page and the API');
  await page.close();
});

test('chunks that 404 (fault injected): a message with retry, and nothing chosen or typed is lost', async () => {
  // Both chunks are refused from the start (the idle prefetch too), until each fault is lifted.
  const notFound = (route: Route) => route.fulfill({ status: 404, body: 'not found' });
  const { page, problems } = await openPage(async (page) => {
    await page.route('**/scheduler-widget/details-*.js*', notFound);
    await page.route('**/scheduler-widget/outcome-*.js*', notFound);
    await page.addInitScript(() => {
      const seen: unknown[] = ((window as unknown as { schedulerErrors: unknown[] }).schedulerErrors = []);
      document.addEventListener('scheduler-error', (event) => seen.push((event as CustomEvent).detail));
    });
  });
  const owner: string[] = [];
  page.on('console', (message) => /scheduler-widget/.test(message.text()) && owner.push(message.text()));
  await chooseFirstTime(page);
  const notice = page.locator('scheduler-widget [part~="error"]');
  const retry = page.locator('scheduler-widget [part~="retry-button"]');
  await notice.waitFor();
  // The guest: calm, not blamed. The owner: the missing file, the folder to upload, once as scheduler-error.
  assert.match(await notice.innerText(), /booking service is unavailable/i);
  assert.doesNotMatch(await notice.innerText(), /connection/i);
  const told = owner.filter((text) => /details-/.test(text));
  assert.equal(told.length, 1, told.join(' | '));
  assert.match(told[0]!, /dist\/scheduler-widget\//);
  assert.match(told[0]!, /scheduler-widget\.iife\.js/);
  const errors = (
    await page.evaluate(() => (window as unknown as { schedulerErrors: Array<{ message: string }> }).schedulerErrors)
  ).filter((e) => /details-/.test(e.message));
  assert.equal(errors.length, 1, JSON.stringify(errors));
  await page.unroute('**/scheduler-widget/details-*.js*', notFound);
  await retry.click();
  assert.equal(await page.getByLabel('Name').inputValue(), 'Script Tag', 'the prefilled name is still there');
  await page.getByLabel('Name').fill('Typed Before Fault');

  // The outcome chunk is still refused when the booking is made: the booking stands, the guest is told, retry shows it.
  const stored = await fillAndBook(page, 'fault@tag.test');
  assert.equal(stored.guest.name, 'Typed Before Fault');
  await notice.waitFor();
  await page.unroute('**/scheduler-widget/outcome-*.js*', notFound);
  await retry.click();
  await page.getByText('You are booked').waitFor();
  assert.deepEqual(
    problems.filter((problem) => !/404|dynamically imported module/.test(problem)),
    [],
    'no other errors',
  );
  await page.close();
});

test('only the entry uploaded (every other file 404s): times show, the guest reads a calm notice, the console says to upload the whole folder', async () => {
  const notFound = (route: Route) => route.fulfill({ status: 404, body: 'not found' });
  let told: Promise<ConsoleMessage> | undefined;
  const { page } = await openPage(async (page) => {
    await page.route(/\/scheduler-widget\/(?!scheduler-widget\.js).*\.js/, notFound);
    // Registered before loading: the idle prefetch may fail before a time is chosen.
    told = page.waitForEvent('console', {
      predicate: (message) => message.text().startsWith('<scheduler-widget>') && /details-/.test(message.text()),
      timeout: 20_000,
    });
  });
  await chooseFirstTime(page);
  const notice = page.locator('scheduler-widget [part~="error"]');
  await notice.waitFor();
  assert.match(await notice.innerText(), /booking service is unavailable/i);
  assert.match((await told!).text(), /upload the whole folder/);
  await page.close();
});

test('a booking link whose page part 404s (fault injected): a calm notice with retry, and the retry opens the reschedule page', async () => {
  const { PUBLIC_CONFIGURATION_ID } = await import('../../server/seed.js');
  const now = Math.floor((clock.pinnedMs + Date.now() - clock.originMs) / 1000);
  const query = `configuration_id=${PUBLIC_CONFIGURATION_ID}&start_time=${now}&end_time=${now + 14 * 86400}`;
  const free = await callApi(api, { path: `/v3/scheduling/availability?${query}` });
  const slot = free.body.data.time_slots.at(-1);
  const booked = await callApi(api, {
    method: 'POST',
    path: `/v3/scheduling/bookings?configuration_id=${PUBLIC_CONFIGURATION_ID}`,
    body: {
      start_time: slot.start_time,
      end_time: slot.end_time,
      guest: { name: 'Link Fault', email: 'link@tag.test' },
      additional_fields: { company: 'Link Ltd' },
    },
  });
  assert.equal(booked.status, 200, JSON.stringify(booked.body));
  const notFound = (route: Route) => route.fulfill({ status: 404, body: 'not found' });
  const { page } = await openPage(async (page) => {
    await page.route('**/scheduler-widget/booking-page-*.js*', notFound);
  });
  const told = page.waitForEvent('console', { predicate: (message) => /booking page part/.test(message.text()) });
  const ref = booked.body.data.booking_ref;
  await page.evaluate(
    (ref) => document.querySelector('scheduler-widget')!.setAttribute('reschedule-booking-ref', ref),
    ref,
  );
  const notice = page.locator('scheduler-widget [part~="error"]');
  await notice.waitFor();
  assert.match(await notice.innerText(), /booking service is unavailable/i);
  assert.match((await told).text(), /upload the whole/);
  await page.unroute('**/scheduler-widget/booking-page-*.js*', notFound);
  await page.locator('scheduler-widget [part~="retry-button"]').click();
  await page.locator('scheduler-widget [part~="slot"][aria-current="true"]').waitFor({ timeout: 15_000 });
  await page.close();
});

test('the built script marks a required field "Name *" as the source does (the template minifier once made it "Name*")', async () => {
  const { page, problems } = await openPage();
  await chooseFirstTime(page);
  const shown = await page.locator('scheduler-widget label[for=name]').evaluate((label) =>
    [...label.childNodes]
      .filter(
        (node) =>
          node.nodeType !== Node.COMMENT_NODE && !(node instanceof Element && node.classList.contains('sr-only')),
      )
      .map((node) => node.textContent)
      .join(''),
  );
  assert.equal(shown.replace(/\s/g, ' '), 'Name *');
  assert.deepEqual(problems, []);
  await page.close();
});

test('popup and floating modes under the strict CSP: the popup chunk loads on hover, the link and the floating button open their modals', async () => {
  const { page, problems, hosts, parts } = await openPage(undefined, '/site/popup.html');
  const floating = page.getByRole('button', { name: 'Talk to us' });
  await floating.waitFor();
  assert.equal(await floating.evaluate((button) => getComputedStyle(button).position), 'fixed');
  await page.getByRole('link', { name: 'Book a demo' }).hover();
  await page.getByRole('link', { name: 'Book a demo' }).click();
  const dialog = page.locator('#demo dialog');
  await dialog.waitFor();
  assert.equal(
    await dialog.evaluate((element) => (element as HTMLDialogElement).open && element.matches(':modal')),
    true,
  );
  await chooseFirstTime(page);
  await page.getByLabel('Name').waitFor();
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('#demo')!.shadowRoot!.querySelector('dialog')!.open);
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Book a demo');
  await floating.click();
  await page.locator('scheduler-widget[display=floating] dialog[open]').waitFor();
  assert.deepEqual(
    parts.filter((part) => part === 'popup'),
    ['popup'],
    'the popup chunk, once, from beside the script',
  );
  assert.deepEqual(problems, [], 'no console errors, no CSP violations');
  assert.deepEqual([...hosts].sort(), [api.url, site.url].sort());
  await page.close();
});

test('the week layout under the strict CSP: its chunk and its styles come from beside the script, and it books', async () => {
  const { page, problems, hosts, parts } = await openPage(undefined, '/site/week.html');
  const grid = page.locator('scheduler-widget [part~="week-grid"]');
  await grid.waitFor({ timeout: 15_000 });
  assert.equal(
    await grid.evaluate((table) => getComputedStyle(table).tableLayout),
    'fixed',
    "the week chunk's styles apply",
  );
  const slot = page.locator('scheduler-widget [part~="week-grid"] [part~="slot"]').first();
  await slot.waitFor({ timeout: 15_000 });
  assert.match((await slot.getAttribute('aria-label')) ?? '', /Europe\/Paris$/);
  await slot.click();
  const stored = await fillAndBook(page, 'week@tag.test');
  assert.equal(stored.guest.email, 'week@tag.test');
  assert.deepEqual(
    parts.filter((part) => part === 'week'),
    ['week'],
  );
  assert.deepEqual(problems, [], 'no console errors, no CSP violations');
  assert.deepEqual([...hosts].sort(), [api.url, site.url].sort());
  await page.close();
});

test('the script-tag build books a seat of the seeded group class on a plain page: seats left go down by one on the server', async () => {
  const { GROUP_CONFIGURATION_ID } = await import('../../server/seed.js');
  const seats = async () => {
    const now = Math.floor(clock.pinnedMs / 1000);
    const answer = await callApi(api, {
      path: `/v3/scheduling/availability?configuration_id=${GROUP_CONFIGURATION_ID}&start_time=${now}&end_time=${now + 30 * 86400}`,
    });
    return answer.body.data.time_slots as Array<{ event_id: string; capacity: number }>;
  };
  const { page, problems } = await openPage(undefined, '/site/group.html');
  const slot = page.locator('scheduler-widget button.slot').last();
  await slot.waitFor({ timeout: 15_000 });
  const shown = Number(/(\d+) seats? left/.exec(await slot.innerText())![1]);
  const before = await seats();
  await page.locator('scheduler-widget [part~="day"][part~="available"]').last().click();
  await page.locator('scheduler-widget button.slot').first().click();
  await page.getByLabel('Email', { exact: false }).first().fill('seat@tag.test');
  const booked = page.evaluate(
    () =>
      new Promise<{ event_id: string }>((resolve) =>
        document.addEventListener('scheduler-booked', (e) => resolve((e as CustomEvent).detail), { once: true }),
      ),
  );
  await page.getByRole('button', { name: 'Book' }).click();
  const { event_id } = await booked;
  await page.getByText('You are booked').waitFor();
  const was = before.find((slot) => slot.event_id === event_id)!.capacity;
  assert.ok(shown > 0 && was > 0);
  assert.equal((await seats()).find((slot) => slot.event_id === event_id)?.capacity ?? 0, was - 1);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the one-file copy alone (no folder beside it) books a slot and opens its popup: every chunk is inside it', async () => {
  const { PUBLIC_CONFIGURATION_ID } = await import('../../server/seed.js');
  const alone = await serveStatic({
    root: '/nonexistent',
    pages: {
      '/scheduler-widget.iife.js': readFileSync(`${WIDGET_FOLDER}/scheduler-widget.iife.js`, 'utf8'),
      '/': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Book</title>${oneFileScriptTag('')}</head><body>
<scheduler-widget configuration-id="${PUBLIC_CONFIGURATION_ID}" api-url="${api.url}" timezone="Europe/Paris" guest-name="One File"></scheduler-widget>
<scheduler-widget display="floating" floating-position="top-left" floating-label="Talk to us" configuration-id="${PUBLIC_CONFIGURATION_ID}" api-url="${api.url}"></scheduler-widget></body></html>`,
    },
  });
  const page = await pinnedPage(browser, clock);
  const asked: string[] = [];
  page.on('request', (request) => request.url().startsWith(alone.url) && asked.push(new URL(request.url()).pathname));
  await page.goto(alone.url);
  await chooseFirstTime(page);
  const stored = await fillAndBook(page, 'one@file.test');
  await page.getByText('You are booked').waitFor();
  assert.equal(stored.guest.name, 'One File');
  await page.getByRole('button', { name: 'Talk to us' }).click();
  await page.locator('scheduler-widget[display=floating] dialog[open]').waitFor();
  assert.deepEqual(
    [...new Set(asked)].sort(),
    ['/', '/scheduler-widget.iife.js'],
    'nothing asked of the server but the page and the one file',
  );
  await page.close();
  await alone.close();
});
