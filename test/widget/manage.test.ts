import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { Availability, BookingResult } from '../../src/contract/guest.js';
import type { ConfigurationInput, LocalBooking } from '../../src/contract/admin.js';
import {
  BACKENDS,
  LOOKS,
  api,
  backendName,
  createConfiguration,
  failOnAbsentReads,
  getBooking,
  lookName,
  mount,
  mountIn,
  stringsOf,
  strippedFields,
} from './helpers.js';

async function freeSlots(configurationId: string): Promise<Array<{ start_time: number; end_time: number }>> {
  const now = Math.floor(Date.now() / 1000);
  const answer = await api<Availability>(
    'GET',
    `/v3/scheduling/availability?configuration_id=${configurationId}&start_time=${now}&end_time=${now + 20 * 86400}`,
  );
  return answer.body.data.time_slots;
}

/** A booking as the API key reads it: also the organizer's ref, the one a confirm link carries. */
type OrganizerBooking = LocalBooking & { organizer_booking_ref: string };

/** A configuration and a booking on it, made through the API (with the API key). */
async function booked(
  overrides: Partial<ConfigurationInput> = {},
  pickSlot: (slot: { start_time: number }) => boolean = () => true,
): Promise<{ configurationId: string; booking: OrganizerBooking }> {
  const configuration = await createConfiguration(overrides);
  const slot = (await freeSlots(configuration.id)).find(pickSlot)!;
  const answer = await api<OrganizerBooking>('POST', `/v3/scheduling/bookings?configuration_id=${configuration.id}`, {
    start_time: slot.start_time,
    end_time: slot.end_time,
    guest: { name: 'Rita Ref', email: 'rita@guest.test' },
  });
  expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
  return { configurationId: configuration.id, booking: answer.body.data };
}

/** What these pages show: times in UTC, in American English. */
const UTC_EN_US = { timezone: 'UTC', locale: 'en-US' };

