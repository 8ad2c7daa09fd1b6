// The built one-file script on a plain HTML page, no build step, under a strict Content-Security-
// Policy: scripts and styles only from the page's own origin, `connect-src` only the API.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { callApi, startApiProcess } from '../support/api-process.mjs';
import { serveStatic } from '../support/static-server.mjs';
import { e2eClock, pinnedPage } from '../support/e2e-clock.mjs';

let api: Awaited<ReturnType<typeof startApiProcess>>;
let site: Awaited<ReturnType<typeof serveStatic>>;
let browser: Browser;
const clock = e2eClock();

before(async () => {
  api = await startApiProcess({ seed: 'demo', clock });
  const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Book a call</title>
<script src="/scheduler-widget.iife.js"></script></head>
<body><main><h1>Book a call</h1>
<scheduler-widget configuration-id="__ID__" api-url="${api.url}" timezone="Europe/Paris"></scheduler-widget>
</main></body></html>`;
  const { PUBLIC_CONFIGURATION_ID } = await import('../../server/seed.js');
  site = await serveStatic({
    root: 'dist',
    pages: { '/': page.replace('__ID__', PUBLIC_CONFIGURATION_ID) },
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

test('the script-tag build books a slot on a plain page under a strict CSP, talking to no other host', async () => {
  const page = await pinnedPage(browser, clock);
  const problems: string[] = [];
  const hosts = new Set<string>();
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  page.on('pageerror', (error) => problems.push(String(error)));
  page.on('request', (request) => hosts.add(new URL(request.url()).origin));

  await page.goto(site.url);
  const slot = page.locator('scheduler-widget button.slot').first();
  await slot.waitFor({ timeout: 15_000 });
  const label = await slot.getAttribute('aria-label');
  assert.match(label ?? '', /Europe\/Paris/);
  await slot.click();
  await page.getByLabel('Name').fill('Script Tag');
  await page.getByLabel('Email', { exact: false }).first().fill('script@tag.test');
  await page.getByLabel('Company').fill('Plain HTML Ltd');
  const booked = page.evaluate(
    () => new Promise<{ booking_id: string }>((resolve) => document.addEventListener('scheduler-booked', (e) => resolve((e as CustomEvent).detail), { once: true })),
  );
  await page.getByRole('button', { name: 'Book' }).click();
  const booking = await booked;
  await page.getByText('You are booked').waitFor();

  const stored = await callApi(api, { path: `/v3/scheduling/bookings/${booking.booking_id}` });
  assert.equal(stored.status, 200);
  assert.equal(stored.body.data.guest.email, 'script@tag.test');
  assert.deepEqual(problems, [], 'no console errors, no CSP violations');
  assert.deepEqual([...hosts].sort(), [api.url, site.url].sort(), 'requests only to the page and the API');
  await page.close();
});
