// `npm start` as a newcomer meets it: the Vite dev server with the local API and its demo backend
// (a throwaway database), the organizer's calendar feed connected, a booking on the demo's first
// page, then the mailbox page showing the mail the guest and the organizer would receive (no SMTP
// server configured), with the invitation.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { PUBLIC_CONFIGURATION_ID } from '../../server/seed.js';

const dir = mkdtempSync(join(tmpdir(), 'scheduler-demo-'));
let server: ViteDevServer;
let browser: Browser;
let url: string;

before(async () => {
  process.env.SCHEDULER_DEMO_DB = join(dir, 'demo.sqlite');
  delete process.env.SMTP_URL;
  server = await createServer({
    configFile: resolve(import.meta.dirname, '../../vite.config.ts'),
    server: { port: 0, host: '127.0.0.1' },
    logLevel: 'silent',
  });
  await server.listen();
  url = server.resolvedUrls!.local[0]!;
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
});

after(async () => {
  await browser?.close();
  await server?.close();
  delete process.env.SCHEDULER_DEMO_DB;
  rmSync(dir, { recursive: true, force: true });
});

test("npm start connects the organizer's calendar feed, and the first page names its busy times", async () => {
  // The plugin connects the feed through POST /v3/connect/custom after 'listening'; availability
  // then says how old its copy of a connected calendar is (no header while none is connected).
  const start = Math.floor(Date.now() / 1000);
  const query = new URLSearchParams({
    configuration_id: PUBLIC_CONFIGURATION_ID,
    start_time: `${start}`,
    end_time: `${start + 7 * 86_400}`,
  });
  let age: string | null = null;
  for (let attempt = 0; attempt < 100 && !age; attempt++) {
    const answer = await fetch(new URL(`v3/scheduling/availability?${query}`, url));
    assert.equal(answer.status, 200);
    age = answer.headers.get('x-calendar-age');
    if (!age) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  assert.match(age ?? '', /^\d+$/, 'the feed was connected and read');
  const page = await browser.newPage();
  await page.goto(url);
  const line = page.locator('#calendar-feed');
  await line.getByRole('link', { name: "Ada's calendar feed" }).waitFor();
  assert.match(await line.innerText(), /Product review .*Not busy: .*marked free/);
  await page.close();
});

test(
  "the demo books on its first page, and its mailbox shows the guest's and the organizer's mail with the invitation",
  { timeout: 120_000 },
  async () => {
    const page = await browser.newPage();
    await page.goto(url);
    const widget = page.locator('scheduler-widget').first();
    await widget.locator('button.slot').first().click({ timeout: 60_000 });
    await widget.getByLabel('Name').fill('Demo Guest');
    await widget.getByLabel('Email', { exact: false }).first().fill('demo.guest@example.org');
    for (const required of await widget.locator('input[required]:not(#name):not(#email)').all())
      await required.fill('Demo Ltd');
    await widget.getByRole('button', { name: 'Book' }).click();
    await widget.getByText('You are booked').waitFor();

    await page.goto(new URL('mailbox.html', url).href);
    const items = page.locator('#messages button');
    // The outbox sends within moments of the write; the page asks again every 2 s.
    await page.waitForFunction(() => document.querySelectorAll('#messages button').length >= 2, undefined, {
      timeout: 30_000,
    });
    const listed = await items.allInnerTexts();
    assert.ok(
      listed.some((text) => text.includes('demo.guest@example.org')),
      `a mail to the guest: ${listed.join(' | ')}`,
    );
    assert.ok(
      listed.some((text) => !text.includes('demo.guest@example.org')),
      `a mail to the organizer: ${listed.join(' | ')}`,
    );
    await items.filter({ hasText: 'demo.guest@example.org' }).first().click();
    await page.getByRole('link', { name: /invitation \(\.ics, REQUEST\)/ }).waitFor();
    const body = page.frameLocator('#message').locator('body');
    assert.match(await body.innerText(), /Demo Guest|demo\.guest/);
    await page.close();
  },
);

test(
  "the organizer's page signs the editor in with its backend's access token, never the API key",
  { timeout: 120_000 },
  async () => {
    const page = await browser.newPage();
    await page.goto(new URL('editor.html', url).href);
    const editor = page.locator('scheduler-editor');
    await editor.getByRole('button', { name: 'Edit: Intro call' }).waitFor({ timeout: 60_000 });
    // An access token of /v3/connect/token (43 URL-safe characters), not the demo's API key.
    assert.match((await editor.getAttribute('access-token')) ?? '', /^[A-Za-z0-9_-]{43}$/);
    await editor.getByRole('button', { name: 'Bookings' }).click();
    await editor.getByRole('heading', { name: 'Upcoming' }).waitFor();
    await page.close();
  },
);
