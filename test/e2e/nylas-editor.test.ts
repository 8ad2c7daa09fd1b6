// Nylas's own `<nylas-scheduler-editor>` (@nylas/web-elements, its CDN build from node_modules) on a
// local page, pointed at the local API the way Nylas documents for a token from the host's own
// backend: a custom `nylasApiRequest` that calls `<api>/v3/grants/me/<path>` with the grant's access
// token (https://developer.nylas.com/docs/v3/scheduler/configure-authentication, custom auth).
// The test's "backend" mints that token with `client_credentials`; the editor lists the grant's
// configurations and an edit saved in it is read back over HTTP.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { callApi, startApiProcess } from '../support/api-process.mjs';
import { serveStatic } from '../support/static-server.mjs';
import { e2eClock, pinnedPage } from '../support/e2e-clock.mjs';
import { ORGANIZER_EMAIL, ORGANIZER_GRANT_ID } from '../../server/seed.js';

let api: Awaited<ReturnType<typeof startApiProcess>>;
let site: Awaited<ReturnType<typeof serveStatic>>;
let browser: Browser;
let configurationId: string;
const clock = e2eClock();
const TITLE = 'Made for Nylas editor';

/** The host page: Nylas's sample request wrapper, its user from tokeninfo, the token from the backend. */
function editorPage(apiUrl: string, accessToken: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Nylas editor</title>
<script type="module" src="/nylas-web-elements.esm.js"></script></head>
<body><main><nylas-scheduler-editor></nylas-scheduler-editor></main>
<script type="module">
class CustomIdentityRequestWrapper {
  constructor(accessToken, domain) { this.accessToken = accessToken; this.domain = domain; }
  async request(args) {
    try {
      const response = await fetch(this.domain + '/grants/me/' + args.path, {
        method: args.method,
        body: args.body === undefined ? undefined : JSON.stringify(args.body),
        headers: { ...args.headers, Authorization: 'Bearer ' + this.accessToken, 'Content-Type': 'application/json' },
      });
      return [await response.json(), null];
    } catch (error) {
      return [null, error];
    }
  }
  async currentUser() {
    const response = await fetch(this.domain + '/connect/tokeninfo?access_token=' + this.accessToken);
    const { data } = await response.json();
    return { id: data.sub, email: data.email, name: data.email, provider: 'google' };
  }
  async setDefaultAuthArgs(authArgs) { return authArgs; }
  async authenticationUrl() { return undefined; }
}
const editor = document.querySelector('nylas-scheduler-editor');
editor.mode = 'app';
editor.defaultLanguage = 'en'; // the test finds its Save button by its English name
editor.schedulerPreviewLink = location.origin + '/preview?config_id={config.id}';
editor.nylasApiRequest = new CustomIdentityRequestWrapper(${JSON.stringify(accessToken)}, '${apiUrl}/v3');
</script></body></html>`;
}

before(async () => {
  api = await startApiProcess({ seed: 'demo', clock });
  const created = await callApi(api, {
    method: 'POST',
    path: `/v3/grants/${ORGANIZER_GRANT_ID}/scheduling/configurations`,
    body: {
      participants: [
        {
          email: ORGANIZER_EMAIL,
          name: 'Ada',
          is_organizer: true,
          availability: {
            calendar_ids: ['primary'],
            open_hours: [{ days: [1, 2, 3, 4, 5], start: '9:00', end: '17:00', timezone: 'UTC' }],
          },
          booking: { calendar_id: 'primary' },
        },
      ],
      availability: { duration_minutes: 30 },
      event_booking: { title: TITLE },
    },
  });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  configurationId = created.body.data.id;
  const token = await fetch(`${api.url}/v3/connect/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'client_credentials',
      client_id: 'nylas-editor-e2e',
      client_secret: api.apiKey,
      grant_id: ORGANIZER_GRANT_ID,
    }),
  });
  assert.equal(token.status, 200);
  const { access_token } = (await token.json()) as { access_token: string };
  // The package exports no ./package.json: its root is found from its main entry (dist/index.cjs.js).
  const distDir = dirname(createRequire(import.meta.url).resolve('@nylas/web-elements'));
  site = await serveStatic({
    root: join(distDir, 'nylas-web-elements'),
    pages: { '/editor.html': editorPage(api.url, access_token) },
  });
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
});

after(async () => {
  await browser?.close();
  await site?.close();
  api?.stop();
});

test("Nylas's editor lists the grant's configurations and saves an edited title to the local API", async () => {
  const page = await pinnedPage(browser, clock);
  const refused: string[] = [];
  page.on('response', (response) => {
    if (response.url().startsWith(api.url) && response.status() >= 400) {
      refused.push(`${response.status()} ${response.request().method()} ${response.url()}`);
    }
  });
  await page.goto(`${site.url}/editor.html`);
  const row = page.locator('nylas-list-configurations tr', { hasText: TITLE });
  await row.waitFor({ timeout: 20_000 });
  await row.locator('button-component button').click();

  const title = page.locator('nylas-event-title [part~="net__title"]');
  await title.waitFor({ timeout: 15_000 });
  assert.equal((await title.textContent())?.trim(), TITLE);
  const edited = `${TITLE}, edited`;
  await title.click();
  await page.keyboard.press('End');
  await page.keyboard.type(', edited');
  const saved = page.waitForResponse(
    (response) =>
      response.request().method() === 'PUT' && response.url().endsWith(`/scheduling/configurations/${configurationId}`),
  );
  await page.getByRole('button', { name: 'Save changes' }).click();
  const savedResponse = await saved;
  assert.equal(savedResponse.status(), 200);

  const readBack = await callApi(api, {
    path: `/v3/grants/${ORGANIZER_GRANT_ID}/scheduling/configurations/${configurationId}`,
  });
  assert.equal(readBack.status, 200);
  assert.equal(readBack.body.data.event_booking.title, edited);
  assert.deepEqual(refused, []);
  await page.close();
});
