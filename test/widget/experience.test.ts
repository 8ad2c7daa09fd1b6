import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/define.js';
import type { BookingInput, BookingResult } from '../../src/contract/guest.js';
import { WidgetPage, createConfiguration, mount, uniqueEmail } from './helpers.js';

/** The widget is in English (dates too) until a language's file has loaded, then in that language throughout. */
const languageShown = (page: WidgetPage, locale: string) =>
  waitUntil(() => page.base()?.getAttribute('lang') === locale, `the ${locale} language file loaded`);

const focused = (page: WidgetPage) => page.root.activeElement as HTMLElement | null;

describe('accessibility, keyboard, languages, theming', () => {
  it('every state passes axe: loading, calendar and times, form with errors, submitting, booked', async () => {
    const configuration = await createConfiguration({
      scheduler: {
        min_booking_notice: 0,
        additional_fields: { company: { label: 'Company', type: 'text', required: true } },
      },
    });
    const page = await mount({ 'configuration-id': configuration.id });
    await page.waitFor('[part~="skeleton"]');
    expect(page.announcement(), 'announced').to.contain('Loading');
    await expect(page.el, 'loading').to.be.accessible();

    (await page.slots.waitForTimes())[0].click();
    await page.form.waitFor();
    page.form.submit();
    await page.settle();
    expect(page.$$(':invalid').length, 'required fields flagged').to.be.greaterThan(0);
    await expect(page.el, 'form with errors').to.be.accessible();

    await page.type('Name', 'Axe Guest');
    await page.type('Email', 'axe@guest.test');
    await page.type('Company', 'Axe Inc');
    const booked = oneEvent(page.el, 'scheduler-booked');
    page.form.submit();
    await page.settle();
    expect(page.form.submitButton().disabled, 'submitting').to.equal(true);
    await expect(page.el, 'submitting').to.be.accessible();
    await booked;
    await page.outcome.waitFor();
    await expect(page.el, 'booked').to.be.accessible();
  });

  it('books by keyboard alone: calendar grid keys, slot, form, submit; focus follows each step', async () => {
    const configuration = await createConfiguration();
    const page = await mount({ 'configuration-id': configuration.id, timezone: 'UTC', locale: 'en-US' });
    await page.slots.waitForTimes();
    const [active, ...others] = page.calendar.activeDays();
    expect(others.length, 'one roving tab stop').to.equal(0);
    expect(active!.getAttribute('aria-selected')).to.equal('true');
    active!.focus();

    const day = () => focused(page)?.dataset.day;
    const start = day()!;
    await sendKeys({ press: 'ArrowRight' });
    await page.settle();
    const next = new Date(Date.parse(`${start}T00:00:00Z`) + 86400_000).toISOString().slice(0, 10);
    expect(day()).to.equal(next);
    await sendKeys({ press: 'ArrowLeft' });
    await page.settle();
    expect(day()).to.equal(start);
    await sendKeys({ press: 'PageDown' });
    await page.settle();
    await waitUntil(() => day()?.slice(0, 7) !== start.slice(0, 7), 'next month');
    await sendKeys({ press: 'PageUp' });
    await page.settle();
    await waitUntil(() => day() === start, 'back to the same day');
    expect(page.root.querySelector('[aria-current="date"]')).to.exist;

    await sendKeys({ press: 'Enter' });
    await page.settle();
    await sendKeys({ press: 'Tab' });
    // Tab walks from the grid to the first time (previous/next buttons come before the grid).
    await waitUntil(
      () => focused(page)?.classList.contains('slot'),
      `a time is focused, not ${focused(page)?.outerHTML}`,
    );
    expect(focused(page)!.getAttribute('aria-label')).to.match(/, UTC$/);
    await sendKeys({ press: 'Enter' });
    await page.form.waitFor();
    await waitUntil(() => focused(page)?.matches('h2'), 'focus moves to the new step heading');

    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Kim Keys' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'kim@guest.test' });
    const booked = oneEvent(page.el, 'scheduler-booked');
    await sendKeys({ press: 'Enter' });
    const { detail } = (await booked) as CustomEvent<BookingResult>;
    expect(detail.guest).to.deep.equal({ name: 'Kim Keys', email: 'kim@guest.test' });
    await waitUntil(() => focused(page)?.matches('h2'), 'focus on the booked heading');
  });

  it('late on the last day of a month with no times left, offers the next month that has times', async () => {
    // The tests' clock is pinned (web-test-runner.config.mjs) to 10:00 UTC on the 31st of a month.
    const now = new Date(Date.now());
    const tomorrow = new Date(now.getTime() + 86400_000);
    expect(tomorrow.getUTCDate(), 'the pinned clock is on the last day of a month').to.equal(1);
    const organizer = uniqueEmail('closing');
    const configuration = await createConfiguration(
      {
        participants: [
          {
            email: organizer,
            name: 'Olga Organizer',
            is_organizer: true,
            timezone: 'UTC',
            availability: {
              open_hours: [
                { days: [0, 1, 2, 3, 4, 5, 6], start: '0:00', end: `${now.getUTCHours()}:00`, timezone: 'UTC' },
              ],
            },
          },
        ],
      },
      organizer,
    );
    const page = await mount({ 'configuration-id': configuration.id, timezone: 'UTC', locale: 'en-US' });
    const month = (date: Date) => date.toLocaleDateString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
    const next = await page.waitFor<HTMLButtonElement>('[part~="next-available"]');
    expect(page.$('[part~="empty-month"]')!.textContent).to.contain(`No times are available in ${month(now)}`);
    expect(next.textContent!.trim()).to.equal(`Show ${month(tomorrow)}`);
    await expect(page.el).to.be.accessible();
    next.click();
    const [first] = await page.slots.waitForTimes();
    expect(page.calendar.selectedDay()!.dataset.day).to.equal(tomorrow.toISOString().slice(0, 10));
    expect(first.textContent!.trim()).to.equal('12:00 AM');
  });

  it('Japanese, 12-hour clock in Asia/Tokyo: strings, week start, times, and email_language', async () => {
    const configuration = await createConfiguration();
    const page = await mount({
      'configuration-id': configuration.id,
      locale: 'ja-JP',
      timezone: 'Asia/Tokyo',
      'hour-cycle': 'h12',
    });
    const slots = await page.slots.waitForTimes();
    await waitUntil(
      () => page.text().includes('タイムゾーン') || page.text().includes('時間帯'),
      `Japanese strings loaded: ${page.text().slice(0, 200)}`,
    );
    expect(slots[0].textContent!.trim()).to.match(/午前|午後/);
    expect(slots[0].getAttribute('aria-label')).to.contain('Asia/Tokyo');
    expect(page.calendar.weekdays()[0]).to.equal('日曜日');
    await expect(page.el).to.be.accessible();
    slots[0].click();
    await page.form.waitFor();
    const [name, email] = page.form.labels();
    await page.form.fill({ [name!]: '山田 花子', [email!]: 'hanako@guest.test' });
    const request = oneEvent(page.el, 'scheduler-before-book');
    page.form.submit();
    expect(((await request) as CustomEvent<BookingInput>).detail.email_language).to.equal('ja');
  });

  it('Arabic lays out right to left; German starts weeks on Monday; any string can be overridden', async () => {
    const configuration = await createConfiguration();
    const arabic = await mount({ 'configuration-id': configuration.id, locale: 'ar' });
    await arabic.slots.waitForTimes();
    await languageShown(arabic, 'ar');
    expect(arabic.base()!.getAttribute('dir')).to.equal('rtl');
    expect(getComputedStyle(arabic.calendar.el!).direction).to.equal('rtl');
    await expect(arabic.el).to.be.accessible();

    const german = await mount({ 'configuration-id': configuration.id, locale: 'de-DE' });
    await german.slots.waitForTimes();
    await languageShown(german, 'de-DE');
    expect(german.calendar.weekdays()[0]).to.equal('Montag');

    german.el.localization = { selectTime: 'Pick a moment', timesFor: 'Moments on {date}' };
    await german.settle();
    expect(german.text()).to.contain('Moments on');
  });

  it('theme: the page\'s light look by default, even on a dark system; "auto" follows the system', async () => {
    const configuration = await createConfiguration();
    await emulateMedia({ colorScheme: 'dark' });
    try {
      const page = await mount({ 'configuration-id': configuration.id });
      await page.slots.waitForTimes();
      expect(getComputedStyle(page.el).colorScheme, 'no near-black box on a light site').to.equal('light');
      expect(getComputedStyle(page.el).backgroundColor).to.equal('rgb(255, 255, 255)');
      page.el.setAttribute('theme', 'auto');
      await page.settle();
      expect(getComputedStyle(page.el).backgroundColor, "auto: the visitor's dark system").to.equal('rgb(18, 23, 34)');
      page.el.setAttribute('theme', 'dark');
      await emulateMedia({ colorScheme: 'light' });
      expect(getComputedStyle(page.el).backgroundColor, 'dark stays dark on a light system').to.equal(
        'rgb(18, 23, 34)',
      );
    } finally {
      await emulateMedia({ colorScheme: 'no-preference' });
    }
  });

  it('theme attribute forces dark, custom properties reach the parts, and the layout follows the widget width', async () => {
    const configuration = await createConfiguration();
    const page = await mount({ 'configuration-id': configuration.id, theme: 'dark' });
    page.el.style.setProperty('--scheduler-accent', 'rgb(255, 170, 200)');
    const slot = (await page.slots.waitForTimes())[0];
    expect(getComputedStyle(page.el).colorScheme).to.equal('dark');
    expect(getComputedStyle(slot).color).to.equal('rgb(255, 170, 200)');
    await expect(page.el).to.be.accessible();

    const columns = () => page.panelColumns();
    page.el.style.width = '900px';
    await page.settle();
    expect(columns(), 'two panels when wide').to.equal(2);
    page.el.style.width = '320px';
    await page.settle();
    expect(columns(), 'one panel when narrow').to.equal(1);
    await setViewport({ width: 320, height: 640 });
    try {
      expect(page.el.scrollWidth, 'no horizontal overflow at 320 px').to.be.at.most(320);
    } finally {
      await setViewport({ width: 1024, height: 768 });
    }
  });

  it('everything from the API stays inert text; only http(s) URLs become links or redirects (javascript: URLs faked into ui-settings: the local API refuses them)', async () => {
    const markup = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
    const configuration = await createConfiguration({
      event_booking: {
        title: `Title ${markup}`,
        description: `About ${markup}`,
        location: 'javascript:window.__xss=3',
      },
      scheduler: {
        min_booking_notice: 0,
        additional_fields: {
          pick: { label: `Label ${markup}`, type: 'dropdown', required: false, options: [`Option ${markup}`] },
        },
      },
    });
    const originalFetch = window.fetch;
    window.fetch = async (input, init) => {
      const answer = await originalFetch(input, init);
      if (!String(input instanceof Request ? input.url : input).includes('/ui-settings')) return answer;
      const body = await answer.json();
      Object.assign(body.data.scheduler, {
        confirmation_redirect_url: 'javascript:window.__xss=4',
        rescheduling_url: 'javascript:window.__xss=5',
      });
      return new Response(JSON.stringify(body), { status: answer.status, headers: answer.headers });
    };
    try {
      await hostileUrlsStayInert(configuration.id);
    } finally {
      window.fetch = originalFetch;
    }
  });

  async function hostileUrlsStayInert(configurationId: string) {
    const page = await mount({ 'configuration-id': configurationId });
    (await page.slots.waitForTimes())[0].click();
    await page.form.waitFor();
    expect(page.$('img'), 'no element made from API text').to.equal(null);
    expect(page.$('script')).to.equal(null);
    expect(page.text()).to.contain('<img src=x');
    expect(page.$('a'), 'a javascript: location is not a link').to.equal(null);
    await page.type('Name', 'Xena');
    await page.type('Email', 'xena@guest.test');
    const booked = oneEvent(page.el, 'scheduler-booked');
    page.form.submit();
    await booked;
    await page.outcome.waitFor();
    expect(page.$('[part~="reschedule-link"]'), 'no javascript: link').to.equal(null);
    // Nothing that could run later: no element carries an event-handler attribute, so no late
    // load or error event can run API text.
    expect(page.$$('[onerror], [onload], [onclick], [onmouseover]').length, 'no event-handler attributes').to.equal(0);
    expect((window as unknown as { __xss?: number }).__xss).to.equal(undefined);
  }
});
