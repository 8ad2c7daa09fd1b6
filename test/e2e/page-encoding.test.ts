// The one-file script on a page served as windows-1252 (a classic script is decoded in the page's
// charset): it must read exactly as on a UTF-8 page, so the file is pure ASCII. Run after `npm run build`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { startApiProcess } from '../support/api-process.mjs';
import { serveStatic } from '../support/static-server.mjs';
import { e2eClock, pinnedPage } from '../support/e2e-clock.mjs';
import { WIDGET_FOLDER, widgetScriptTags } from '../support/embed.mjs';

const dist = resolve(import.meta.dirname, '../..', WIDGET_FOLDER);
let api: Awaited<ReturnType<typeof startApiProcess>>;
let browser: Browser;
const clock = e2eClock();
const sites: Array<Awaited<ReturnType<typeof serveStatic>>> = [];

before(async () => {
  [api, browser] = await Promise.all([
    startApiProcess({ seed: 'demo', clock }),
    chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs }),
  ]);
});

after(async () => {
  await browser?.close();
  await Promise.all(sites.map((site) => site.close()));
  api?.stop();
});

/** The widget's visible text once its times are shown, on a page served with the given charset. */
async function widgetText(charset: string, locale: string): Promise<string> {
  const { PUBLIC_CONFIGURATION_ID } = await import('../../server/seed.js');
  const html = `<!doctype html><html lang="${locale}"><head><title>Termin</title><link rel="icon" href="data:,">
${widgetScriptTags('')}</head>
<body><scheduler-widget configuration-id="${PUBLIC_CONFIGURATION_ID}" api-url="${api.url}" timezone="UTC"></scheduler-widget></body></html>`;
  const site = await serveStatic({
    root: dist,
    pages: { '/': html },
    headers: { 'Content-Type': `text/html; charset=${charset}` },
  });
  sites.push(site);
  const page = await pinnedPage(browser, clock);
  // The headers above are for the page; the script keeps no charset of its own, as on most hosts.
  await page.route('**/*.js', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-type': 'text/javascript' } });
  });
  await page.goto(site.url);
  assert.equal(await page.evaluate(() => document.characterSet), charset === 'utf-8' ? 'UTF-8' : 'windows-1252');
  await page.locator('scheduler-widget button.slot').first().waitFor({ timeout: 15_000 });
  // English shows until the page's language file has loaded: read the text once it is in that language.
  await page.locator(`scheduler-widget [part="base"][lang^="${locale}"]`).waitFor({ timeout: 15_000 });
  const text = await page.evaluate(() =>
    document.querySelector('scheduler-widget')!.shadowRoot!.textContent!.replace(/\s+/g, ' '),
  );
  // The chunks' prefetch may still be passing through the route.
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await page.close();
  return text;
}

test('every script of the widget folder is pure ASCII', () => {
  const files = readdirSync(dist).filter((file) => file.endsWith('.js'));
  assert.ok(files.length > 5, 'the entry, its chunks and the one-file copy');
  for (const file of files) {
    const code = readFileSync(join(dist, file), 'utf8');
    const outside = [...new Set(code.match(/[^\p{ASCII}]/gu) ?? [])];
    assert.deepEqual(outside, [], `${file}: characters outside ASCII`);
  }
});

test(
  'on a windows-1252 page the widget reads exactly as on a UTF-8 page (English and German)',
  { timeout: 60_000 },
  async () => {
    for (const locale of ['en', 'de']) {
      const utf8 = await widgetText('utf-8', locale);
      const legacy = await widgetText('windows-1252', locale);
      assert.match(utf8, /‹.+›/, 'the month navigation glyphs are there');
      assert.equal(legacy, utf8, `${locale}: same text`);
    }
  },
);
