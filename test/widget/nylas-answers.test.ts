// Every answer Nylas documents, including its nullable and absent fields, sent by the strict
// Nylas-shaped server (test/support/strict-server.mjs, its VARIANTS): the flows pass on each.
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/define.js';
import type { ConfigurationInput, LocalBooking } from '../../src/contract/admin.js';
import type { Availability, BookingResult } from '../../src/contract/guest.js';
import type { SchedulerWidget } from '../../src/scheduler-widget.js';
import {
  ALWAYS_OPEN,
  WidgetPage,
  api,
  apiUrl,
  createConfiguration,
  createSession,
  failOnAbsentReads,
  firstSession,
  getBooking,
  groupClass,
  mount,
  requestsDuring,
  uniqueEmail,
} from './helpers.js';

type Variant = Partial<
  Record<
    'nullMonths' | 'nullEmails' | 'nullAppearance' | 'noAdditionalFields' | 'nullNotice' | 'when' | 'noRef',
    boolean
  >
> & {
  seatless?: { before: number; capacity: number | null };
};

/** What the strict server sends from now on (every nullable field null, every optional one absent, …). */
const setVariant = (variant: Variant) => executeServerCommand('strict-variant', variant);

/** Every nullable field null and every optional one absent, at once. */
const SPARSE: Variant = {
  nullMonths: true,
  nullEmails: true,
  nullAppearance: true,
  noAdditionalFields: true,
  nullNotice: true,
  noRef: true,
};

const UTC_EN_US = { timezone: 'UTC', locale: 'en-US' };

/** A booking made with the API key (the local API's answer: times and both refs). */
async function booked(
  overrides: Partial<ConfigurationInput> = {},
): Promise<{ configurationId: string; booking: LocalBooking & { booking_ref: string } }> {
  const configuration = await createConfiguration(overrides);
  const now = Math.floor(Date.now() / 1000);
  const slots = await api<Availability>(
    'GET',
    `/v3/scheduling/availability?configuration_id=${configuration.id}&start_time=${now}&end_time=${now + 20 * 86400}`,
  );
  const slot = slots.body.data.time_slots[3]!;
  const answer = await api<LocalBooking & { booking_ref: string }>(
    'POST',
    `/v3/scheduling/bookings?configuration_id=${configuration.id}`,
    {
      start_time: slot.start_time,
      end_time: slot.end_time,
      guest: { name: 'Nora Nylas', email: 'nora@guest.test' },
    },
  );
  expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
  return { configurationId: configuration.id, booking: answer.body.data };
}

async function bookFirstTime(page: WidgetPage, name = 'Nora Nylas', email = 'nora@guest.test'): Promise<BookingResult> {
  await page.slots.pickTime();
  await page.form.fill({ Name: name, Email: email });
  const done = oneEvent(page.el, 'scheduler-booked');
  page.form.submit();
  const { detail } = (await done) as CustomEvent<BookingResult>;
  await page.outcome.waitFor();
  return detail;
}

