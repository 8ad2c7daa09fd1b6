import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../src/define.js';
import fr from '../../src/i18n/locales/fr.js';
import {
  LOOKS,
  createConfiguration,
  lookName,
  mount,
  mountIn,
  stringsOf,
  uniqueEmail,
  type Look,
  type WidgetPage,
} from './helpers.js';

const WIDTHS = [1024, 360];

afterEach(() => setViewport({ width: 800, height: 600 }));

const rect = (element: Element) => element.getBoundingClientRect();

async function booking(page: WidgetPage): Promise<void> {
  await page.slots.pickTime();
  await page.form.fill({ Name: 'Vera Visual', Email: 'vera@guest.test' });
  const booked = oneEvent(page.el, 'scheduler-booked');
  page.form.submit();
  await booked;
  await page.outcome.waitFor();
}

/** A configuration whose times are all over for this month: open only before the pinned clock's hour, and this is the month's last day. */
function closingConfiguration() {
  const organizer = uniqueEmail('closing');
  const hour = new Date(Date.now()).getUTCHours();
  return createConfiguration(
    {
      participants: [
        {
          email: organizer,
          name: 'Olga Organizer',
          is_organizer: true,
          timezone: 'UTC',
          availability: {
            open_hours: [{ days: [0, 1, 2, 3, 4, 5, 6], start: '0:00', end: `${hour}:00`, timezone: 'UTC' }],
          },
        },
      ],
    },
    organizer,
  );
}