const bytesOf = (ref: string) =>
  Uint8Array.from(atob(ref.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
const refOf = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

for (const backend of BACKENDS) {
  const strict = backend === 'strict';

  describe(`reschedule, cancel and confirm from booking refs against ${backendName(backend)}`, () => {
    if (strict) failOnAbsentReads();

    it('reschedules: offers its own time, PATCHes, shows the new time (and the old one when the API says it)', async () => {
      const { booking } = await booked();
      const page = await mount(
        { ...UTC_EN_US, ...UTC_EN_US, 'reschedule-booking-ref': booking.booking_ref },
        { backend },
      );
      await page.slots.waitForTimes();
      await expect(page.el).to.be.accessible();
      // Nylas's ui-settings do not say when the booking is: that screen then says less.
      expect(page.text().includes('When'), 'the current time, a local extension').to.equal(!strict);

      // Its own time counts as free: the current slot is offered again.
      const labels = page.slots.times().map((slot) => slot.getAttribute('aria-label'));
      const current = new Date(booking.start_time * 1000).toLocaleTimeString('en-US', {
        timeZone: 'UTC',
        hour: 'numeric',
        minute: '2-digit',
      });
      expect(labels.some((label) => label!.startsWith(current))).to.equal(true);

      const target = page.slots.times().find((slot) => !slot.getAttribute('aria-label')!.startsWith(current))!;
      const selected = oneEvent(page.el, 'scheduler-slot-select');
      target.click();
      const clicked = ((await selected) as CustomEvent<{ slot: { start_time: number } }>).detail.slot.start_time;
      await page.form.waitFor();
      // As Nylas's element: the form again, filled from the booking (what the move does not change: not editable).
      expect(page.input('Name').value).to.equal('Rita Ref');
      expect(page.input('Email').value).to.equal('rita@guest.test');
      expect(page.input('Name').matches(':disabled')).to.equal(true);
      const rescheduled = oneEvent(page.el, 'scheduler-rescheduled');
      page.form.submit();
      const { detail } = (await rescheduled) as CustomEvent<BookingResult>;
      expect(detail.booking_id).to.equal(booking.booking_id);
      expect(detail.start_time, 'the time clicked is the time booked').to.equal(clicked);
      expect(clicked).not.to.equal(booking.start_time);
      await page.outcome.waitFor();
      const newRange = new Intl.DateTimeFormat('en-US', {
        timeZone: 'UTC',
        hour: 'numeric',
        minute: '2-digit',
      }).formatRange(detail.start_time! * 1000, detail.end_time! * 1000);
      expect(page.text()).to.contain('Your booking was moved').and.to.contain(newRange);
      expect(page.text().includes('Previously')).to.equal(!strict);
      await expect(page.el).to.be.accessible();

      const stored = (await getBooking(booking.booking_id)).body.data;
      expect(stored.start_time).to.equal(clicked);
      expect(stored.event_id).to.equal(booking.event_id);
      if (strict)
        expect(await strippedFields()).to.include.members([
          'PATCH bookings/{id} data',
          'GET ui-settings booking.start_time',
          'GET ui-settings booking.status',
        ]);
    });

    it('cancels with a reason from a URL-encoded ref read from the page URL (booking-ref-param), and frees the time', async () => {
      const { configurationId, booking } = await booked({
        scheduler: { min_booking_notice: 0, cancellation_policy: 'Free cancellation until the day before.' },
      });
      const encoded = booking.booking_ref.replace(/./g, (c) => `%${c.charCodeAt(0).toString(16)}`);
      const original = location.href;
      history.replaceState(null, '', `?booking_ref=${encoded}`);
      try {
        const page = await mount(
          { ...UTC_EN_US, ...UTC_EN_US, mode: 'cancel', 'booking-ref-param': 'booking_ref' },
          { backend },
        );
        await page.waitForControl('cancel-button');
        expect(page.text()).to.contain('Free cancellation until the day before.');
        await expect(page.el).to.be.accessible();
        await page.type('Reason for cancelling', 'Double-booked');
        const cancelled = oneEvent(page.el, 'scheduler-cancelled');
        page.form.control('cancel-button')!.click();
        expect(((await cancelled) as CustomEvent<{ booking_id: string }>).detail.booking_id).to.equal(
          booking.booking_id,
        );
        await waitUntil(() => page.text().includes('Your booking was cancelled'));
        await expect(page.el).to.be.accessible();
      } finally {
        history.replaceState(null, '', original);
      }
      expect((await getBooking(booking.booking_id)).body.data.status).to.equal('cancelled');
      expect((await freeSlots(configurationId)).map((s) => s.start_time)).to.include(booking.start_time);
    });

    it('organizer confirms a pending booking', async () => {
      const { booking } = await booked({
        event_booking: { title: 'Mentoring', booking_type: 'organizer-confirmation' },
      });
      expect(booking.status).to.equal('pending');
      const page = await mount(
        { ...UTC_EN_US, ...UTC_EN_US, 'confirm-booking-ref': booking.organizer_booking_ref },
        { backend },
      );
      await page.waitForControl('confirm-button');
      expect(page.text()).to.contain('Rita Ref').and.to.contain('rita@guest.test');
      await expect(page.el).to.be.accessible();
      const confirmed = oneEvent(page.el, 'scheduler-confirmed');
      page.form.control('confirm-button')!.click();
      const { detail } = (await confirmed) as CustomEvent<BookingResult>;
      expect(detail).to.include({ booking_id: booking.booking_id, status: 'booked' });
      await waitUntil(() => page.text().includes('Booking confirmed'));
      expect((await getBooking(booking.booking_id)).body.data.status).to.equal('booked');
    });

    it('organizer declines a pending booking with a reason', async () => {
      const { booking } = await booked({
        event_booking: { title: 'Mentoring', booking_type: 'organizer-confirmation' },
      });
      const page = await mount(
        { ...UTC_EN_US, ...UTC_EN_US, 'confirm-booking-ref': booking.organizer_booking_ref },
        { backend },
      );
      await page.waitForControl('decline-button');
      await page.type('Reason for declining', 'Away that week');
      const declined = oneEvent(page.el, 'scheduler-declined');
      page.form.control('decline-button')!.click();
      expect(((await declined) as CustomEvent<BookingResult>).detail.booking_id).to.equal(booking.booking_id);
      await waitUntil(() => page.text().includes('Booking declined'));
      expect((await getBooking(booking.booking_id)).body.data.status).to.equal('cancelled');
    });

    it('after booking, offers reschedule and cancel links with the ref filled in, unless hidden', async () => {
      for (const hide of [false, true]) {
        const configuration = await createConfiguration({
          scheduler: {
            min_booking_notice: 0,
            rescheduling_url: 'https://example.test/reschedule?ref=:booking_ref',
            cancellation_url: `${location.origin}/cancel.html?booking_ref=:booking_ref`,
            hide_rescheduling_options: hide,
            hide_cancellation_options: hide,
          },
        });
        const page = await mount({ ...UTC_EN_US, ...UTC_EN_US, 'configuration-id': configuration.id }, { backend });
        (await page.slots.waitForTimes())[0].click();
        await page.form.waitFor();
        await page.type('Name', 'Link Guest');
        await page.type('Email', 'link@guest.test');
        const bookedEvent = oneEvent(page.el, 'scheduler-booked');
        page.form.submit();
        const { detail } = (await bookedEvent) as CustomEvent<BookingResult>;
        await page.outcome.waitFor();
        const reschedule = page.outcome.link('reschedule-link');
        const cancel = page.outcome.link('cancel-link');
        if (hide) {
          expect(reschedule).to.equal(null);
          expect(cancel).to.equal(null);
        } else {
          expect(reschedule!.href).to.equal(`https://example.test/reschedule?ref=${detail.booking_ref}`);
          expect(cancel!.href).to.equal(new URL(`/cancel.html?booking_ref=${detail.booking_ref}`, location.href).href);
        }
      }
    });
  });
}

describe('booking refs against the local API', () => {
  it('refuses to cancel inside min_cancellation_notice, clearly, and changes nothing', async () => {
    const { booking } = await booked({ scheduler: { min_booking_notice: 0, min_cancellation_notice: 60 * 24 * 60 } });
    const page = await mount({ ...UTC_EN_US, 'cancel-booking-ref': booking.booking_ref });
    await page.waitForControl('cancel-button');
    // The booking's time is known here: the widget tells the guest before sending (as Nylas's element).
    await page.expectError({ type: 'cancellation_notice' }, 'starts too soon to be cancelled', () =>
      page.form.control('cancel-button')!.click(),
    );
    expect(page.error()!.textContent, 'a refused cancel is not called a failed booking').not.to.contain(
      'booking could not be made',
    );
    expect((await getBooking(booking.booking_id)).body.data.status).to.equal('booked');
  });

  it("without the booking's time (Nylas's ui-settings without event_data.when), the API's refusal is shown", async () => {
    const { booking } = await booked({ scheduler: { min_booking_notice: 0, min_cancellation_notice: 60 * 24 * 60 } });
    const page = await mount({ ...UTC_EN_US, 'cancel-booking-ref': booking.booking_ref }, { backend: 'strict' });
    await page.waitForControl('cancel-button');
    await page.expectError({ type: 'invalid_request_error' }, 'can be changed only up to', () =>
      page.form.control('cancel-button')!.click(),
    );
    expect((await getBooking(booking.booking_id)).body.data.status).to.equal('booked');
  });

  it('a wrong salt is refused clearly and confirms nothing', async () => {
    const { booking } = await booked({ event_booking: { title: 'Mentoring', booking_type: 'organizer-confirmation' } });
    const bytes = bytesOf(booking.organizer_booking_ref);
    bytes[bytes.length - 1]! ^= 0xff;
    const page = await mount({ ...UTC_EN_US, 'confirm-booking-ref': refOf(bytes) });
    await page.waitForControl('confirm-button');
    await page.expectError({ type: 'invalid_request_error' }, 'salt does not match', () =>
      page.form.control('confirm-button')!.click(),
    );
    expect((await getBooking(booking.booking_id)).body.data.status).to.equal('pending');
  });

  it('a truncated or garbled ref says the link is not valid, without asking the API', async () => {
    const { booking } = await booked();
    const errors: string[] = [];
    const record = (event: Event) => errors.push((event as CustomEvent<{ type: string }>).detail.type);
    document.addEventListener('scheduler-error', record);
    const originalFetch = window.fetch;
    let requests = 0;
    window.fetch = (...args) => (requests++, originalFetch(...args));
    try {
      for (const ref of [booking.booking_ref.slice(0, 20), 'not a ref!', '%E0%A4%A']) {
        const page = await mount({ ...UTC_EN_US, 'reschedule-booking-ref': ref });
        await waitUntil(() => page.text().includes('link is not valid'));
        await expect(page.el).to.be.accessible();
      }
    } finally {
      document.removeEventListener('scheduler-error', record);
      window.fetch = originalFetch;
    }
    expect(errors).to.deep.equal(['invalid_ref', 'invalid_ref', 'invalid_ref']);
    expect(requests).to.equal(0);
  });

  it("a ref of another configuration than the page's configuration-id is refused: no request, a calm message, scheduler-error and a console note", async () => {
    // The owner's cancel page, and a valid ref of someone else's configuration on the same API.
    const { booking, configurationId } = await booked();
    const pageConfiguration = await createConfiguration();
    const errors: Array<{ type: string; message: string }> = [];
    const record = (event: Event) => errors.push((event as CustomEvent<{ type: string; message: string }>).detail);
    document.addEventListener('scheduler-error', record);
    const originalFetch = window.fetch;
    const originalError = console.error;
    const logged: string[] = [];
    let requests = 0;
    window.fetch = (...args) => (requests++, originalFetch(...args));
    console.error = (...args: unknown[]) => logged.push(args.join(' '));
    try {
      for (const attribute of ['cancel-booking-ref', 'reschedule-booking-ref', 'confirm-booking-ref']) {
        const widget = await mount({
          ...UTC_EN_US,
          'configuration-id': pageConfiguration.id,
          [attribute]: booking.booking_ref,
        });
        await waitUntil(() => widget.text().includes('link is not valid'), attribute);
        await expect(widget.el).to.be.accessible();
      }
    } finally {
      document.removeEventListener('scheduler-error', record);
      window.fetch = originalFetch;
      console.error = originalError;
    }
    expect(requests, 'nothing asked of the API, least of all of the other configuration').to.equal(0);
    expect(errors.map((error) => error.type)).to.deep.equal(['invalid_ref', 'invalid_ref', 'invalid_ref']);
    expect(errors[0]!.message).to.contain('configuration-id');
    expect(logged.filter((line) => line.includes('configuration-id')).length).to.equal(3);
    // The same ref on a page of its own configuration (or naming none) still works.
    const own = await mount({
      ...UTC_EN_US,
      'configuration-id': configurationId,
      'cancel-booking-ref': booking.booking_ref,
    });
    await own.waitForControl('cancel-button');
  });

  it('a foreign ref (another configuration) finds nothing and changes nothing', async () => {
    const { booking } = await booked();
    const other = await createConfiguration();
    const bytes = bytesOf(booking.booking_ref);
    bytes.set(
      Uint8Array.from(
        other.id
          .replace(/-/g, '')
          .match(/../g)!
          .map((h) => parseInt(h, 16)),
      ),
      0,
    );
    const page = await mount({ ...UTC_EN_US, 'cancel-booking-ref': refOf(bytes) });
    await page.expectError({ status: 404 });
    expect((await getBooking(booking.booking_id)).body.data.status).to.equal('booked');
  });

  it('a cancelled booking can be neither rescheduled nor confirmed, and every page says it was cancelled', async () => {
    const { booking } = await booked({ event_booking: { title: 'Mentoring', booking_type: 'organizer-confirmation' } });
    expect((await api('DELETE', `/v3/scheduling/bookings/${booking.booking_id}`, {})).status).to.equal(200);
    const reschedule = await mount({ ...UTC_EN_US, 'reschedule-booking-ref': booking.booking_ref });
    await waitUntil(() => reschedule.text().includes('This booking has been cancelled.'));
    expect(reschedule.slots.el, 'no times offered').to.equal(null);
    const confirm = await mount({ ...UTC_EN_US, 'confirm-booking-ref': booking.organizer_booking_ref });
    await waitUntil(() => confirm.text().includes('This booking has been cancelled.'));
    expect(confirm.$('[part~="confirm-button"]')).to.equal(null);
  });
});

/** A booking three days ahead, in the next month (the tests' clock is pinned to the 31st): not the first day with times. */
function bookedLater() {
  const later = Math.floor(Date.now() / 1000) + 3 * 86400;
  return booked({}, (slot) => slot.start_time >= later);
}

const dayOf = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);

describe('manage flows that read well (local API)', () => {
  it('reschedule opens on the booked day with the booked time marked, and the confirm step shows from → to', async () => {
    const { booking } = await bookedLater();
    const page = await mount({ ...UTC_EN_US, 'reschedule-booking-ref': booking.booking_ref });
    await page.slots.waitForTimes();
    expect(dayOf(booking.start_time), 'booked in the next month').to.match(/-02-/);
    expect(page.calendar.selectedDay()!.dataset.day, 'the booked day, not the first free one').to.equal(
      dayOf(booking.start_time),
    );
    const marked = page.slots.bookedTime()!;
    expect(marked.getAttribute('aria-label')).to.match(/your booking/);
    expect(marked.textContent).to.contain('your booking');
    expect(page.$$('[part~="slot"][aria-current]')).to.have.length(1);

    const range = (start: number, end: number) =>
      new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', hour: 'numeric', minute: '2-digit' }).formatRange(
        start * 1000,
        end * 1000,
      );
    const other = page.slots.times().find((slot) => slot !== marked)!;
    const { start } = await page.slots.pickTime(other);
    const rows = [...page.$$('[part~="summary"] dt')].map((dt) => [
      dt.textContent!.trim(),
      dt.nextElementSibling!.textContent!.trim(),
    ]);
    const previously = rows.findIndex(([name]) => name === 'Previously');
    const when = rows.findIndex(([name]) => name === 'When');
    expect(previously, 'the old time first').to.be.greaterThan(-1).and.lessThan(when);
    expect(rows[previously]![1]).to.contain(range(booking.start_time, booking.end_time));
    expect(rows[when]![1]).to.contain(range(start, start + 1800));
    expect(page.$('[part~="summary"] s')!.textContent).to.contain(range(booking.start_time, booking.end_time));
  });

  it('after cancelling: says what was cancelled and offers "Book another time", which opens the same configuration for a new booking', async () => {
    const { configurationId, booking } = await booked();
    const page = await mount({ ...UTC_EN_US, 'cancel-booking-ref': booking.booking_ref });
    (await page.waitForControl('cancel-button')).click();
    await waitUntil(() => page.outcome.bookAgainButton(), 'book again offered');
    const when = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', hour: 'numeric', minute: '2-digit' }).formatRange(
      booking.start_time * 1000,
      booking.end_time * 1000,
    );
    expect(page.text()).to.contain('Your booking was cancelled').and.to.contain(when);
    expect(page.outcome.actions()).to.deep.equal(['Book another time']);
    const ready = oneEvent(page.el, 'scheduler-ready');
    page.outcome.bookAgainButton()!.click();
    expect((await ready).detail.configuration_id).to.equal(configurationId);
    await page.slots.pickTime();
    await page.form.fill({ Name: 'Again', Email: 'again@guest.test' });
    const again = oneEvent(page.el, 'scheduler-booked');
    page.form.submit();
    expect(((await again) as CustomEvent<BookingResult>).detail.guest).to.deep.equal({
      name: 'Again',
      email: 'again@guest.test',
    });
  });

  it('a booking already cancelled reads the same on the reschedule and the cancel page', async () => {
    const { booking } = await booked();
    expect((await api('DELETE', `/v3/scheduling/bookings/${booking.booking_id}`, {})).status).to.equal(200);
    const pages = [
      await mount({ ...UTC_EN_US, 'reschedule-booking-ref': booking.booking_ref }),
      await mount({ ...UTC_EN_US, 'cancel-booking-ref': booking.booking_ref }),
    ];
    for (const page of pages) await waitUntil(() => page.outcome.bookAgainButton(), 'the cancelled screen');
    const [reschedule, cancel] = pages.map(
      (page) => page.outcome.text() + page.$('[part~="summary"]')!.textContent!.replace(/\s+/g, ' '),
    );
    expect(reschedule).to.equal(cancel);
    expect(reschedule).to.contain('This booking has been cancelled.');
  });

  it("the organizer's confirmed screen offers no guest action (.ics, calendar links, Reschedule, Cancel booking)", async () => {
    const { booking } = await booked({
      event_booking: { title: 'Mentoring', booking_type: 'organizer-confirmation' },
      scheduler: {
        min_booking_notice: 0,
        rescheduling_url: 'https://example.test/r/:booking_ref',
        cancellation_url: 'https://example.test/c/:booking_ref',
      },
    });
    const page = await mount({ ...UTC_EN_US, 'confirm-booking-ref': booking.organizer_booking_ref });
    (await page.waitForControl('confirm-button')).click();
    await waitUntil(() => page.text().includes('Booking confirmed'));
    expect(page.outcome.actions()).to.deep.equal([]);
    expect(
      page.$('[part~="ics-button"], [part~="calendar-link"], [part~="reschedule-link"], [part~="cancel-link"]'),
    ).to.equal(null);
  });

  for (const look of LOOKS) {
    it(`reschedule (booked time marked, from → to) and cancelled screens in ${lookName(look)}: axe clean`, async () => {
      const { booking } = await bookedLater();
      const page = await mountIn(look, { 'reschedule-booking-ref': booking.booking_ref });
      await page.slots.waitForTimes();
      expect(page.slots.bookedTime()!.textContent).to.contain(stringsOf(look).bookedTime);
      await expect(page.el, 'booked time marked').to.be.accessible();
      await page.slots.pickTime(page.slots.times().find((slot) => slot !== page.slots.bookedTime())!);
      expect(page.$('[part~="summary"] s')).to.exist;
      await expect(page.el, 'from → to').to.be.accessible();

      const cancel = await mountIn(look, { 'cancel-booking-ref': booking.booking_ref });
      (await cancel.waitForControl('cancel-button')).click();
      await waitUntil(() => cancel.outcome.bookAgainButton(), 'cancelled');
      expect(cancel.outcome.bookAgainButton()!.textContent!.trim()).to.equal(stringsOf(look).bookAgain);
      await expect(cancel.el, 'cancelled').to.be.accessible();
    });
  }
});
