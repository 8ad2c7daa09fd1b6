// A page on another origin calls the browser routes in headless Chromium with the headers Nylas's
// own web elements send (X-Source, X-Nylas-Web-Elements-Version, X-Nylas-Application-Public-Id):
// every preflight must let them through.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { serveStatic } from '../support/static-server.mjs';
import { assertOk, at, createConfiguration, startTestServer, type TestServer } from '../server/helpers.js';

let api: TestServer;
let site: Awaited<ReturnType<typeof serveStatic>>;
let browser: Browser;

before(async () => {
  api = await startTestServer();
  site = await serveStatic({
    root: 'demo',
    pages: { '/': '<!doctype html><title>Another origin</title><p>Elements page</p>' },
  });
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
});

after(async () => {
  await browser?.close();
  await site?.close();
  await api?.stop();
});

test('a cross-origin page sending Nylas web-element headers passes every preflight (public and session calls)', async () => {
  const configurationId = await createConfiguration(api);
  const privateId = await createConfiguration(api, { requires_session_auth: true });
  const session = assertOk(
    await api.call('/v3/scheduling/sessions', { method: 'POST', body: { configuration_id: privateId } }),
  );
  const page = await browser.newPage();
  await page.goto(site.url);
  assert.notEqual(new URL(site.url).origin, new URL(api.url).origin);

  // A string, not a function: the test's compiler would add helpers the page does not have.
  const script = `(async () => {
    const elementHeaders = {
      'X-Source': 'nylas-scheduling',
      'X-Nylas-Web-Elements-Version': '2.0.0',
      'X-Nylas-Application-Public-Id': 'app-public-id',
    };
    const call = (path, init = {}) =>
      fetch(${JSON.stringify(api.url)} + path, { ...init, headers: { ...elementHeaders, ...init.headers } }).then(
        (answer) => answer.status,
        (error) => String(error),
      );
    const pub = 'configuration_id=${configurationId}';
    const start = ${at(1, 9)};
    return [
      await call('/v3/scheduling/ui-settings?' + pub),
      await call('/v3/scheduling/availability?' + pub + '&start_time=' + start + '&end_time=' + (start + 86400)),
      await call('/v3/scheduling/bookings?' + pub, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ start_time: start + 3600, end_time: start + 5400, guest: { name: 'Cross Origin', email: 'cross@origin.test' } }),
      }),
      await call('/v3/scheduling/ui-settings', { headers: { Authorization: 'Bearer ${session.session_id}' } }),
    ];
  })()`;
  const statuses = await page.evaluate(script);
  assert.deepEqual(statuses, [200, 200, 200, 200]);
  await page.close();
});
