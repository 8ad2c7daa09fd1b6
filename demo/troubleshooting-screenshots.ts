// Pictures for docs/troubleshooting.md: each owner mistake on a plain page that embeds the built
// folder (dist/scheduler-widget/), in headless Chromium against the local API: the guest's view on
// the left, the owner's console (every console line and scheduler-error of the page) on the right;
// and a booked screen with a long email address in a 300 px sidebar.
//   node --import tsx demo/troubleshooting-screenshots.ts [root] [suffix]
// `root` is the repository whose dist/ is served (default: this one); `suffix` names the files
// (default `after`): docs/troubleshooting/<case>-<suffix>.png. For "before" pictures, build an
// older commit in a temporary worktree and pass its path with the suffix `before`.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Page, type Route } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../test/support/chromium.mjs';
import { startApiProcess } from '../test/support/api-process.mjs';
import { serveStatic } from '../test/support/static-server.mjs';
import { refusedPortUrl } from '../test/support/fault-proxy.mjs';
import { e2eClock, pinnedPage } from '../test/support/e2e-clock.mjs';
import { PUBLIC_CONFIGURATION_ID } from '../server/seed.js';

const root = resolve(process.argv[2] ?? '.');
const suffix = process.argv[3] ?? 'after';
const out = resolve(import.meta.dirname, '../docs/troubleshooting');
mkdirSync(out, { recursive: true });

const clock = e2eClock();
const api = await startApiProcess({ seed: 'demo', clock });
const refused = await refusedPortUrl();
const script = '/dist/scheduler-widget/scheduler-widget.js';

const page = (widget: string, width = 420) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<script type="module" src="${script}"></script>
<style>body{margin:0;font-family:system-ui,sans-serif;display:flex;gap:16px;padding:16px;background:#f6f7fb}
#guest{width:${width}px;flex:none}#owner{flex:1;margin:0;padding:8px;background:#1e1e1e;color:#f0f0f0;font:12px/1.45 monospace;white-space:pre-wrap;min-height:200px}
#owner b{color:#9cdcfe}h2{font-size:14px;margin:0 0 8px}</style></head>
<body><div id="guest"><h2>Guest</h2>${widget}</div><pre id="owner"><b>Owner's console</b>\n</pre></body></html>`;

const cases: Array<{
  name: string;
  widget: string;
  setup?: (page: Page) => Promise<unknown>;
  act?: (page: Page) => Promise<void>;
  width?: number;
}> = [
  {
    name: 'missing-chunks',
    widget: `<scheduler-widget configuration-id="${PUBLIC_CONFIGURATION_ID}" api-url="${api.url}" timezone="UTC" theme="light"></scheduler-widget>`,
    // Only the entry uploaded: every other file of the folder answers 404.
    setup: (p) =>
      p.route(/\/scheduler-widget\/(?!scheduler-widget\.js).*\.js/, (route: Route) =>
        route.fulfill({ status: 404, body: 'not found' }),
      ),
    act: async (p) => {
      await p.locator('scheduler-widget button.slot').first().click();
      await p.locator('scheduler-widget [part~="error"]').waitFor();
    },
  },
  {
    name: 'missing-locales',
    widget: `<scheduler-widget configuration-id="${PUBLIC_CONFIGURATION_ID}" api-url="${api.url}" timezone="UTC" locale="de" theme="light"></scheduler-widget>`,
    setup: (p) => p.route(/\/locales\//, (route: Route) => route.fulfill({ status: 404, body: 'not found' })),
  },
  {
    name: 'no-api-url',
    widget: `<scheduler-widget configuration-id="${PUBLIC_CONFIGURATION_ID}" timezone="UTC" theme="light" request-timeout="3000"></scheduler-widget>`,
  },
  {
    name: 'api-down',
    widget: `<scheduler-widget configuration-id="${PUBLIC_CONFIGURATION_ID}" api-url="${refused}" timezone="UTC" theme="light"></scheduler-widget>`,
  },
  {
    name: 'wrong-configuration-id',
    widget: `<scheduler-widget configuration-id="00000000-0000-4000-8000-00000000dead" api-url="${api.url}" timezone="UTC" theme="light"></scheduler-widget>`,
  },
  {
    name: 'no-scheme',
    widget: `<scheduler-widget configuration-id="${PUBLIC_CONFIGURATION_ID}" api-url="${new URL(api.url).host}" timezone="UTC" theme="light"></scheduler-widget>`,
  },
  {
    name: 'sidebar-300px',
    width: 300,
    widget: `<scheduler-widget configuration-id="${PUBLIC_CONFIGURATION_ID}" api-url="${api.url}" timezone="UTC" theme="light" guest-name="Grace Guest" guest-email="firstname.lastname.department@company.io"></scheduler-widget>`,
    act: async (p) => {
      await p.locator('scheduler-widget button.slot').first().click();
      await p.getByLabel('Name').waitFor();
      await p.getByLabel('Company').fill('Sidebar Ltd');
      await p.locator('scheduler-widget button[type="submit"]').click();
      await p.locator('scheduler-widget [part~="confirmation"]').waitFor();
    },
  },
];

const site = await serveStatic({
  root,
  pages: Object.fromEntries(cases.map((c) => [`/${c.name}.html`, page(c.widget, c.width)])),
});
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
try {
  for (const c of cases) {
    const p = await pinnedPage(browser, clock);
    await p.setViewportSize({ width: 1100, height: 760 });
    // A string, not a function: tsx would add helpers the page does not have.
    await p.addInitScript(`document.addEventListener('scheduler-error', (event) => {
      const line = 'scheduler-error ' + JSON.stringify(event.detail) + '\\n';
      const show = () => document.getElementById('owner').append(line);
      if (document.getElementById('owner')) show(); else addEventListener('DOMContentLoaded', show);
    });`);
    await c.setup?.(p);
    const lines: string[] = [];
    p.on('console', (message) => lines.push(`[${message.type()}] ${message.text()}`));
    p.on('pageerror', (error) => lines.push(`[pageerror] ${error.message}`));
    await p.goto(`${site.url}/${c.name}.html`);
    await p
      .locator('scheduler-widget :is([part~="slot"], [part~="error"], [part~="confirmation"])')
      .first()
      .waitFor({ timeout: 20_000 });
    await c.act?.(p);
    // The owner's lines may come from a chunk loaded after the guest's view settles.
    await new Promise((done) => setTimeout(done, 1500));
    await p.evaluate(
      (text) => document.getElementById('owner')!.append(text),
      lines.filter((line) => !/Lit is in dev mode/.test(line)).join('\n') + '\n',
    );
    await p.screenshot({ path: `${out}/${c.name}-${suffix}.png`, fullPage: true });
    console.log(`${out}/${c.name}-${suffix}.png`);
    await p.close();
  }
} finally {
  await browser.close();
  await site.close();
  api.stop();
}