describe("Nylas's nullable and absent fields (strict server variants)", () => {
  failOnAbsentReads();
  afterEach(() => setVariant({}));

  it('time_slots: null is a month without times, and the search for the next month with times goes on', async () => {
    await setVariant(SPARSE);
    // The clock is pinned to 10:00 UTC on the last day of a month: open until now, the month is over.
    const now = new Date(Date.now());
    const organizer = uniqueEmail('nulls');
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
    const page = await mount({ ...UTC_EN_US, 'configuration-id': configuration.id }, { backend: 'strict' });
    const next = await page.waitFor<HTMLButtonElement>('[part~="next-available"]');
    expect(page.$('[part~="empty-month"]')!.textContent).to.contain('No times are available in');
    expect(page.error(), 'no "answer we could not read"').to.equal(null);
    next.click();
    await page.slots.waitForTimes();
    const detail = await bookFirstTime(page);
    expect((await getBooking(detail.booking_id)).body.data.status).to.equal('booked');
  });

  for (const [name, variant] of Object.entries({
    'every nullable field null, every optional one absent': SPARSE,
    'emails: null only': { nullEmails: true },
    'appearance: null only': { nullAppearance: true },
  })) {
    it(`books with ${name}`, async () => {
      await setVariant(variant);
      const configuration = await createConfiguration();
      const page = await mount({ ...UTC_EN_US, 'configuration-id': configuration.id }, { backend: 'strict' });
      const detail = await bookFirstTime(page);
      expect(page.text()).to.contain('You are booked');
      expect((await getBooking(detail.booking_id)).body.data.guest.email).to.equal('nora@guest.test');
    });
  }

  it('round-robin with emails: null books (the API picks the host)', async () => {
    await setVariant(SPARSE);
    const host = (email: string) => ({
      email,
      name: email,
      timezone: 'UTC',
      availability: { open_hours: ALWAYS_OPEN.map((h) => ({ ...h, days: [...h.days] })) },
    });
    const configuration = await createConfiguration(
      {
        participants: [host(uniqueEmail('ra')), host(uniqueEmail('rb'))],
        availability: { duration_minutes: 30, availability_rules: { availability_method: 'max-fairness' } },
      },
      uniqueEmail('rr'),
    );
    const page = await mount({ ...UTC_EN_US, 'configuration-id': configuration.id }, { backend: 'strict' });
    const detail = await bookFirstTime(page);
    expect((await getBooking(detail.booking_id)).body.data.status).to.equal('booked');
  });

  for (const when of [false, true]) {
    it(`reschedules and cancels from refs with a booking ${when ? 'with' : 'without'} event_data.when (sparse answers)`, async () => {
      await setVariant({ ...SPARSE, when });
      const { booking } = await booked();
      const bookedRange = new Intl.DateTimeFormat('en-US', {
        timeZone: 'UTC',
        hour: 'numeric',
        minute: '2-digit',
      }).formatRange(booking.start_time * 1000, booking.end_time * 1000);

      const cancelPage = await mount(
        { ...UTC_EN_US, 'cancel-booking-ref': booking.booking_ref },
        { backend: 'strict' },
      );
      await cancelPage.waitForControl('cancel-button');
      expect(cancelPage.text().includes(bookedRange), "the booking's time, when Nylas says it").to.equal(when);
      cancelPage.el.remove();

      const page = await mount({ ...UTC_EN_US, 'reschedule-booking-ref': booking.booking_ref }, { backend: 'strict' });
      await page.slots.waitForTimes();
      if (when) expect(page.slots.bookedTime(), 'the booked time is marked').to.exist;
      const target = page.slots.times().find((slot) => slot.getAttribute('aria-current') !== 'true')!;
      target.click();
      await page.form.waitFor();
      const rescheduled = oneEvent(page.el, 'scheduler-rescheduled');
      page.form.submit();
      const { detail } = (await rescheduled) as CustomEvent<BookingResult>;
      await page.outcome.waitFor();
      expect((await getBooking(booking.booking_id)).body.data.start_time).to.equal(detail.start_time);
      expect(page.text().includes('Previously'), 'the old time, when Nylas says it').to.equal(when);
    });
  }
});

describe('group slots without seats (strict server)', () => {
  afterEach(() => setVariant({}));

  for (const capacity of [null, 0, -1]) {
    it(`a session whose capacity is ${capacity === null ? 'absent' : capacity} is not offered`, async () => {
      const { configurationId } = await groupClass(3);
      const first = firstSession();
      // Today's session has no seats; next week's has.
      await setVariant({ seatless: { before: first + 86400, capacity } });
      const page = await mount({ ...UTC_EN_US, 'configuration-id': configurationId }, { backend: 'strict' });
      const next = await page.waitFor<HTMLButtonElement>('[part~="next-available"]');
      expect(page.slots.times()).to.deep.equal([]);
      next.click();
      const [session] = await page.slots.waitForTimes();
      expect(session!.textContent).to.contain('3 seats left');
    });
  }
});

