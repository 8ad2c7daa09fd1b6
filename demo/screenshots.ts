// Makes the README's pictures from the real built widget against the local API in headless
// Chromium: `npm run screenshots` (after `npm run build`). Writes demo/screenshots/*.png, each the
// states of one look side by side: times, the form after an empty submit, booked.
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../test/support/chromium.mjs';
import { startApiProcess } from '../test/support/api-process.mjs';
import { serveStatic } from '../test/support/static-server.mjs';
import { GROUP_CONFIGURATION_ID, PUBLIC_CONFIGURATION_ID } from '../server/seed.js';

type State = 'times' | 'form' | 'booked';
const ALL: State[] = ['times', 'form', 'booked'];

const shots: Array<{
  name: string;
  width: number;
  attributes: string;
  background: string;
  states: State[];
  configurationId?: string;
}> = [
  { name: 'light', width: 1024, attributes: 'theme="light" locale="en-US"', background: '#f6f7fb', states: ALL },
  {
    name: 'dark',
    width: 1024,
    attributes: 'theme="dark" locale="en-GB" timezone="Europe/Berlin"',
    background: '#0b0f17',
    states: ALL,
  },
  {
    name: 'narrow',
    width: 360,
    attributes: 'locale="ja-JP" timezone="Asia/Tokyo" hour-cycle="h12"',
    background: '#f6f7fb',
    states: ALL,
  },
  {
    name: 'rtl',
    width: 1024,
    attributes: 'locale="ar" timezone="Asia/Dubai"',
    background: '#f6f7fb',
    states: ['times', 'form'],
  },
  {
    name: 'week',
    width: 1024,
    attributes: 'theme="light" locale="en-US" layout="week"',
    background: '#f6f7fb',
    states: ['times'],
  },
  // The seeded group class: its sessions with seats left.
  {
    name: 'group',
    width: 1024,
    attributes: 'theme="light" locale="en-US"',
    background: '#f6f7fb',
    states: ['times'],
    configurationId: GROUP_CONFIGURATION_ID,
  },
];

const api = await startApiProcess({ seed: 'demo' });
const pages = Object.fromEntries(
  shots.map((shot) => [
    `/${shot.name}.html`,
    `<!doctype html><html><head><meta charset="utf-8"><script type="module" src="/scheduler-widget.js"></script>
<link rel="stylesheet" href="/${shot.name}.css"></head><body>
<scheduler-widget configuration-id="${shot.configurationId ?? PUBLIC_CONFIGURATION_ID}" api-url="${api.url}" ${shot.attributes}></scheduler-widget></body></html>`,
  ]),
);
for (const shot of shots)
  pages[`/${shot.name}.css`] =
    `body{margin:0;padding:16px;background:${shot.background};font-family:system-ui,sans-serif}`;
const site = await serveStatic({ root: 'dist/scheduler-widget', pages });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });

/** Brings the widget to a state (in order: times, then the form, then booked). */
async function reach(page: Page, state: State): Promise<void> {
  const widget = page.locator('scheduler-widget');
  if (state === 'form') {
    await widget.locator('button.slot').first().click();
    await widget.locator('form').waitFor();
    await widget.locator('button[type=submit]').click();
    await widget.locator('[part~=field-error]').first().waitFor();
  }
  if (state === 'booked') {
    await widget.locator('input[autocomplete=name]').fill('Ada Lovelace');
    await widget.locator('input[autocomplete=email]').fill('ada@example.com');
    for (const input of await widget
      .locator('form input[required][id^=field-]:not([type=checkbox]):not([type=radio])')
      .all())
      await input.fill('Analytical Engines');
    await widget.locator('button[type=submit]').click();
    await widget.locator('[part~=confirmation]').waitFor();
    await page.waitForTimeout(200);
  }
}

/** The states' pictures side by side, on the look's background. */
async function sideBySide(browser: Browser, pictures: Buffer[], background: string): Promise<Buffer> {
  const page = await browser.newPage({ viewport: { width: 400, height: 300 }, deviceScaleFactor: 1 });
  const images = pictures.map((png) => `<img src="data:image/png;base64,${png.toString('base64')}">`).join('');
  await page.setContent(
    `<body style="margin:0;background:${background}"><div style="display:inline-flex;gap:16px;padding:16px;align-items:start">${images}</div></body>`,
  );
  const picture = await page.locator('div').screenshot();
  await page.close();
  return picture;
}

try {
  mkdirSync('demo/screenshots', { recursive: true });
  for (const shot of shots) {
    const page = await browser.newPage({ viewport: { width: shot.width, height: 900 }, deviceScaleFactor: 1 });
    await page.goto(`${site.url}/${shot.name}.html`);
    await page.locator('scheduler-widget button.slot').first().waitFor();
    await page.waitForTimeout(300);
    const pictures: Buffer[] = [];
    for (const state of shot.states) {
      await reach(page, state);
      pictures.push(await page.locator('scheduler-widget').screenshot());
    }
    await page.close();
    const path = `demo/screenshots/${shot.name}.png`;
    writeFileSync(path, pictures.length > 1 ? await sideBySide(browser, pictures, shot.background) : pictures[0]!);
    console.log(path);
  }
} finally {
  await browser.close();
  await site.close();
  api.stop();
}
