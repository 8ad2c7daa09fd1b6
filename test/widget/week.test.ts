import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import type { BookingResult } from '../../src/contract/guest.js';
import { WidgetPage, createConfiguration, getBooking, mount } from './helpers.js';

// The week layout (layout="week"), in Chromium against the real local API. Dates come from the
// pinned clock (web-test-runner.config.mjs: the 31st of a month, 10:00:05 UTC) and the booking
// window (30 days), never from the machine's date.
const DAY_MS = 86400_000;
const dayKey = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const addDays = (day: string, n: number) => dayKey(Date.parse(day) + n * DAY_MS);
const focused = (page: WidgetPage) => page.root.activeElement as HTMLElement | null;

async function press(page: WidgetPage, key: string): Promise<void> {
  await sendKeys({ press: key });
  await page.settle();
}

/** Waits until the focused cell is `cell` (a time button, or a day's "no times" cell). */
const focusIs = (page: WidgetPage, cell: () => HTMLElement | undefined, what: string) =>
  waitUntil(
    () => cell() && focused(page) === cell(),
    `focus on ${what}, not on ${focused(page)?.getAttribute('aria-label')}`,
  );

/** The availability requests the page has sent for a configuration, by their window's start. */
const availabilityStarts = (configurationId: string) =>
  performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name))
    .filter(
      (url) => url.pathname.endsWith('/availability') && url.searchParams.get('configuration_id') === configurationId,
    )
    .map((url) => url.searchParams.get('start_time'));