describe('refs as Nylas takes them', () => {
  it('a ref whose salt is empty reschedules and cancels', async () => {
    const { booking } = await booked();
    // The two UUIDs alone (32 bytes): the salt left off.
    const bytes = Uint8Array.from(atob(booking.booking_ref.replace(/-/g, '+').replace(/_/g, '/')), (c) =>
      c.charCodeAt(0),
    ).slice(0, 32);
    const saltless = btoa(String.fromCharCode(...bytes))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');

    const page = await mount({ ...UTC_EN_US, 'reschedule-booking-ref': saltless });
    const [first] = await page.slots.waitForTimes();
    first!.click();
    await page.form.waitFor();
    const rescheduled = oneEvent(page.el, 'scheduler-rescheduled');
    page.form.submit();
    const { detail } = (await rescheduled) as CustomEvent<BookingResult>;
    expect((await getBooking(booking.booking_id)).body.data.start_time).to.equal(detail.start_time);
    page.el.remove();

    const cancelPage = await mount({ ...UTC_EN_US, 'cancel-booking-ref': saltless });
    await cancelPage.waitForControl('cancel-button');
    const cancelled = oneEvent(cancelPage.el, 'scheduler-cancelled');
    cancelPage.form.control('cancel-button')!.click();
    await cancelled;
    expect((await getBooking(booking.booking_id)).body.data.status).to.equal('cancelled');
  });
});

/** The bodies of the requests the page sends with `method` while `run` runs. */
const sentDuring = async (method: string, run: () => Promise<unknown>) =>
  (await requestsDuring(run)).filter((request) => request.method === method).map((request) => request.body ?? {});

