// The guest's main flows in Firefox and WebKit (Safari's engine), against the BUILT widget as a site
// owner embeds it (test/support/embed.mjs), on plain pages under a strict Content-Security-Policy,
// talking to the real local API: book, reschedule, cancel, a failure and its retry, the popup (a
// `data-scheduler-open` link and the floating button) and the week layout. Each flow checks what the
// guest sees and what the API stored.
//
// Firefox is Debian's firefox-esr over WebDriver BiDi; WebKit is Debian's WebKitWebDriver with its
// MiniBrowser on an Xvfb display (test/support/browsers.mjs). A browser that is not installed skips
// its tests with the reason, unless CI is set: there a missing browser fails.
//
// Time: the page's `Date.now()` is pinned as the API's is (e2e-clock.mjs), by a script the page
// loads before the widget (the CSP allows only same-origin scripts, and neither driver here has
// Playwright's init scripts), so the flows book the demo seed's times on any day and in any zone.
import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { callApi, startApiProcess } from '../support/api-process.mjs';
import { serveStatic } from '../support/static-server.mjs';
import { e2eClock } from '../support/e2e-clock.mjs';
import { pinClock } from '../support/pinned-clock.mjs';
import { startFaultProxy } from '../support/fault-proxy.mjs';
import { builtRoot, widgetScriptTags } from '../support/embed.mjs';
import { ENGINES, waitUntil, type Tab } from '../support/browsers.mjs';

const clock = e2eClock();
const TIMEOUT = 45_000;
let api: Awaited<ReturnType<typeof startApiProcess>>;
let proxy: Awaited<ReturnType<typeof startFaultProxy>>;
let site: Awaited<ReturnType<typeof serveStatic>>;

/** Loaded before the widget by every page: records what the guest's browser reports, and the widget's events. */
const RECORDER = `
window.__problems = [];
window.__events = [];
addEventListener('error', (e) => __problems.push('error: ' + e.message));
addEventListener('unhandledrejection', (e) => __problems.push('unhandled rejection: ' + e.reason + (e.reason && e.reason.stack ? ' at ' + e.reason.stack.split('\\n')[0] : '')));
document.addEventListener('securitypolicyviolation', (e) => __problems.push('CSP: ' + e.violatedDirective + ' ' + e.blockedURI));
const consoleError = console.error;
console.error = (...args) => { __problems.push('console.error: ' + args.join(' ')); consoleError.apply(console, args); };
for (const type of ['scheduler-slot-select', 'scheduler-booked', 'scheduler-rescheduled', 'scheduler-cancelled', 'scheduler-error', 'scheduler-open', 'scheduler-close']) {
  document.addEventListener(type, (e) => __events.push({ type, detail: JSON.parse(JSON.stringify(e.detail ?? null)) }));
}`;

before(async () => {
  api = await startApiProcess({ seed: 'demo', clock });
  proxy = await startFaultProxy(api.url);
  const { PUBLIC_CONFIGURATION_ID } = await import('../../server/seed.js');
  configurationId = PUBLIC_CONFIGURATION_ID;
  const head = `<meta charset="utf-8"><title>Book a call</title>
<script src="/site/clock.js"></script><script src="/site/recorder.js"></script>
${widgetScriptTags()}`;
  const page = (body: string) =>
    `<!doctype html>\n<html lang="en"><head>${head}</head>\n<body><main><h1>Book a call</h1>\n${body}\n</main></body></html>`;
  const widget = (attributes: string, apiUrl = api.url) =>
    `<scheduler-widget ${attributes} api-url="${apiUrl}" timezone="Europe/Paris"></scheduler-widget>`;
  const booking = `configuration-id="${PUBLIC_CONFIGURATION_ID}" guest-name="Cross Browser"`;
  site = await serveStatic({
    root: builtRoot,
    pages: {
      '/site/clock.js': `(${pinClock})(${clock.pinnedMs}, ${clock.originMs});`,
      '/site/recorder.js': RECORDER,
      '/site/book.html': page(widget(booking)),
      '/site/fault.html': page(widget(booking, proxy.url)),
      '/site/week.html': page(widget(`layout="week" ${booking}`)),
      // The seed's rescheduling_url and cancellation_url: /reschedule.html and /cancel.html on the page's site.
      '/reschedule.html': page(widget('mode="reschedule" booking-ref-param="booking_ref"')),
      '/cancel.html': page(widget('mode="cancel" booking-ref-param="booking_ref"')),
      '/site/popup.html': page(`<p><a href="#" data-scheduler-open="demo">Book a demo</a></p>
${widget(`id="demo" display="popup" ${booking}`)}
<scheduler-widget id="corner" display="floating" floating-label="Talk to us" configuration-id="${PUBLIC_CONFIGURATION_ID}" api-url="${api.url}" timezone="Europe/Paris"></scheduler-widget>`),
    },
    headers: {
      'Content-Security-Policy': `default-src 'none'; script-src 'self'; style-src 'self'; connect-src ${api.url} ${proxy.url}; img-src 'self'`,
    },
  });
});

