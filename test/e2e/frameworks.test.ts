// The examples in examples/, as a site owner would use them, against the local API in Chromium:
// React 19 and Vue 3 apps built with Vite, the plain HTML page (ES build + import map) and the CMS
// "custom HTML" block (only the one-file script). For each framework both directions are checked:
// the `prefill` object reached the element as a property (its Company value is in the form, and the
// booking goes through without anyone typing it), and `scheduler-booked` reached the app (the app
// renders the booking id it got into its own DOM). Run after `npm run build`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, mergeConfig, type InlineConfig, type UserConfig } from 'vite';
import reactConfig from '../../examples/react/vite.config.js';
import vueConfig from '../../examples/vue/vite.config.js';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { callApi, startApiProcess } from '../support/api-process.mjs';
import { e2eClock, pinnedPage } from '../support/e2e-clock.mjs';
import { serveStatic } from '../support/static-server.mjs';
import { WIDGET_FOLDER, chunkName } from '../support/embed.mjs';

const repo = resolve(import.meta.dirname, '../..');
const examples = join(repo, 'examples');
/** What the examples prefill: the Company value as an object property, name and email as attributes. */
const COMPANY = 'Acme Inc.';
const GUEST_EMAIL = 'ada@example.com';

let api: Awaited<ReturnType<typeof startApiProcess>>;
let browser: Browser;
const clock = e2eClock();
let configurationId: string;
const servers: Array<Awaited<ReturnType<typeof serveStatic>>> = [];
const temporary: string[] = [];

const tempDir = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), `scheduler-${name}-`));
  temporary.push(dir);
  return dir;
};

async function serve(options: { root: string; pages?: Record<string, string> }) {
  const site = await serveStatic(options);
  servers.push(site);
  return site;
}

/** Fills the examples' placeholders, failing if one is gone (so the test keeps testing the file). */
function fillPlaceholders(html: string): string {
  for (const placeholder of ['YOUR_CONFIGURATION_ID', 'https://api.us.nylas.com']) {
    assert.ok(html.includes(placeholder), `the example still has ${placeholder}`);
  }
  return html.replaceAll('YOUR_CONFIGURATION_ID', configurationId).replaceAll('https://api.us.nylas.com', api.url);
}

/** Builds examples/<name> with Vite's JS API (its own vite.config.ts), the API given as VITE_* env. */
async function buildExample(name: 'react' | 'vue', config: UserConfig): Promise<string> {
  const outDir = tempDir(name);
  await build(
    mergeConfig(config, {
      root: join(examples, name),
      configFile: false,
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true },
      define: {
        'import.meta.env.VITE_SCHEDULER_API_URL': JSON.stringify(api.url),
        'import.meta.env.VITE_SCHEDULER_CONFIGURATION_ID': JSON.stringify(configurationId),
      },
    } satisfies InlineConfig),
  );
  return outDir;
}

/** The static server maps no directory to its index.html, so `/` is given as a page. */
const serveBuilt = (outDir: string) =>
  serve({ root: outDir, pages: { '/': readFileSync(join(outDir, 'index.html'), 'utf8') } });

before(async () => {
  [api, browser, { PUBLIC_CONFIGURATION_ID: configurationId }] = await Promise.all([
    startApiProcess({ seed: 'demo', clock }),
    chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs }),
    import('../../server/seed.js'),
  ]);
});