describe("as Nylas's element where the API is silent", () => {
  failOnAbsentReads();
  afterEach(() => setVariant({}));

  it('after booking (no booking_ref, no links configured): reschedules in place with the form prefilled, then cancels in place with a reason', async () => {
    await setVariant({ ...SPARSE, noAdditionalFields: false });
    const configuration = await createConfiguration({
      scheduler: {
        min_booking_notice: 0,
        additional_fields: { company: { label: 'Company', type: 'text', required: true } },
      },
    });
    const page = await mount({ ...UTC_EN_US, 'configuration-id': configuration.id }, { backend: 'strict' });
    await page.slots.pickTime();
    await page.form.fill({ Name: 'Nora Nylas', Email: 'nora@guest.test', Company: 'Acme' });
    const done = oneEvent(page.el, 'scheduler-booked');
    page.form.submit();
    const booking = ((await done) as CustomEvent<BookingResult>).detail;
    expect(booking.booking_ref, 'Nylas documents no booking_ref').to.equal(undefined);
    await page.outcome.waitFor();

    (await page.waitForControl('reschedule-button')).click();
    await page.slots.waitForTimes();
    // Nylas's ui-settings do not say when the booking is (no event_data.when here): the page says less.
    const other = page.slots.times().find((slot) => slot.getAttribute('aria-current') !== 'true')!;
    other.click();
    await page.form.waitFor();
    expect(page.input('Name').value, 'the form again, prefilled from the booking').to.equal('Nora Nylas');
    expect(page.input('Email').value).to.equal('nora@guest.test');
    expect(page.input('Company').value).to.equal('Acme');
    const moved = oneEvent(page.el, 'scheduler-rescheduled');
    page.form.submit();
    const { detail } = (await moved) as CustomEvent<BookingResult>;
    expect(detail.booking_id).to.equal(booking.booking_id);
    await page.outcome.waitFor();
    expect((await getBooking(booking.booking_id)).body.data.start_time).to.equal(detail.start_time);

    (await page.waitForControl('cancel-booking-button')).click();
    await page.waitForControl('cancel-button');
    await page.type('Reason for cancelling', 'Plans changed');
    const cancelled = oneEvent(page.el, 'scheduler-cancelled');
    const sent = await sentDuring('DELETE', async () => {
      page.form.control('cancel-button')!.click();
      await cancelled;
    });
    expect(sent).to.deep.equal([{ cancellation_reason: 'Plans changed' }]);
    await page.outcome.waitFor();
    expect((await getBooking(booking.booking_id)).body.data.status).to.equal('cancelled');
  });

  it('a private configuration (session id only): cancels in place with the session it holds', async () => {
    await setVariant(SPARSE);
    const configuration = await createConfiguration({ requires_session_auth: true });
    const page = await mount(
      { ...UTC_EN_US, 'session-id': await createSession(configuration.id) },
      { backend: 'strict' },
    );
    const booking = await bookFirstTime(page);
    (await page.waitForControl('cancel-booking-button')).click();
    await page.waitForControl('cancel-button');
    const cancelled = oneEvent(page.el, 'scheduler-cancelled');
    page.form.control('cancel-button')!.click();
    await cancelled;
    expect((await getBooking(booking.booking_id)).body.data.status).to.equal('cancelled');
  });

  it('a booking awaiting the organizer is told so and offered neither reschedule nor cancel', async () => {
    await setVariant(SPARSE);
    const configuration = await createConfiguration({
      event_booking: { title: 'Mentoring', booking_type: 'organizer-confirmation' },
    });
    const page = await mount({ ...UTC_EN_US, 'configuration-id': configuration.id }, { backend: 'strict' });
    const detail = await bookFirstTime(page);
    expect(detail.status).to.equal('pending');
    expect(page.text()).to.contain('Booking requested').and.not.contain('You are booked');
    expect(page.$('[part~="reschedule-button"]')).to.equal(null);
    expect(page.$('[part~="cancel-booking-button"]')).to.equal(null);
  });

  it('hide_rescheduling_options and hide_cancellation_options hide each in-place action', async () => {
    for (const [hideReschedule, hideCancel] of [
      [true, false],
      [false, true],
    ] as const) {
      const configuration = await createConfiguration({
        scheduler: {
          min_booking_notice: 0,
          hide_rescheduling_options: hideReschedule,
          hide_cancellation_options: hideCancel,
        },
      });
      const page = await mount({ ...UTC_EN_US, 'configuration-id': configuration.id }, { backend: 'strict' });
      await bookFirstTime(page);
      expect(!!page.$('[part~="reschedule-button"]'), 'reschedule offered').to.equal(!hideReschedule);
      expect(!!page.$('[part~="cancel-booking-button"]'), 'cancel offered').to.equal(!hideCancel);
      page.el.remove();
    }
  });

  it('min_cancellation_notice is checked before sending: the guest is told, nothing is sent', async () => {
    await setVariant({ when: true });
    const { booking } = await booked({ scheduler: { min_booking_notice: 0, min_cancellation_notice: 60 * 24 * 60 } });
    const page = await mount({ ...UTC_EN_US, 'cancel-booking-ref': booking.booking_ref }, { backend: 'strict' });
    await page.waitForControl('cancel-button');
    await page.type('Reason for cancelling', 'Too late?');
    const sent = await sentDuring('DELETE', () =>
      page.expectError({ type: 'cancellation_notice' }, 'starts too soon to be cancelled', () =>
        page.form.control('cancel-button')!.click(),
      ),
    );
    expect(sent).to.deep.equal([]);
    expect(page.input('Reason for cancelling').value, 'the reason is kept').to.equal('Too late?');
    expect((await getBooking(booking.booking_id)).body.data.status).to.equal('booked');
  });

  it('round-robin: a reschedule sends the host of the new time as participants', async () => {
    const host = (email: string) => ({
      email,
      name: email,
      timezone: 'UTC',
      availability: { open_hours: ALWAYS_OPEN.map((h) => ({ ...h, days: [...h.days] })) },
    });
    const hosts = [uniqueEmail('ra'), uniqueEmail('rb')];
    const { booking } = await booked({
      participants: hosts.map(host),
      availability: { duration_minutes: 30, availability_rules: { availability_method: 'max-fairness' } },
    });
    const page = await mount({ ...UTC_EN_US, 'reschedule-booking-ref': booking.booking_ref }, { backend: 'strict' });
    await page.slots.waitForTimes();
    page.slots
      .times()
      .find((slot) => slot.getAttribute('aria-current') !== 'true')!
      .click();
    await page.form.waitFor();
    const moved = oneEvent(page.el, 'scheduler-rescheduled');
    const sent = await sentDuring('PATCH', async () => {
      page.form.submit();
      await moved;
    });
    expect(sent).to.have.length(1);
    expect(hosts).to.include((sent[0]!.participants as Array<{ email: string }>)[0]!.email);
  });

  it('the recording-consent message of notetaker_settings is shown on the form', async () => {
    const configuration = await createConfiguration({
      scheduler: {
        min_booking_notice: 0,
        notetaker_settings: { enabled: true, show_ui_consent_message: true, notetaker_name: 'Acme Notetaker' },
      },
    });
    const page = await mount({ ...UTC_EN_US, 'configuration-id': configuration.id }, { backend: 'strict' });
    await page.slots.pickTime();
    expect(page.$('[part~="consent"]')!.textContent).to.contain('recorded and transcribed by Acme Notetaker');
    await expect(page.el).to.be.accessible();
  });
});

