// Defects each planted by hand that every other test let through: each test here fails when its
// defect comes back.
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/define.js';
import type { BookingInput, BookingResult, UiSettings } from '../../src/contract/guest.js';
import type { SchedulerWidget } from '../../src/scheduler-widget.js';
import { WidgetPage, createConfiguration, mount } from './helpers.js';

const UTC_EN_US = { timezone: 'UTC', locale: 'en-US' };
const faults = (rules: unknown[]) => executeServerCommand('faults', rules);
const proxyUrl = () => executeServerCommand<string, undefined>('fault-proxy-url');

/** The URLs the page fetches while `run` runs (what it sends; the answers may fail). */
async function fetchedDuring(run: () => Promise<unknown>): Promise<string[]> {
  const urls: string[] = [];
  const original = window.fetch;
  window.fetch = (input, init) => (
    urls.push(String(input instanceof Request ? input.url : input)),
    original(input, init)
  );
  try {
    await run();
  } finally {
    window.fetch = original;
  }
  return urls;
}

describe('what the suite would not notice before', () => {
  afterEach(() => faults([]));

  it('api-url with a path (a proxy at https://site.example/proxy) keeps the path', async () => {
    const configuration = await createConfiguration();
    for (const base of ['https://site.example/proxy', 'https://site.example/proxy/', '/proxy/api']) {
      const urls = await fetchedDuring(async () => {
        // Nothing answers there: the request fails (at the latest after the timeout), which is all this needs.
        const page = await mount({
          ...UTC_EN_US,
          'configuration-id': configuration.id,
          'api-url': base,
          'request-timeout': '2000',
        });
        await page.waitForError();
        page.el.remove();
      });
      const expected = new URL(`${base.replace(/\/$/, '')}/v3/scheduling/ui-settings`, location.href).href;
      expect(
        urls.some((url) => url.startsWith(`${expected}?`)),
        `${base}: asked ${urls.join(', ')}`,
      ).to.equal(true);
    }
  });

  it('locales-url with a path (and no trailing slash) loads the language from that folder', async () => {
    const configuration = await createConfiguration();
    // The dev server serves the language files at /src/i18n/locales/: a folder with a path.
    const page = await mount({
      ...UTC_EN_US,
      locale: 'de-DE',
      'configuration-id': configuration.id,
      'locales-url': `${location.origin}/src/i18n/locales`,
    });
    await page.slots.waitForTimes();
    await waitUntil(() => page.base()!.getAttribute('lang') === 'de-DE', 'German is shown');
    expect(page.text()).to.contain('Zeitzone');
  });

  it('request-timeout is applied: a request that never answers fails after it, far sooner than the default', async () => {
    const configuration = await createConfiguration();
    await faults([{ path: '^/v3/scheduling/ui-settings', action: 'hang' }]);
    const errored = new Promise<CustomEvent<{ type: string }>>((resolve) =>
      document.addEventListener('scheduler-error', (e) => resolve(e as CustomEvent), { once: true }),
    );
    // The default (15 s) is under the runner's limit (20 s): a bound far below both tells them apart.
    const bound = new Promise<'not in time'>((resolve) => setTimeout(() => resolve('not in time'), 4000));
    await mount({
      ...UTC_EN_US,
      'configuration-id': configuration.id,
      'api-url': await proxyUrl(),
      'request-timeout': '300',
    });
    const first = await Promise.race([errored, bound]);
    expect(first, 'the 300 ms request-timeout was not applied').not.to.equal('not in time');
    expect((first as CustomEvent<{ type: string }>).detail.type).to.equal('timeout');
  });

  it("a page's second prefill fills what is empty and never overwrites what the guest typed", async () => {
    const configuration = await createConfiguration({
      scheduler: {
        min_booking_notice: 0,
        additional_fields: {
          company: { label: 'Company', type: 'text', required: false },
          team: { label: 'Team', type: 'text', required: false },
        },
      },
    });
    const page = await mount({ ...UTC_EN_US, 'configuration-id': configuration.id, 'guest-name': 'Page Name' });
    page.el.prefill = { fields: { company: 'Page Co' } };
    await page.slots.pickTime();
    expect(page.input('Name').value).to.equal('Page Name');
    expect(page.input('Company').value).to.equal('Page Co');
    await page.form.fill({ Name: 'Typed Name', Company: 'Typed Co' });
    page.el.setAttribute('guest-name', 'Second Name');
    page.el.setAttribute('guest-email', 'second@page.test');
    page.el.prefill = { fields: { company: 'Second Co', team: 'Second Team' } };
    await page.settle();
    expect(page.input('Name').value).to.equal('Typed Name');
    expect(page.input('Company').value).to.equal('Typed Co');
    expect(page.input('Email').value, 'an empty field is filled').to.equal('second@page.test');
    expect(page.input('Team').value).to.equal('Second Team');
  });

  it('a language file that fails to load: English on screen, and English asked for the emails', async () => {
    const configuration = await createConfiguration();
    const warn = console.warn;
    console.warn = () => {};
    try {
      const page = await mount({
        ...UTC_EN_US,
        locale: 'de-DE',
        'configuration-id': configuration.id,
        'locales-url': `${location.origin}/no-such-folder-${Date.now()}/`,
      });
      await page.slots.pickTime();
      expect(page.text()).to.contain('Your details');
      await page.form.fill({ Name: 'Erik English', Email: 'erik@guest.test' });
      const request = oneEvent(page.el, 'scheduler-before-book');
      page.el.addEventListener('scheduler-before-book', (event) => event.preventDefault(), { once: true });
      page.form.submit();
      expect(
        ((await request) as CustomEvent<BookingInput>).detail.email_language,
        'the emails in the language the guest sees',
      ).to.equal('en');
    } finally {
      console.warn = warn;
    }
  });

  it('the .ics ends when the booking ends', async () => {
    const configuration = await createConfiguration({
      availability: { duration_minutes: 45, availability_rules: { availability_method: 'collective' } },
    });
    const page = await mount({ ...UTC_EN_US, 'configuration-id': configuration.id });
    const { start } = await page.slots.pickTime();
    await page.form.fill({ Name: 'Ida Ics', Email: 'ida@guest.test' });
    page.form.submit();
    await page.outcome.waitFor();
    const blobs: Blob[] = [];
    const create = URL.createObjectURL;
    const click = HTMLAnchorElement.prototype.click;
    URL.createObjectURL = (blob: Blob) => (blobs.push(blob), create(blob));
    HTMLAnchorElement.prototype.click = () => {};
    try {
      (await page.waitForControl('ics-button')).click();
    } finally {
      URL.createObjectURL = create;
      HTMLAnchorElement.prototype.click = click;
    }
    const text = await blobs[0]!.text();
    const stamp = (seconds: number) => new Date(seconds * 1000).toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
    expect(text).to.match(new RegExp(`DTSTART[^:\\r\\n]*:${stamp(start)}`));
    expect(text).to.match(new RegExp(`DTEND[^:\\r\\n]*:${stamp(start + 45 * 60)}`));
  });

  it('a pending booking (organizer confirmation) is told it awaits the organizer, not that it is booked', async () => {
    const configuration = await createConfiguration({
      event_booking: { title: 'Mentoring', booking_type: 'organizer-confirmation' },
    });
    const page = await mount({ ...UTC_EN_US, 'configuration-id': configuration.id });
    await page.slots.pickTime();
    await page.form.fill({ Name: 'Pia Pending', Email: 'pia@guest.test' });
    const done = oneEvent(page.el, 'scheduler-booked');
    page.form.submit();
    expect(((await done) as CustomEvent<BookingResult>).detail.status).to.equal('pending');
    await page.outcome.waitFor();
    expect(page.outcome.text())
      .to.contain('Booking requested')
      .and.to.contain('The organizer will confirm')
      .and.not.contain('You are booked');
  });

  it('"next month" moves on every month it is enabled, and is disabled on the last bookable month', async () => {
    const configuration = await createConfiguration({
      scheduler: { min_booking_notice: 0, available_days_in_future: 45 },
    });
    const page = await mount({ ...UTC_EN_US, 'configuration-id': configuration.id });
    await page.slots.waitForTimes();
    const title = () => page.$('[part~="month-title"]')!.textContent!.trim();
    const next = () =>
      page
        .$$<HTMLButtonElement>(
          '[part~="calendar-header"] [part~="nav-button"], [part~="calendar"] [part~="nav-button"]',
        )
        .at(-1)!;
    const lastMonth = new Date(Date.now() + 45 * 86400_000).toLocaleDateString('en-US', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    for (let step = 0; next().getAttribute('aria-disabled') !== 'true'; step++) {
      expect(step, 'next month stops somewhere').to.be.below(4);
      const before = title();
      next().click();
      await waitUntil(() => title() !== before, `an enabled "next month" on ${before} moves on`);
    }
    expect(title()).to.equal(lastMonth);
    next().click();
    await page.settle();
    expect(title()).to.equal(lastMonth);
  });
});

describe('answers sent ahead', () => {
  afterEach(() => faults([]));

  it('an answer sent ahead for a flow that was replaced meanwhile is not taken by it', async () => {
    const first = await createConfiguration({ name: 'First page' });
    const second = await createConfiguration({ name: 'Second page' });
    // The first configuration's answers come late: the widget is on the second one by then.
    await faults([{ path: `configuration_id=${first.id}`, action: 'delay', ms: 600, times: 10 }]);
    const el = document.createElement('scheduler-widget') as SchedulerWidget;
    for (const [name, value] of Object.entries({
      'api-url': await proxyUrl(),
      'configuration-id': first.id,
      locale: 'en-US',
    }))
      el.setAttribute(name, value);
    const ready: string[] = [];
    el.addEventListener('scheduler-ready', (event) =>
      ready.push((event as CustomEvent<UiSettings>).detail.configuration_id),
    );
    // The first configuration's answers, read to their end.
    const late: Array<Promise<unknown>> = [];
    const original = window.fetch;
    window.fetch = (input, init) => {
      const answer = original(input, init);
      if (String(input).includes(first.id)) late.push(answer.then((response) => response.clone().text()));
      return answer;
    };
    const page = new WidgetPage(el);
    try {
      // Attributes first, then on the page (as a page's HTML): the first requests are sent ahead.
      document.body.append(el);
      await el.updateComplete;
      expect(late.length, 'requests sent ahead for the first configuration').to.be.above(0);
      el.setAttribute('configuration-id', second.id);
      await page.slots.waitForTimes();
      await Promise.allSettled(late);
      // The flow takes an answer a task after it is read (the client's envelope check): then it must change nothing.
      await new Promise((resolve) => setTimeout(resolve));
      await page.settle();
      expect(ready).to.deep.equal([second.id]);
      expect(page.summary.title()).to.equal('Second page');
      expect(page.slots.times().length).to.be.above(0);
    } finally {
      window.fetch = original;
      el.remove();
    }
  });
});
