// Makes the README's pictures from the real built widget against the local API in headless
// Chromium: `npm run screenshots` (after `npm run build`). Writes demo/screenshots/*.png.
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../test/support/chromium.mjs';
import { startApiProcess } from '../test/support/api-process.mjs';
import { serveStatic } from '../test/support/static-server.mjs';
import { GROUP_CONFIGURATION_ID, PUBLIC_CONFIGURATION_ID } from '../server/seed.js';

const shots = [
  { name: 'light', width: 900, attributes: 'theme="light" locale="en-US"', background: '#f6f7fb' },
  { name: 'dark', width: 900, attributes: 'theme="dark" locale="en-GB" timezone="Europe/Berlin"', background: '#0b0f17' },
  { name: 'narrow', width: 340, attributes: 'locale="ja-JP" timezone="Asia/Tokyo" hour-cycle="h12"', background: '#f6f7fb' },
  { name: 'rtl', width: 900, attributes: 'locale="ar" timezone="Asia/Dubai"', background: '#f6f7fb' },
  { name: 'week', width: 900, attributes: 'theme="light" locale="en-US" layout="week"', background: '#f6f7fb' },
  // The seeded group class: its sessions with seats left.
  { name: 'group', width: 900, attributes: 'theme="light" locale="en-US"', background: '#f6f7fb', configurationId: GROUP_CONFIGURATION_ID },
];

const api = await startApiProcess({ seed: 'demo' });
const pages = Object.fromEntries(
  shots.map((shot) => [
    `/${shot.name}.html`,
    `<!doctype html><html><head><meta charset="utf-8"><script src="/scheduler-widget.iife.js"></script>
<link rel="stylesheet" href="/${shot.name}.css"></head><body>
<scheduler-widget configuration-id="${shot.configurationId ?? PUBLIC_CONFIGURATION_ID}" api-url="${api.url}" ${shot.attributes}></scheduler-widget></body></html>`,
  ]),
);
for (const shot of shots) pages[`/${shot.name}.css`] = `body{margin:0;padding:16px;background:${shot.background};font-family:system-ui,sans-serif}`;
const site = await serveStatic({ root: 'dist', pages });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
try {
  mkdirSync('demo/screenshots', { recursive: true });
  for (const shot of shots) {
    const page = await browser.newPage({ viewport: { width: shot.width, height: 700 }, deviceScaleFactor: 1 });
    await page.goto(`${site.url}/${shot.name}.html`);
    await page.locator('scheduler-widget button.slot').first().waitFor();
    await page.waitForTimeout(300);
    await page.locator('scheduler-widget').screenshot({ path: `demo/screenshots/${shot.name}.png` });
    await page.close();
    console.log(`demo/screenshots/${shot.name}.png`);
  }
} finally {
  await browser.close();
  await site.close();
  api.stop();
}
