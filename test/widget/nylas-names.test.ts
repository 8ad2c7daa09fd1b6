import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/define.js';
import type { Availability, BookingResult } from '../../src/contract/guest.js';
import type { LocalBooking } from '../../src/contract/admin.js';
import type { SchedulerWidget } from '../../src/scheduler-widget.js';
import { WidgetPage, api, apiUrl, createConfiguration, getBooking } from './helpers.js';

// A page that embedded Nylas's `<nylas-scheduling>` switches by changing the script and the tag
// name: the attributes and properties of Nylas's documented examples that change what a guest sees
// are read under their Nylas names (developer.nylas.com/docs/reference/ui/scheduling/).
describe("Nylas's <nylas-scheduling> names", () => {
  it('scheduler-api-url, default-language and booking-info (JSON attribute): the local API asked, German shown, the form prefilled, booked', async () => {
    const configuration = await createConfiguration({
      scheduler: { additional_fields: { company: { label: 'Company', type: 'text', required: true } } },
    });
    const url = await apiUrl();
    const info = {
      primaryParticipant: { name: 'Nina Nylas', email: 'nina@nylas-names.test' },
      additionalFields: { company: { value: 'Switched Ltd' } },
    };
    const el = await fixture<SchedulerWidget>(html`<scheduler-widget
      configuration-id=${configuration.id}
      scheduler-api-url=${url}
      default-language="de"
      timezone="UTC"
      booking-info=${JSON.stringify(info)}
    ></scheduler-widget>`);
    const page = new WidgetPage(el);
    const [slot] = await page.slots.waitForTimes();
    await waitUntil(() => page.text().includes('Zeitzone'), 'German shown');
    slot!.click();
    await page.form.waitFor();
    expect(page.input('Name').value).to.equal('Nina Nylas');
    expect(page.input('E-Mail').value).to.equal('nina@nylas-names.test');
    expect(page.input('Company').value).to.equal('Switched Ltd');
    const booked = oneEvent(el, 'scheduler-booked');
    page.form.submit();
    const { detail } = (await booked) as CustomEvent<BookingResult>;
    const stored = (await getBooking(detail.booking_id)).body.data;
    expect(stored.guest).to.deep.equal({ name: 'Nina Nylas', email: 'nina@nylas-names.test' });
  });

  it('schedulerApiUrl and bookingInfo set as properties, as a React or Vue app sets them', async () => {
    const configuration = await createConfiguration();
    const el = await fixture<SchedulerWidget>(
      html`<scheduler-widget timezone="UTC" locale="en-US"></scheduler-widget>`,
    );
    el.bookingInfo = { primaryParticipant: { name: 'Prop Erty', email: 'prop@nylas-names.test' } };
    el.schedulerApiUrl = await apiUrl();
    el.configurationId = configuration.id;
    const page = new WidgetPage(el);
    (await page.slots.waitForTimes())[0]!.click();
    await page.form.waitFor();
    expect(page.input('Name').value).to.equal('Prop Erty');
    expect(page.input('Email').value).to.equal('prop@nylas-names.test');
  });

  it("both names set: Nylas's scheduler-api-url wins over api-url (refused here), our locale over default-language", async () => {
    const configuration = await createConfiguration();
    const refused = await executeServerCommand<string, undefined>('refused-url');
    const el = await fixture<SchedulerWidget>(html`<scheduler-widget
      configuration-id=${configuration.id}
      api-url=${refused}
      scheduler-api-url=${await apiUrl()}
      locale="en-US"
      default-language="de"
      timezone="UTC"
    ></scheduler-widget>`);
    const page = new WidgetPage(el);
    await page.slots.waitForTimes();
    expect(page.text()).to.include('Time zone');
    expect(page.text()).not.to.include('Zeitzone');
  });

  it('defaultLanguage and organizerConfirmationBookingRef are properties too: set after the element, they take effect', async () => {
    const configuration = await createConfiguration();
    const el = await fixture<SchedulerWidget>(html`<scheduler-widget timezone="UTC"></scheduler-widget>`);
    el.schedulerApiUrl = await apiUrl();
    el.configurationId = configuration.id;
    el.defaultLanguage = 'de';
    const page = new WidgetPage(el);
    await page.slots.waitForTimes();
    await waitUntil(() => page.text().includes('Zeitzone'), 'German shown');
    el.organizerConfirmationBookingRef = 'not-a-ref';
    await waitUntil(() => page.text().includes('Dieser Link ist ungültig'), 'the ref refused, in German');
  });

  it('organizer-confirmation-booking-ref: the organizer confirms a pending booking', async () => {
    const configuration = await createConfiguration({
      event_booking: { title: 'Mentoring', booking_type: 'organizer-confirmation' },
    });
    const now = Math.floor(Date.now() / 1000);
    const free = await api<Availability>(
      'GET',
      `/v3/scheduling/availability?configuration_id=${configuration.id}&start_time=${now}&end_time=${now + 20 * 86400}`,
    );
    const [slot] = free.body.data.time_slots;
    const answer = await api<LocalBooking & { organizer_booking_ref: string }>(
      'POST',
      `/v3/scheduling/bookings?configuration_id=${configuration.id}`,
      {
        start_time: slot!.start_time,
        end_time: slot!.end_time,
        guest: { name: 'Pending Pat', email: 'pat@nylas-names.test' },
      },
    );
    const booking = answer.body.data;
    const el = await fixture<SchedulerWidget>(html`<scheduler-widget
      scheduler-api-url=${await apiUrl()}
      organizer-confirmation-booking-ref=${booking.organizer_booking_ref}
      timezone="UTC"
      locale="en-US"
    ></scheduler-widget>`);
    const page = new WidgetPage(el);
    await page.waitForControl('confirm-button');
    const confirmed = oneEvent(el, 'scheduler-confirmed');
    page.form.control('confirm-button')!.click();
    await confirmed;
    expect((await getBooking(booking.booking_id)).body.data.status).to.equal('booked');
  });
});