describe('week layout', () => {
  it('layout is "month" unless set: the month calendar, no week', async () => {
    const configuration = await createConfiguration();
    const page = await mount({ 'configuration-id': configuration.id });
    await page.slots.waitForTimes();
    expect(page.el.layout).to.equal('month');
    expect(page.calendar.el).to.exist;
    expect(page.week.el).to.equal(null);
  });

  it('books a time by keyboard alone: one tab stop, arrows between days and times, Home/End, PageDown/PageUp a week, Enter', async () => {
    const configuration = await createConfiguration();
    const page = await mount({
      'configuration-id': configuration.id,
      layout: 'week',
      timezone: 'UTC',
      locale: 'en-US',
    });
    await page.week.waitForWeek();
    expect(page.calendar.el, 'no month calendar').to.equal(null);
    const today = dayKey(Date.now());
    const days = page.week.days();
    expect(
      days.map((day) => new Date(day).getUTCDay()),
      'seven days from Sunday (en-US)',
    ).to.deep.equal([0, 1, 2, 3, 4, 5, 6]);
    expect(days).to.include(today);
    expect(page.week.dayNames()[days.indexOf(today)]).to.equal(
      `${new Date(today).toLocaleDateString('en-US', { timeZone: 'UTC', weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' })}, today`,
    );
    const [stop, ...others] = page.week.tabStops();
    expect(others.length, 'one roving tab stop').to.equal(0);
    expect(stop).to.equal(page.week.times(today)[0]);
    expect(stop!.getAttribute('aria-label'), 'time, date and zone').to.match(
      /^\d\d?:\d\d [AP]M, \w+day, .+ 20\d\d, UTC$/,
    );
    await expect(page.el).to.be.accessible();

    stop!.focus();
    await press(page, 'ArrowDown');
    await focusIs(page, () => page.week.times(today)[1], 'the second time of today');
    const tomorrow = addDays(today, 1);
    await press(page, 'ArrowRight');
    await focusIs(page, () => page.week.times(tomorrow)[1], 'the second time of tomorrow (the row is kept)');
    await press(page, 'ArrowLeft');
    await focusIs(page, () => page.week.times(today)[1], 'today again');

    await press(page, 'Home');
    await waitUntil(() => focused(page)?.dataset.day === days[0], "Home: the week's first day");
    if (days[0]! < today) {
      expect(focused(page)!.getAttribute('part'), 'a day before today has no times').to.equal('no-times');
      expect(focused(page)!.getAttribute('aria-disabled')).to.equal('true');
      expect(focused(page)!.getAttribute('aria-label')).to.match(/, no times$/);
    }
    // The pinned clock is on a month's last day: the week's last day is in the next month, which the flow now shows.
    const monthChanged = oneEvent(page.el, 'scheduler-month-change');
    await press(page, 'End');
    await waitUntil(() => focused(page)?.dataset.day === days[6], "End: the week's last day");
    expect((await monthChanged).detail.month).to.equal(days[6]!.slice(0, 7));

    const title = page.week.title();
    await press(page, 'PageDown');
    await waitUntil(() => focused(page)?.dataset.day === addDays(days[6]!, 7), 'PageDown: a week on');
    expect(page.week.days()[0]).to.equal(addDays(days[0]!, 7));
    expect(page.week.title()).to.not.equal(title);
    expect(page.week.tabStops().length).to.equal(1);
    await press(page, 'PageUp');
    await waitUntil(() => focused(page)?.dataset.day === days[6], 'PageUp: back a week');
    expect(page.week.title()).to.equal(title);

    for (let day = days[6]!; day > today; day = addDays(day, -1)) await press(page, 'ArrowLeft');
    await focusIs(page, () => page.week.times(today)[1], "today's second time, by ArrowLeft");
    const chosen = oneEvent(page.el, 'scheduler-slot-select');
    await sendKeys({ press: 'Enter' });
    const start = ((await chosen) as CustomEvent<{ slot: { start_time: number } }>).detail.slot.start_time;
    await page.form.waitFor();
    await waitUntil(() => focused(page)?.matches('h2'), "focus moves to the form's heading");
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Wendy Week' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'wendy@week.test' });
    const booked = oneEvent(page.el, 'scheduler-booked');
    await sendKeys({ press: 'Enter' });
    const { detail } = (await booked) as CustomEvent<BookingResult>;
    const stored = (await getBooking(detail.booking_id)).body.data;
    expect([stored.start_time, stored.guest.email]).to.deep.equal([start, 'wendy@week.test']);
  });

  it("next week across a month end shows the next month's times, each month fetched once; the booking window ends the weeks", async () => {
    const configuration = await createConfiguration();
    const page = await mount({
      'configuration-id': configuration.id,
      layout: 'week',
      timezone: 'UTC',
      locale: 'en-US',
    });
    await page.week.waitForWeek();
    const today = dayKey(Date.now());
    const lastDay = dayKey(Date.now() + 30 * DAY_MS);
    expect(addDays(today, 1).endsWith('-01'), 'the pinned clock is on the last day of a month').to.equal(true);
    const first = page.week.days();
    expect(page.week.navButton('previous').getAttribute('aria-disabled'), "no week before today's").to.equal('true');

    const next = page.week.navButton('next');
    expect(next.getAttribute('aria-label'), 'named by the dates of the week it shows').to.contain(
      new Date(addDays(first[0]!, 7)).toLocaleDateString('en-US', { timeZone: 'UTC', month: 'long', day: 'numeric' }),
    );
    next.click();
    await page.week.waitForWeek();
    const second = page.week.days();
    expect(second[0]).to.equal(addDays(first[0]!, 7));
    expect(
      second.every((day) => day.slice(0, 7) === addDays(today, 1).slice(0, 7)),
      'a week of the next month',
    ).to.equal(true);
    expect(page.week.times(second[0]).length, 'with its times').to.be.greaterThan(0);
    expect(page.week.title()).to.contain(
      new Date(second[0]!).toLocaleDateString('en-US', { timeZone: 'UTC', month: 'long' }),
    );
    await expect(page.el).to.be.accessible();

    let weeks = 1;
    while (page.week.navButton('next').getAttribute('aria-disabled') === 'false') {
      page.week.navButton('next').click();
      await page.week.waitForWeek();
      weeks++;
    }
    const last = page.week.days();
    expect(last, "the last week holds the booking window's last day").to.include(lastDay);
    expect(page.week.times(lastDay).length).to.be.greaterThan(0);
    for (const day of last.filter((day) => day > lastDay))
      expect(page.week.times(day), `${day} is past the window`).to.deep.equal([]);
    expect(weeks).to.equal(Math.round((Date.parse(last[0]!) - Date.parse(first[0]!)) / (7 * DAY_MS)));
    page.week.navButton('next').click();
    await page.settle();
    expect(page.week.days(), 'no week after the window').to.deep.equal(last);

    while (page.week.navButton('previous').getAttribute('aria-disabled') === 'false') {
      page.week.navButton('previous').click();
      await page.week.waitForWeek();
    }
    expect(page.week.days()).to.deep.equal(first);
    const starts = availabilityStarts(configuration.id);
    expect(starts.length, 'months were fetched').to.be.greaterThan(1);
    expect(new Set(starts).size, 'each month once, from the cache after').to.equal(starts.length);
  });

  it("times are in the guest's zone: Pacific/Kiritimati (UTC+14) is a day ahead; another zone regroups them", async () => {
    const configuration = await createConfiguration();
    const page = await mount({
      'configuration-id': configuration.id,
      layout: 'week',
      timezone: 'Pacific/Kiritimati',
      locale: 'en-US',
    });
    await page.week.waitForWeek();
    const localToday = dayKey(Date.now() + 14 * 3600_000);
    const [stop] = page.week.tabStops();
    expect(stop!.dataset.day).to.equal(localToday);
    // Open all day in UTC, from now on: the guest's first time is the next half hour after 10:00 UTC, in their zone.
    const firstStart = Math.ceil(Date.now() / 1800_000) * 1800_000;
    const time = new Date(firstStart).toLocaleTimeString('en-US', {
      timeZone: 'Pacific/Kiritimati',
      hour: 'numeric',
      minute: '2-digit',
    });
    expect(stop!.textContent!.trim()).to.equal(time);
    expect(stop!.getAttribute('aria-label')).to.match(/, Pacific\/Kiritimati$/);

    page.el.timezone = 'UTC';
    const utcFirst = () => page.week.times(dayKey(Date.now()))[0];
    await waitUntil(() => utcFirst()?.getAttribute('aria-label')?.endsWith(', UTC'), 'regrouped in UTC');
    expect(utcFirst()!.textContent!.trim()).to.equal(
      new Date(firstStart).toLocaleTimeString('en-US', { timeZone: 'UTC', hour: 'numeric', minute: '2-digit' }),
    );
  });

  it("the week's next month fails to load (503, fault injected): a notice with retry, and the retry shows its times", async () => {
    const configuration = await createConfiguration();
    // The next month's window starts at its first midnight (UTC): only its requests fail, until the faults are cleared.
    const nextMonthStart = Date.parse(`${addDays(dayKey(Date.now()), 1).slice(0, 7)}-01T00:00:00Z`) / 1000;
    await executeServerCommand('faults', [
      {
        path: `^/v3/scheduling/availability\\?.*start_time=${nextMonthStart}`,
        action: 'status',
        status: 503,
        times: 99,
      },
    ]);
    try {
      const apiUrl = await executeServerCommand<string, undefined>('fault-proxy-url');
      const page = await mount({
        'api-url': apiUrl,
        'configuration-id': configuration.id,
        layout: 'week',
        timezone: 'UTC',
        locale: 'en-US',
      });
      const notice = await page.waitForError();
      expect(page.week.el!.contains(notice), 'told in the week').to.equal(true);
      const nextMonthDays = page.week.days().filter((day) => Date.parse(day) / 1000 >= nextMonthStart);
      expect(nextMonthDays.length, 'the pinned week spans a month end').to.be.greaterThan(0);
      expect(
        nextMonthDays.flatMap((day) => page.week.times(day)),
        'no times shown for the failed month',
      ).to.deep.equal([]);
      await expect(page.el).to.be.accessible();
      // The flow also warms the next month when the browser is idle (failing too): let that be over before the retry.
      for (let i = 0; i < 3; i++) await new Promise((resolve) => requestIdleCallback(resolve));
      await page.waitForError();
      await executeServerCommand('faults', []);
      page.retryButton()!.click();
      await waitUntil(() => page.week.times(nextMonthDays[0]).length > 0, "the retry shows the month's times");
      expect(page.error()).to.equal(null);
    } finally {
      await executeServerCommand('faults', []);
    }
  });

  it('right to left (Arabic): columns run from the right, ArrowLeft is the next day and ArrowRight the previous', async () => {
    const configuration = await createConfiguration();
    const page = await mount({ 'configuration-id': configuration.id, layout: 'week', timezone: 'UTC', locale: 'ar' });
    await waitUntil(() => page.base()?.getAttribute('lang') === 'ar', 'the Arabic language file loaded');
    await page.week.waitForWeek();
    expect(getComputedStyle(page.week.el!).direction).to.equal('rtl');
    const headers = page.$$('[part~="week-day"]');
    expect(headers[0]!.getBoundingClientRect().left, 'the first day on the right').to.be.greaterThan(
      headers[6]!.getBoundingClientRect().left,
    );
    await expect(page.el).to.be.accessible();

    const today = dayKey(Date.now());
    const [stop] = page.week.tabStops();
    expect(stop!.dataset.day).to.equal(today);
    stop!.focus();
    await press(page, 'ArrowLeft');
    await waitUntil(() => focused(page)?.dataset.day === addDays(today, 1), 'ArrowLeft: the next day');
    await press(page, 'ArrowRight');
    await waitUntil(() => focused(page)?.dataset.day === today, 'ArrowRight: the previous day');
  });
});