describe('visual polish', () => {
  for (const width of WIDTHS) {
    it(`at ${width} px: day cells stand apart (none touches its neighbour) and the selected one differs from the others`, async () => {
      await setViewport({ width, height: 900 });
      const configuration = await createConfiguration();
      const page = await mount({ 'configuration-id': configuration.id, timezone: 'UTC', locale: 'en-US' });
      await page.slots.waitForTimes();
      const days = page.$$('[part~="day"]:not([part~="outside"])');
      const pairs = days
        .slice(1)
        .map((day, i) => [days[i]!, day] as const)
        .filter(([a, b]) => rect(a).top === rect(b).top);
      expect(pairs.length, 'neighbours on a row').to.be.greaterThan(0);
      for (const [a, b] of pairs)
        expect(rect(b).left - rect(a).right, `${a.dataset.day} and ${b.dataset.day}`).to.be.at.least(2);
      const selected = page.calendar.selectedDay()!;
      const other =
        page.calendar.availableDays().find((day) => day !== selected) ?? days.find((day) => day !== selected)!;
      expect(getComputedStyle(selected).backgroundColor).not.to.equal(getComputedStyle(other).backgroundColor);
    });

    it(`at ${width} px: the first time's focus ring is inside the scrolling list, not clipped`, async () => {
      await setViewport({ width, height: 900 });
      const configuration = await createConfiguration();
      const page = await mount({ 'configuration-id': configuration.id, timezone: 'UTC', locale: 'en-US' });
      const [first] = await page.slots.waitForTimes();
      const list = page.$('[part~="slot-list"]')!;
      const ring = 4; // --scheduler-focus-ring's default: 2 px of background, 2 px of accent
      expect(rect(first!).top - rect(list).top, 'room above').to.be.at.least(ring);
      const start =
        getComputedStyle(list).direction === 'rtl'
          ? rect(list).right - rect(first!).right
          : rect(first!).left - rect(list).left;
      expect(start, 'room at the start').to.be.at.least(ring);
    });
  }

  it('at 1024 px "Times on …" sits on the line of the month title, on one line', async () => {
    await setViewport({ width: 1024, height: 900 });
    const configuration = await createConfiguration();
    const page = await mount({ 'configuration-id': configuration.id, timezone: 'UTC', locale: 'en-US' });
    await page.slots.waitForTimes();
    const heading = page.slots.heading()!;
    const title = page.$('[part~="month-title"]')!;
    const middle = (element: Element) => (rect(element).top + rect(element).bottom) / 2;
    expect(Math.abs(middle(heading) - middle(title)), 'the same line').to.be.at.most(2);
    expect(heading.scrollWidth, 'not cut').to.be.at.most(heading.clientWidth);
    expect(rect(heading).height, 'one line').to.be.below(parseFloat(getComputedStyle(heading).fontSize) * 3);
  });

  it('a month without times is a state of the times panel (no "Select a time" beside it)', async () => {
    const configuration = await closingConfiguration();
    const page = await mount({ 'configuration-id': configuration.id, timezone: 'UTC', locale: 'en-US' });
    await page.waitFor('[part~="next-available"]');
    expect(page.slots.el!.querySelector('[part~="empty-month"]'), 'in the times panel').to.exist;
    expect(page.slots.text()).not.to.contain('Select a time');
  });

  it('after booking: a mark of success, the booking in a card, and the actions in two groups with explicit labels', async () => {
    const configuration = await createConfiguration({
      scheduler: {
        min_booking_notice: 0,
        rescheduling_url: 'https://example.test/r/:booking_ref',
        cancellation_url: 'https://example.test/c/:booking_ref',
      },
    });
    const page = await mount({ 'configuration-id': configuration.id, timezone: 'UTC', locale: 'en-US' });
    await booking(page);
    expect(getComputedStyle(page.outcome.el!, '::before').content).to.equal('"✓"');
    const card = page.$('[part~="confirmation"] + [part~="summary"]')!;
    expect(getComputedStyle(card).borderTopStyle).to.equal('solid');
    const groups = page
      .$$('.actions')
      .map((group) => [...group.querySelectorAll('a, button')].map((action) => action.textContent!.trim()));
    expect(groups).to.deep.equal([
      ['Add to calendar (.ics)', 'Google Calendar', 'Outlook.com', 'Microsoft 365'],
      ['Reschedule', 'Cancel booking'],
    ]);
  });

  it('fieldsets are styled: no browser border around the additional guests, in dark mode either', async () => {
    const configuration = await createConfiguration();
    const page = await mount({ 'configuration-id': configuration.id, theme: 'dark' });
    await page.slots.pickTime();
    const fieldset = page.$('[part~="additional-guests"]')!;
    expect(getComputedStyle(fieldset).borderTopStyle).to.equal('none');
    expect(parseFloat(getComputedStyle(fieldset).paddingLeft)).to.equal(0);
  });

  it('the booking time is one range written alike, in French too (no "à 4:00 (04:00 – 04:30 …)")', async () => {
    const configuration = await createConfiguration();
    const page = await mount(
      { 'configuration-id': configuration.id, timezone: 'UTC', locale: 'fr' },
      { before: (el) => (el.language = fr) },
    );
    const { start } = await page.slots.pickTime();
    const when = [...page.$$('[part~="summary"] dt')].find((dt) => dt.textContent === fr.strings.when)!
      .nextElementSibling!.textContent!;
    const time = new Date(start * 1000).toISOString().slice(11, 16);
    expect(when.split(time).length - 1, `${time} once in "${when}"`).to.equal(1);
    expect(when).not.to.match(/ à /);
  });

  for (const look of LOOKS) {
    it(`an empty month and the booked screen in ${lookName(look)}: axe clean`, async () => {
      await checkEmptyMonth(look);
      const configuration = await createConfiguration({
        scheduler: {
          min_booking_notice: 0,
          rescheduling_url: 'https://example.test/r/:booking_ref',
          cancellation_url: 'https://example.test/c/:booking_ref',
        },
      });
      const page = await mountIn(look, { 'configuration-id': configuration.id });
      await page.slots.pickTime();
      const strings = stringsOf(look);
      await page.form.fill({ [strings.name]: 'Vera Visual', [strings.email]: 'vera@guest.test' });
      const booked = oneEvent(page.el, 'scheduler-booked');
      page.form.submit();
      await booked;
      await page.outcome.waitFor();
      expect(page.outcome.actions()).to.include(strings.cancelBooking);
      await expect(page.el, 'booked').to.be.accessible();
    });
  }
});

async function checkEmptyMonth(look: Look): Promise<void> {
  const configuration = await closingConfiguration();
  const page = await mountIn(look, { 'configuration-id': configuration.id });
  await page.waitFor('[part~="next-available"]');
  await waitUntil(() => page.slots.el!.querySelector('[part~="empty-month"]'));
  await expect(page.el, 'empty month').to.be.accessible();
}