after(async () => {
  await site?.close();
  await proxy?.close();
  api?.stop();
});

const W = 'scheduler-widget';

/** The text of a widget's shadow root, as shown. */
const shownText = (tab: Tab, host = W) =>
  tab.evaluate((h: string) => (document.querySelector(h)?.shadowRoot?.textContent ?? '').replace(/\s+/g, ' '), host);

async function waitForText(tab: Tab, pattern: RegExp, host = W, timeout = 15_000) {
  await waitUntil(async () => pattern.test(await shownText(tab, host)), `${pattern} in ${host}`, timeout);
}

const events = (tab: Tab, type: string) =>
  tab.evaluate(
    (t: string) =>
      (window as any).__events.filter((e: { type: string }) => e.type === t).map((e: { detail: unknown }) => e.detail),
    type,
  ) as Promise<any[]>;

/** The detail of the event `type` sent after the first `seen` of them (null for an event without one). */
async function nextEvent(tab: Tab, type: string, seen = 0) {
  const sent = await waitUntil(async () => {
    const all = await events(tab, type);
    return all.length > seen && { detail: all[seen] };
  }, `the event ${type}`);
  return sent.detail;
}

/** What the guest saw when a flow failed: every widget's text, the events and the problems, for the failure's message. */
async function seen(tab: Tab): Promise<string> {
  try {
    return JSON.stringify(
      await tab.evaluate(() => ({
        url: location.href,
        widgets: [...document.querySelectorAll('scheduler-widget')].map((el) =>
          (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim(),
        ),
        events: (window as any).__events?.map((e: { type: string }) => e.type),
        problems: (window as any).__problems,
      })),
      null,
      1,
    );
  } catch (error) {
    return `(the page did not answer: ${(error as Error).message})`;
  }
}

/** A flow whose failure says what the guest saw. */
function flow(fn: (t: TestContext) => Promise<void>, tab: () => Tab) {
  return async (t: TestContext) => {
    try {
      await fn(t);
    } catch (error) {
      (error as Error).message += `\n  the guest saw: ${await seen(tab())}`;
      throw error;
    }
  };
}

const problems = (tab: Tab) => tab.evaluate(() => (window as any).__problems) as Promise<string[]>;

let configurationId: string;

const storedBooking = async (id: string) => {
  const answer = await callApi(api, { path: `/v3/scheduling/bookings/${id}` });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body.data;
};

/** The booking's details as the API keeps them (the guest, the additional fields): ui-settings with its id. */
const storedDetails = async (id: string) => {
  const answer = await callApi(api, {
    path: `/v3/scheduling/ui-settings?configuration_id=${configurationId}&booking_id=${id}`,
  });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body.data.booking;
};

/** The start times the API offers now, for the weeks ahead. */
const freeTimes = async () => {
  const now = Math.floor((clock.pinnedMs + Date.now() - clock.originMs) / 1000); // the API's now
  const answer = await callApi(api, {
    path: `/v3/scheduling/availability?configuration_id=${configurationId}&start_time=${now}&end_time=${now + 20 * 86400}`,
  });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return (answer.body.data.time_slots as Array<{ start_time: number }>).map((slot) => slot.start_time);
};

/** Picks the first offered time (in Paris time, as the page asks); answers the slot the widget reported and its label. */
async function chooseFirstTime(tab: Tab, host = W, inner = 'button.slot') {
  const label = await waitUntil(
    () =>
      tab.evaluate(
        (h: string, i: string) =>
          [...(document.querySelector(h)?.shadowRoot?.querySelectorAll(i) ?? [])]
            .find((el) => el.getClientRects().length)
            ?.getAttribute('aria-label'),
        host,
        inner,
      ),
    `a time in ${host}`,
  );
  const before = (await events(tab, 'scheduler-slot-select')).length;
  await tab.click(host, inner);
  const { slot } = await nextEvent(tab, 'scheduler-slot-select', before);
  return { ...(slot as { start_time: number; end_time: number }), label: label as string };
}

/** Types the guest's details as a guest would and books; answers the booking the API stored. */
async function fillAndBook(tab: Tab, email: string, host = W) {
  await tab.type(host, '#name', 'Cross Browser');
  await tab.type(host, '#email', email);
  await tab.type(host, '#field-company', 'Cross Browser Ltd');
  const before = (await events(tab, 'scheduler-booked')).length;
  await tab.click(host, '[part~="submit-button"]');
  const booked = await nextEvent(tab, 'scheduler-booked', before);
  await waitForText(tab, /You are booked/, host);
  return storedBooking(booked.booking_id);
}

for (const [name, engine] of Object.entries(ENGINES)) {
  const missing = engine.missing();
  const skip =
    missing && !process.env.CI
      ? `${missing}: apt-get install -y ${engine.packages} to run these (under CI=true a missing browser fails)`
      : false;

  describe(`${engine.label}: the built widget's main flows`, { skip, timeout: 8 * TIMEOUT }, () => {
    if (missing) {
      test(`${engine.label} is installed`, () =>
        assert.fail(`${missing}; CI must install ${engine.packages} (.ci/run)`));
      return;
    }
    let browser: Awaited<ReturnType<typeof engine.launch>>;
    let tab: Tab;
    /** The booking made by the first test, rescheduled by the second and cancelled by the third. */
    let booked: { booking_id: string; start_time: number } | undefined;
    const it = (title: string, fn: (t: TestContext) => Promise<void>) =>
      test(
        title,
        { timeout: TIMEOUT },
        flow(fn, () => tab),
      );

    before(async () => {
      browser = await engine.launch();
      tab = await browser.newTab();
      console.log(`# ${engine.label}: ${browser.version}`);
    });
    after(async () => {
      await tab?.close();
      await browser?.close();
    });

    it(`${name}: books the first time on a plain page under a strict CSP; the API stores what the guest typed`, async () => {
      await tab.goto(`${site.url}/site/book.html`);
      const slot = await chooseFirstTime(tab);
      assert.match(slot.label, /Europe\/Paris/, 'times are shown in the page’s zone');
      await waitUntil(
        () => tab.evaluate(() => !!document.querySelector('scheduler-widget')!.shadowRoot!.querySelector('#name')),
        'the form',
      );
      assert.equal(
        await tab.evaluate(
          () =>
            (document.querySelector('scheduler-widget')!.shadowRoot!.querySelector('#name') as HTMLInputElement).value,
        ),
        'Cross Browser',
      );

      const stored = await fillAndBook(tab, `${name}-book@browsers.test`);
      assert.equal(stored.guest.email, `${name}-book@browsers.test`);
      assert.equal(stored.guest.name, 'Cross Browser');
      assert.equal((await storedDetails(stored.booking_id)).additional_fields.company, 'Cross Browser Ltd');
      assert.equal(stored.start_time, slot.start_time, 'the time clicked is the time booked');
      assert.equal(stored.status, 'booked');
      const days = (stored.start_time * 1000 - clock.pinnedMs) / 86_400_000;
      assert.ok(
        days > 0 && days < 7,
        `a time in the pinned week (the page's clock follows the API's), not ${days} days away`,
      );
      await waitForText(tab, new RegExp(`${name}-book@browsers\\.test`));
      booked = { booking_id: stored.booking_id, start_time: stored.start_time };
      assert.deepEqual(await problems(tab), [], 'no errors, no CSP violations');
      const hosts = await tab.evaluate(() =>
        [...new Set(performance.getEntriesByType('resource').map((entry) => new URL(entry.name).origin))].sort(),
      );
      assert.deepEqual(
        hosts,
        [api.url, site.url].sort(),
        'the widget (and its later files) talk only to the page and the API',
      );
    });

    it(`${name}: reschedules from the booked screen's link; the API moves the same booking`, async () => {
      assert.ok(booked, 'needs the booking of the test before');
      await tab.click(W, '[part~="reschedule-link"]');
      await waitUntil(
        async () => (await tab.evaluate(() => location.pathname)) === '/reschedule.html',
        'the reschedule page',
      );
      await tab.evaluate(() => document.readyState); // the new document answers
      // Its own time is offered, marked; another one is chosen.
      await waitUntil(
        () =>
          tab.evaluate(
            () =>
              !!document
                .querySelector('scheduler-widget')
                ?.shadowRoot?.querySelector('button.slot[aria-current="true"]'),
          ),
        'the booked time, marked',
      );
      const slot = await chooseFirstTime(tab, W, 'button.slot:not([aria-current="true"])');
      assert.notEqual(slot.start_time, booked.start_time);
      await tab.click(W, '[part~="submit-button"]');
      const moved = await nextEvent(tab, 'scheduler-rescheduled');
      await waitForText(tab, /Your booking was moved/);
      assert.equal(moved.booking_id, booked.booking_id);

      const stored = await storedBooking(booked.booking_id);
      assert.equal(stored.start_time, slot.start_time, 'the API holds the new time');
      assert.equal(stored.status, 'booked');
      booked = { booking_id: stored.booking_id, start_time: stored.start_time };
      assert.deepEqual(await problems(tab), []);
    });

    it(`${name}: cancels, a reason typed, from the cancel link; the API frees the time`, async () => {
      assert.ok(booked, 'needs the booking of the tests before');
      await tab.click(W, '[part~="cancel-link"]');
      await waitUntil(async () => (await tab.evaluate(() => location.pathname)) === '/cancel.html', 'the cancel page');
      await tab.type(W, '#reason', 'Cannot make it after all');
      await tab.click(W, '[part~="cancel-button"]');
      const cancelled = await nextEvent(tab, 'scheduler-cancelled');
      await waitForText(tab, /Your booking was cancelled/);
      assert.equal(cancelled.booking_id, booked.booking_id);

      assert.equal((await storedBooking(booked.booking_id)).status, 'cancelled');
      assert.ok((await freeTimes()).includes(booked.start_time), 'the time is offered again');
      assert.deepEqual(await problems(tab), []);
    });

    it(`${name}: (fault) the month's times dropped on the way: a message and a retry that shows them`, async () => {
      proxy.setRules([{ method: 'GET', path: '^/v3/scheduling/availability', action: 'drop', times: 100 }]);
      await tab.goto(`${site.url}/site/fault.html`);
      await waitUntil(
        () =>
          tab.evaluate(
            () => !!document.querySelector('scheduler-widget')!.shadowRoot!.querySelector('[part~="error"]'),
          ),
        'the error notice',
        20_000,
      );
      assert.equal(
        await tab.evaluate(
          () => document.querySelector('scheduler-widget')!.shadowRoot!.querySelectorAll('button.slot').length,
        ),
        0,
      );
      proxy.setRules([]);
      await tab.click(W, '[part~="retry-button"]');
      await chooseFirstTime(tab);
      const seen = await problems(tab);
      const explained = seen.filter((problem) =>
        /^console\.error: <scheduler-widget> api-url \S+ did not answer/.test(problem),
      );
      assert.equal(explained.length, 1, "the owner's console says once that the API did not answer");
      assert.deepEqual(
        seen.filter((problem) => !explained.includes(problem)),
        [],
        'no other errors',
      );
    });

    it(`${name}: (fault) a booking refused with 500: the guest is told, keeps what they typed, and the retry books`, async () => {
      proxy.setRules([{ method: 'POST', path: '^/v3/scheduling/bookings', action: 'status', status: 500 }]);
      await tab.goto(`${site.url}/site/fault.html`);
      const slot = await chooseFirstTime(tab);
      await tab.type(W, '#email', `${name}-retry@browsers.test`);
      await tab.type(W, '#field-company', 'Retry Ltd');
      await tab.click(W, '[part~="submit-button"]');
      await waitUntil(
        () =>
          tab.evaluate(
            () => !!document.querySelector('scheduler-widget')!.shadowRoot!.querySelector('[part~="error"]'),
          ),
        'the error notice',
        10_000,
      );
      assert.deepEqual(proxy.log().filter((line) => line.startsWith('POST')).length, 1, 'one booking sent, refused');
      const [notice, button] = await tab.evaluate(() =>
        ['[part~="error"]', '[part~="submit-button"]'].map((part) =>
          document.querySelector('scheduler-widget')!.shadowRoot!.querySelector(part)?.textContent?.trim(),
        ),
      );
      assert.ok(notice, 'a message');
      assert.doesNotMatch(button ?? '', /Booking…/, 'the button is not left at "Booking…"');
      assert.equal(
        await tab.evaluate(
          () =>
            (document.querySelector('scheduler-widget')!.shadowRoot!.querySelector('#email') as HTMLInputElement | null)
              ?.value ?? null,
        ),
        `${name}-retry@browsers.test`,
        'what the guest typed is still there',
      );

      await tab.click(W, '[part~="retry-button"]');
      const booked = await nextEvent(tab, 'scheduler-booked');
      await waitForText(tab, /You are booked/);
      const stored = await storedBooking(booked.booking_id);
      assert.equal(stored.guest.email, `${name}-retry@browsers.test`);
      assert.equal(stored.start_time, slot.start_time);
      assert.deepEqual(
        (await problems(tab)).filter((problem) => !/500|Internal Server Error/i.test(problem)),
        [],
        'no errors but the refused request',
      );
    });

    it(`${name}: the popup opens from a data-scheduler-open link and from the floating button, and books`, async () => {
      await tab.goto(`${site.url}/site/popup.html`);
      await waitUntil(
        () =>
          tab.evaluate(
            () => !!document.querySelector('#corner')!.shadowRoot?.querySelector('[part~="floating-button"]'),
          ),
        'the floating button',
      );
      assert.equal(
        await tab.evaluate(
          () =>
            getComputedStyle(document.querySelector('#corner')!.shadowRoot!.querySelector('[part~="floating-button"]')!)
              .position,
        ),
        'fixed',
      );
      await tab.click('a[data-scheduler-open]');
      await waitUntil(
        () => tab.evaluate(() => !!document.querySelector('#demo')!.shadowRoot!.querySelector('dialog[open]')),
        'the popup from the link',
      );
      assert.equal(
        await tab.evaluate(() =>
          document.querySelector('#demo')!.shadowRoot!.querySelector('dialog')!.matches(':modal'),
        ),
        true,
        'a modal dialog',
      );
      await chooseFirstTime(tab, '#demo');
      // Escape once the form shows. Closed while the form's part still loads, the step rendered after
      // focuses its heading inside the closed dialog (SchedulerWidget.updated) and WebKit then leaves
      // focus on <body>, not on the link: a widget bug, reported, not what this flow is about.
      await waitUntil(
        () => tab.evaluate(() => !!document.querySelector('#demo')!.shadowRoot!.querySelector('#name')),
        'the form in the popup',
      );
      await tab.press('Escape');
      // Focus goes back in the dialog's `close` event, a task after `open` turns false: wait for the
      // widget's scheduler-close, sent after it (reading focus as soon as `open` was false failed in WebKit).
      await nextEvent(tab, 'scheduler-close');
      assert.equal(
        await tab.evaluate(() => document.querySelector('#demo')!.shadowRoot!.querySelector('dialog')!.open),
        false,
        'the popup closed by Escape',
      );
      assert.equal(
        await tab.evaluate(() => document.activeElement?.textContent),
        'Book a demo',
        'focus back on the link',
      );

      await tab.click('#corner', '[part~="floating-button"]');
      await waitUntil(
        () => tab.evaluate(() => !!document.querySelector('#corner')!.shadowRoot!.querySelector('dialog[open]')),
        'the popup from the floating button',
      );
      const slot = await chooseFirstTime(tab, '#corner');
      const stored = await fillAndBook(tab, `${name}-popup@browsers.test`, '#corner');
      assert.equal(stored.start_time, slot.start_time);
      assert.equal(stored.guest.email, `${name}-popup@browsers.test`);
      assert.deepEqual(await problems(tab), []);
    });

    it(`${name}: the week layout shows its grid with its styles and books from it`, async () => {
      await tab.goto(`${site.url}/site/week.html`);
      await waitUntil(
        () =>
          tab.evaluate(
            () => !!document.querySelector('scheduler-widget')!.shadowRoot!.querySelector('[part~="week-grid"]'),
          ),
        'the week grid',
      );
      assert.equal(
        await tab.evaluate(
          () =>
            getComputedStyle(
              document.querySelector('scheduler-widget')!.shadowRoot!.querySelector('[part~="week-grid"]')!,
            ).tableLayout,
        ),
        'fixed',
        "the week part's styles apply",
      );
      const slot = await chooseFirstTime(tab, W, '[part~="week-grid"] [part~="slot"]');
      const stored = await fillAndBook(tab, `${name}-week@browsers.test`);
      assert.equal(stored.start_time, slot.start_time);
      assert.equal(stored.guest.email, `${name}-week@browsers.test`);
      assert.deepEqual(await problems(tab), []);
    });
  });
}
