import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { BookingResult, GroupTimeSlot } from '../../src/contract/guest.js';
import de from '../../src/i18n/locales/de.js';
import he from '../../src/i18n/locales/he.js';
import {
  BACKENDS,
  WidgetPage,
  api,
  backendName,
  failOnAbsentReads,
  firstSession,
  getBooking,
  groupClass,
  groupEvent,
  mount,
  requestsDuring,
  type Backend,
} from './helpers.js';

// Group configurations: sessions with seats, in Chromium against the
// real local API. Times are relative to the pinned clock (Thursday 2030-01-31 10:00:05 UTC).
const HOUR = 3600;
const WEEK = 7 * 86400;
/** The sessions a guest can book now, with their seats left, as the API answers them. */
async function sessions(configurationId: string): Promise<GroupTimeSlot[]> {
  const now = Math.floor(Date.now() / 1000);
  const answer = await api<{ time_slots: GroupTimeSlot[] }>(
    'GET',
    `/v3/scheduling/availability?configuration_id=${configurationId}&start_time=${now}&end_time=${now + 30 * 86400}`,
  );
  return answer.body.data.time_slots;
}

const seatsOf = async (configurationId: string, eventId: string) =>
  (await sessions(configurationId)).find((slot) => slot.event_id === eventId)?.capacity ?? 0;

/** A seat booked through the API (as another guest would, from another page). */
async function bookSeat(configurationId: string, slot: GroupTimeSlot, email: string) {
  const { event_id, master_id, calendar_id, start_time, end_time } = slot;
  const answer = await api<BookingResult & { booking_ref: string }>(
    'POST',
    `/v3/scheduling/bookings?configuration_id=${configurationId}`,
    {
      event_id,
      master_id,
      calendar_id,
      start_time,
      end_time,
      guest: { name: email.split('@')[0], email },
    },
  );
  expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
  return answer.body.data;
}

/** The widget in English, in UTC. */
const mountInUtc = (attributes: Record<string, string>, backend: Backend = 'local') =>
  mount({ timezone: 'UTC', locale: 'en-US', ...attributes }, { backend });

const sessionButton = (page: WidgetPage, time: string) =>
  page.slots.times().find((slot) => slot.textContent!.trim().startsWith(time));