/** A widget in a frame of its own (same origin, the tests' clock), so that its redirect can be followed. */
async function framed(attributes: Record<string, string>): Promise<{ frame: HTMLIFrameElement; page: WidgetPage }> {
  const attrs = Object.entries({ ...UTC_EN_US, 'api-url': await apiUrl('strict'), ...attributes })
    .map(([name, value]) => `${name}="${value}"`)
    .join(' ');
  const frame = Object.assign(document.createElement('iframe'), {
    srcdoc: `<script>Date.now = parent.Date.now;</script><script type="module" src="/src/define.ts"></script><scheduler-widget ${attrs}></scheduler-widget>`,
  });
  document.body.append(frame);
  await waitUntil(
    () =>
      frame.contentWindow?.customElements.get('scheduler-widget') &&
      frame.contentDocument!.querySelector('scheduler-widget')?.shadowRoot,
    'the framed widget is defined',
    { timeout: 10_000 },
  );
  return { frame, page: new WidgetPage(frame.contentDocument!.querySelector('scheduler-widget') as SchedulerWidget) };
}

describe("confirmation_redirect_url with Nylas's query parameters", () => {
  afterEach(() => setVariant({}));

  it('after booking', async () => {
    await setVariant({ noRef: true });
    const target = `${location.origin}/thanks/?from=site`;
    const configuration = await createConfiguration({
      slug: `redirect-${Date.now().toString(36)}`,
      scheduler: {
        min_booking_notice: 0,
        confirmation_redirect_url: target,
        additional_fields: { company: { label: 'Company', type: 'text', required: false } },
      },
    });
    const { frame, page } = await framed({ 'configuration-id': configuration.id });
    try {
      await page.slots.pickTime();
      await page.form.fill({ Name: 'Rhea Redirect', Email: 'rhea@guest.test', Company: 'Acme' });
      page.form.submit();
      await waitUntil(() => frame.contentWindow!.location.pathname === '/thanks/', 'redirected after booking', {
        timeout: 10_000,
      });
      const params = Object.fromEntries(new URL(frame.contentWindow!.location.href).searchParams);
      const stored = (await getBooking(params.booking_id!)).body.data;
      expect(params).to.deep.equal({
        from: 'site',
        booking_id: stored.booking_id,
        name: 'Rhea Redirect',
        email: 'rhea@guest.test',
        start_time: String(stored.start_time),
        end_time: String(stored.end_time),
        tz: 'UTC',
        language: 'en',
        additional_values: JSON.stringify({ company: 'Acme' }),
        page_slug: configuration.slug,
        config_id: configuration.id,
      });
    } finally {
      frame.remove();
    }
  });

  it('after rescheduling from a ref', async () => {
    const target = `${location.origin}/moved/`;
    const { configurationId, booking } = await booked({
      scheduler: { min_booking_notice: 0, confirmation_redirect_url: target },
    });
    const { frame, page } = await framed({ 'reschedule-booking-ref': booking.booking_ref });
    try {
      await page.slots.waitForTimes();
      page.slots
        .times()
        .find((slot) => slot.getAttribute('aria-current') !== 'true')!
        .click();
      await page.form.waitFor();
      page.form.submit();
      await waitUntil(() => frame.contentWindow!.location.pathname === '/moved/', 'redirected after rescheduling', {
        timeout: 10_000,
      });
      const params = Object.fromEntries(new URL(frame.contentWindow!.location.href).searchParams);
      const stored = (await getBooking(booking.booking_id)).body.data;
      expect(params).to.include({
        booking_id: booking.booking_id,
        name: 'Nora Nylas',
        email: 'nora@guest.test',
        start_time: String(stored.start_time),
        config_id: configurationId,
        tz: 'UTC',
      });
      expect(stored.start_time).not.to.equal(booking.start_time);
    } finally {
      frame.remove();
    }
  });
});