after(async () => {
  await browser?.close();
  await Promise.all(servers.map((site) => site.close()));
  api?.stop();
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** The booking as the API stored it, with its additional fields (ui-settings with `booking_id`). */
async function storedBooking(bookingId: string) {
  const answer = await callApi(api, {
    path: `/v3/scheduling/ui-settings?configuration_id=${configurationId}&booking_id=${bookingId}`,
  });
  assert.equal(answer.status, 200, `booking ${bookingId} is stored`);
  return answer.body.data.booking as { guest: { email: string }; additional_fields: Record<string, string> };
}

/** A page that records console errors, uncaught errors and failed requests. */
async function openPage(): Promise<{ page: Page; problems: string[] }> {
  const page = await pinnedPage(browser, clock);
  const problems: string[] = [];
  // (Chromium's own /favicon.ico probe logs a 404 without a request event; real requests are below.)
  page.on(
    'console',
    (message) =>
      message.type() === 'error' &&
      !message.text().startsWith('Failed to load resource') &&
      problems.push(message.text()),
  );
  page.on('pageerror', (error) => problems.push(String(error)));
  page.on('requestfailed', (request) => problems.push(`failed: ${request.url()}`));
  page.on(
    'response',
    (response) => response.status() >= 400 && problems.push(`${response.status()}: ${response.url()}`),
  );
  return { page, problems };
}

/** Picks the first time; returns the Company field's value as the widget filled it in. */
async function pickSlot(page: Page): Promise<string> {
  const slot = page.locator('scheduler-widget button.slot').first();
  await slot.waitFor({ timeout: 15_000 });
  await slot.click();
  const company = page.getByLabel('Company');
  await company.waitFor();
  return company.inputValue();
}

/**
 * The example's page, end to end: the prefilled Company is in the form; booking without typing
 * anything succeeds; the page itself (light DOM, outside the widget) shows the booking id from the
 * `scheduler-booked` event; the API has that booking with the prefilled values.
 */
async function bookThroughExample(url: string) {
  const { page, problems } = await openPage();
  await page.goto(url);

  assert.equal(await pickSlot(page), COMPANY, 'the prefill property reached the widget');
  const fromEvent = page.evaluate(
    () =>
      new Promise<string>((done) =>
        document.addEventListener('scheduler-booked', (e) => done((e as CustomEvent).detail.booking_id), {
          once: true,
        }),
      ),
  );
  await page.getByRole('button', { name: 'Book' }).click();
  const bookingId = await fromEvent;

  // document.getElementById does not look into shadow roots: this is the app's own DOM.
  const shown = await page.waitForFunction(
    () => document.getElementById('booking-id')?.textContent?.trim() || false,
    null,
    {
      timeout: 10_000,
    },
  );
  assert.equal(await shown.jsonValue(), bookingId, 'the app rendered the booking id from scheduler-booked');

  const stored = await storedBooking(bookingId);
  assert.equal(stored.guest.email, GUEST_EMAIL, 'guest-email attribute');
  assert.equal(stored.additional_fields.company, COMPANY, 'prefill property');
  assert.deepEqual(problems, [], 'no console errors or failed requests');
  await page.close();
}

test(
  'React 19: prefill set as a property, onscheduler-booked listener updates React state',
  { timeout: 40_000 },
  async () => {
    const site = await serveBuilt(await buildExample('react', reactConfig));
    await bookThroughExample(site.url);
  },
);

test('Vue 3: .prefill DOM property, @scheduler-booked listener updates a ref', { timeout: 40_000 }, async () => {
  const site = await serveBuilt(await buildExample('vue', vueConfig));
  await bookThroughExample(site.url);
});

test(
  'plain HTML: ES module build with an import map, prefill property and scheduler-booked listener',
  { timeout: 30_000 },
  async () => {
    // The layout `npm install scheduler-widget` gives, served from the project root.
    const root = tempDir('html');
    const modules = join(root, 'node_modules');
    mkdirSync(join(modules, 'scheduler-widget'), { recursive: true });
    mkdirSync(join(modules, '@lit'));
    symlinkSync(join(repo, 'dist'), join(modules, 'scheduler-widget', 'dist'));
    for (const name of ['lit', 'lit-html', 'lit-element', '@lit/reactive-element'])
      symlinkSync(join(repo, 'node_modules', name), join(modules, name));
    const html = fillPlaceholders(readFileSync(join(examples, 'html/index.html'), 'utf8'));
    const site = await serve({ root, pages: { '/': html } });
    await bookThroughExample(site.url);
  },
);

test(
  'CMS custom HTML block: the widget folder uploaded whole and one module script tag pasted into a page books a slot',
  { timeout: 30_000 },
  async () => {
    const block = readFileSync(join(examples, 'cms-block.html'), 'utf8');
    assert.equal(block.match(/<script\b/g)?.length, 1, 'one script tag');
    assert.equal(block.match(/<scheduler-widget\b/g)?.length, 3, 'inline, popup and floating');
    const scriptSrc = /<script type="module" src="([^"]*\/scheduler-widget\/scheduler-widget\.js)"><\/script>/.exec(
      block,
    )?.[1];
    assert.ok(scriptSrc, 'a module script loading scheduler-widget/scheduler-widget.js');

    // The site's media library holds nothing but the uploaded folder.
    const root = tempDir('cms');
    cpSync(join(repo, WIDGET_FOLDER), join(root, 'scheduler-widget'), { recursive: true });
    const pasted = fillPlaceholders(block).replace(scriptSrc, '/scheduler-widget/scheduler-widget.js');
    const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Contact us – Example Co</title><link rel="icon" href="data:,"></head>
<body><header><nav><a href="/">Home</a></nav></header>
<article><h1>Contact us</h1><p>Pick a time that suits you.</p>
<div class="wp-block-html">
${pasted}
</div>
<p>Or write to hello@example.com.</p></article></body></html>`;
    const site = await serve({ root, pages: { '/': page } });

    const { page: tab, problems } = await openPage();
    const paths: string[] = [];
    tab.on('request', (request) => {
      if (!request.url().startsWith(site.url)) return;
      const path = new URL(request.url()).pathname;
      paths.push(chunkName(path) ?? path);
    });
    await tab.goto(site.url);
    assert.equal(await pickSlot(tab), '', 'nothing prefilled here');
    await tab.getByLabel('Name').fill('Cms Block');
    await tab.getByLabel('Email', { exact: false }).first().fill('cms@block.test');
    await tab.getByLabel('Company').fill('Pasted Ltd');
    const fromEvent = tab.evaluate(
      () =>
        new Promise<string>((done) =>
          document.addEventListener('scheduler-booked', (e) => done((e as CustomEvent).detail.booking_id), {
            once: true,
          }),
        ),
    );
    await tab.getByRole('button', { name: 'Book' }).click();
    const bookingId = await fromEvent;
    await tab.getByText('You are booked').waitFor();
    await tab.getByRole('link', { name: 'Schedule a demo in a popup' }).click();
    await tab.locator('#schedule-popup dialog[open] button.slot').first().waitFor();
    await tab.keyboard.press('Escape');
    await tab.getByRole('button', { name: 'Talk to us' }).click();
    await tab.locator('scheduler-widget[display=floating] dialog[open] button.slot').first().waitFor();

    const stored = await storedBooking(bookingId);
    assert.equal(stored.guest.email, 'cms@block.test');
    assert.equal(stored.additional_fields.company, 'Pasted Ltd');
    assert.deepEqual(
      [...new Set(paths)].sort(),
      ['/', '/scheduler-widget/scheduler-widget.js', 'details', 'outcome', 'popup', 'steps', 'writes'],
      'the page, the entry and its chunks from the folder, nothing else',
    );
    assert.deepEqual(problems, [], 'no console errors or failed requests');
    await tab.close();
  },
);