for (const backend of BACKENDS) {
  describe(`group sessions against ${backendName(backend)}`, () => {
    if (backend === 'strict') failOnAbsentReads();

    it('books a seat: sessions show time, title and seats left, the pick is validated, no additional guests, one seat fewer on the server', async () => {
      const { configurationId } = await groupClass(3);
      const [first] = await sessions(configurationId);
      const page = await mountInUtc({ 'configuration-id': configurationId }, backend);
      await page.slots.waitForTimes();
      expect(page.slots.times().map((slot) => slot.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal([
        // The strict server leaves out the session's own title: the configuration's name stands in.
        `6:00 PM ${backend === 'local' ? 'Sunset yoga' : 'Yoga in the park'} 3 seats left`,
      ]);
      expect(page.slots.times()[0]!.getAttribute('aria-label')).to.contain('3 seats left');
      await expect(page.el).to.be.accessible();

      const picked = oneEvent(page.el, 'scheduler-slot-select');
      const sent = await requestsDuring(async () => {
        page.slots.times()[0]!.click();
        await page.form.waitFor();
      });
      // (The next month's availability may be prefetched meanwhile: only what is posted counts.)
      expect(sent.filter((request) => request.method === 'POST').map((request) => request.path)).to.deep.equal([
        `/v3/scheduling/configurations/${configurationId}/group-events/validate-timeslot`,
      ]);
      expect(((await picked) as CustomEvent<{ slot: GroupTimeSlot }>).detail.slot).to.include({
        event_id: first!.event_id,
        master_id: first!.master_id,
      });
      expect(page.$('[part~="add-guest"]'), 'a seat is for one guest').to.equal(null);
      await expect(page.el).to.be.accessible();

      await page.type('Name', 'Gina Guest');
      await page.type('Email', 'gina@guest.test');
      const booked = oneEvent(page.el, 'scheduler-booked');
      page.form.submit();
      const { detail } = (await booked) as CustomEvent<BookingResult>;
      expect(detail).to.include({
        event_id: first!.event_id,
        master_id: first!.master_id,
        start_time: first!.start_time,
      });
      await page.outcome.waitFor();
      expect(page.text()).to.contain('You are booked');
      expect(await seatsOf(configurationId, first!.event_id)).to.equal(2);
      expect((await getBooking(detail.booking_id!)).body.data).to.include({
        event_id: first!.event_id,
        status: 'booked',
      });
    });
  });
}

describe('group seats from booking refs, and sessions that fill up or change meanwhile', () => {
  it('reschedules a seat to another session of the class (next week), and the seats follow', async () => {
    const { configurationId } = await groupClass(3);
    const [first, second] = await sessions(configurationId);
    const seat = await bookSeat(configurationId, first!, 'mover@guest.test');
    const page = await mountInUtc({ 'reschedule-booking-ref': seat.booking_ref });
    await page.slots.waitForTimes();
    expect(sessionButton(page, '6:00 PM')!.textContent).to.contain('2 seats left');
    page.$<HTMLButtonElement>('[part~="nav-button"][aria-label="Next month"]')!.click();
    await waitUntil(
      () =>
        page.$('.day.is-selected')?.textContent?.trim() === String(new Date(second!.start_time * 1000).getUTCDate()),
    );
    await page.slots.waitForTimes();
    await expect(page.el).to.be.accessible();
    page.slots.times()[0]!.click();
    await page.form.waitFor();
    const rescheduled = oneEvent(page.el, 'scheduler-rescheduled');
    page.form.submit();
    const { detail } = (await rescheduled) as CustomEvent<BookingResult>;
    expect(detail).to.include({
      booking_id: seat.booking_id,
      event_id: second!.event_id,
      master_id: second!.master_id,
      start_time: first!.start_time + WEEK,
    });
    await page.outcome.waitFor();
    expect(page.text()).to.contain('Your booking was moved');
    expect(await seatsOf(configurationId, first!.event_id)).to.equal(3);
    expect(await seatsOf(configurationId, second!.event_id)).to.equal(2);
    expect((await getBooking(seat.booking_id)).body.data.event_id).to.equal(second!.event_id);
  });

  it('cancels a seat from its booking ref, and the seat is free again', async () => {
    const { configurationId } = await groupClass(2);
    const [first] = await sessions(configurationId);
    const seat = await bookSeat(configurationId, first!, 'leaver@guest.test');
    expect(await seatsOf(configurationId, first!.event_id)).to.equal(1);
    const page = await mountInUtc({ 'cancel-booking-ref': seat.booking_ref });
    await page.waitFor('[part~="cancel-button"]');
    await expect(page.el).to.be.accessible();
    const cancelled = oneEvent(page.el, 'scheduler-cancelled');
    page.$<HTMLButtonElement>('[part~="cancel-button"]')!.click();
    const { detail } = (await cancelled) as CustomEvent<BookingResult>;
    expect(detail.booking_id).to.equal(seat.booking_id);
    expect(detail.event_id, 'the cancelled occurrence').to.equal(first!.event_id);
    await waitUntil(() => page.text().includes('Your booking was cancelled'));
    expect(await seatsOf(configurationId, first!.event_id)).to.equal(2);
    expect((await getBooking(seat.booking_id)).body.data.status).to.equal('cancelled');
  });

  it('another guest takes the last seat (through the API) while the guest types: "This session just filled up", the list, details kept', async () => {
    const { configurationId, organizer } = await groupClass(2);
    const start = firstSession() - 2 * HOUR;
    await groupEvent(configurationId, organizer, {
      title: 'Meditation',
      capacity: 1,
      when: { start_time: start, end_time: start + HOUR, start_timezone: 'UTC', end_timezone: 'UTC' },
    });
    const page = await mountInUtc({ 'configuration-id': configurationId });
    await page.slots.waitForTimes();
    expect(sessionButton(page, '4:00 PM')!.textContent!.replace(/\s+/g, ' ')).to.contain('Meditation 1 seat left');
    sessionButton(page, '4:00 PM')!.click();
    await page.form.waitFor();
    await page.type('Name', 'Late Larry');
    await page.type('Email', 'larry@guest.test');

    const meditation = (await sessions(configurationId)).find((slot) => slot.start_time === start)!;
    await bookSeat(configurationId, meditation, 'quick@guest.test');
    const errors: string[] = [];
    page.el.addEventListener('scheduler-error', (event) =>
      errors.push((event as CustomEvent<{ type: string }>).detail.type),
    );
    page.form.submit();
    await waitUntil(() => page.text().includes('This session just filled up'), 'the filled-up notice', {
      timeout: 10_000,
    });
    await waitUntil(
      () => page.slots.times().length === 1 && !sessionButton(page, '4:00 PM'),
      'the refreshed list without the full session',
    );
    expect(page.$('[part~="retry-button"]'), 'nothing to retry').to.equal(null);
    expect(errors).to.deep.equal(['session_full']);
    await expect(page.el).to.be.accessible();

    page.slots.times()[0]!.click();
    await page.form.waitFor();
    expect(page.input('Name').value).to.equal('Late Larry');
    expect(page.input('Email').value).to.equal('larry@guest.test');
  });

  it('a session the host moved after it was listed: picking it says so and shows the list again', async () => {
    const { configurationId, organizer } = await groupClass(3);
    const page = await mountInUtc({ 'configuration-id': configurationId });
    await page.slots.waitForTimes();
    const [first] = await sessions(configurationId);
    const moved = first!.start_time + HOUR;
    const path = `/v3/grants/${encodeURIComponent(organizer)}/scheduling/configurations/${configurationId}/group-events/${encodeURIComponent(first!.event_id)}`;
    const answer = await api('PATCH', path, {
      when: { start_time: moved, end_time: moved + HOUR, start_timezone: 'UTC', end_timezone: 'UTC' },
    });
    expect(answer.status, JSON.stringify(answer.body)).to.equal(200);

    sessionButton(page, '6:00 PM')!.click();
    await waitUntil(() => page.text().includes('This session has changed'), 'the changed notice');
    await waitUntil(() => sessionButton(page, '7:00 PM'), 'the session at its new time');
    expect(page.form.el).to.equal(null);
  });

  it("in the week layout: each session in its day's column with its title and seats left, a week apart; one is picked from there", async () => {
    const { configurationId } = await groupClass(3);
    const [first, second] = await sessions(configurationId);
    const page = await mountInUtc({ 'configuration-id': configurationId, layout: 'week' });
    await page.week.waitForWeek();
    const dayOf = (slot: GroupTimeSlot) => new Date(slot.start_time * 1000).toISOString().slice(0, 10);
    const [session, ...others] = page.week.times();
    expect(others.length, 'one session a week').to.equal(0);
    expect(session!.dataset.day).to.equal(dayOf(first!));
    expect(session!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('6:00 PM Sunset yoga 3 seats left');
    expect(session!.getAttribute('aria-label')).to.match(/^6:00 PM Sunset yoga 3 seats left, .+, UTC$/);
    await expect(page.el).to.be.accessible();

    page.week.navButton('next').click();
    await page.week.waitForWeek();
    expect(page.week.times().map((slot) => slot.dataset.day)).to.deep.equal([dayOf(second!)]);
    page.week.navButton('previous').click();
    await page.week.waitForWeek();
    const picked = oneEvent(page.el, 'scheduler-slot-select');
    page.week.times()[0]!.click();
    expect(((await picked) as CustomEvent<{ slot: GroupTimeSlot }>).detail.slot).to.include({
      event_id: first!.event_id,
      start_time: first!.start_time,
    });
    await page.form.waitFor();
  });

  it("seats left in the guest's language, by its plural rules: German plural, Hebrew dual", async () => {
    const { configurationId } = await groupClass(2);
    for (const [language, expected] of [
      [de, 'Noch 2 Plätze frei'],
      [he, 'נותרו שני מקומות'],
    ] as const) {
      const page = await mount(
        { 'configuration-id': configurationId, timezone: 'UTC', locale: language.locale },
        { before: (el) => (el.language = language) },
      );
      const [slot] = await page.slots.waitForTimes();
      expect(slot!.textContent).to.contain(expected);
      expect(slot!.getAttribute('aria-label')).to.contain(expected);
    }
  });
});
