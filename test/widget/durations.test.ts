/**
 * Events that are not 30 minutes long, and requests the widget no longer needs: the booking's end
 * comes from the event's own duration, and a request a new configuration supersedes is aborted.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { SchedulerWidget } from '../../src/scheduler-widget.js';
import type { BookingResult } from '../../src/api/wire.js';
import { WidgetPage, apiUrl, createConfiguration, getBooking } from './helpers.js';

async function mount(attributes: Record<string, string>): Promise<WidgetPage> {
  const el = await fixture<SchedulerWidget>(html`<scheduler-widget></scheduler-widget>`);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  return new WidgetPage(el);
}

describe('durations other than 30 minutes', () => {
  it('books a 45-minute event: the time clicked is booked, and the stored booking ends 45 minutes later', async () => {
    const configuration = await createConfiguration({
      availability: { duration_minutes: 45, availability_rules: { availability_method: 'collective' } },
    });
    const page = await mount({ 'configuration-id': configuration.id, 'api-url': await apiUrl(), timezone: 'UTC', locale: 'en-US' });
    const slots = await page.waitForSlots();
    expect(page.$('[part~="summary"]')!.textContent!.replace(/\s+/g, ' ')).to.contain('Duration 45 min');
    // The second time, so that the first one's start passing while the test runs cannot matter.
    const chosen = slots[1]!;
    const selected = oneEvent(page.el, 'scheduler-slot-select');
    chosen.click();
    const { detail: choice } = (await selected) as CustomEvent<{ slot: { start_time: number; end_time: number } }>;
    expect(choice.slot.end_time - choice.slot.start_time, 'the offered slot').to.equal(45 * 60);
    await page.waitFor('form');
    await page.type('Name', 'Grace Guest');
    await page.type('Email', 'grace@guest.test');
    const booked = oneEvent(page.el, 'scheduler-booked');
    page.submitButton().click();
    const { detail } = (await booked) as CustomEvent<BookingResult>;

    const stored = (await getBooking(detail.booking_id)).body.data;
    expect(stored.start_time, 'the time clicked').to.equal(choice.slot.start_time);
    expect(stored.end_time - stored.start_time, 'the stored booking lasts the event duration').to.equal(45 * 60);
  });
});

describe('superseded requests', () => {
  it('aborts the availability request of a configuration replaced while it is in flight (a fetch wrapper holds that answer back)', async () => {
    const [first, second] = [await createConfiguration(), await createConfiguration()];
    const firstRequests: Array<{ url: string; signal: AbortSignal | null | undefined }> = [];
    const realFetch = window.fetch;
    // Fault: the first configuration's availability answer is held until its request is aborted
    // (or 5 s, then passed on), so the widget certainly replaces it while it is in flight.
    window.fetch = (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (!url.includes('/availability') || !url.includes(first.id)) return realFetch(input, init);
      firstRequests.push({ url, signal: init?.signal });
      return new Promise<Response>((resolve, reject) => {
        const timer = setTimeout(() => resolve(realFetch(input, init)), 5000);
        init?.signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(init.signal!.reason);
        });
      });
    };
    try {
      const page = await mount({ 'configuration-id': first.id, 'api-url': await apiUrl(), timezone: 'UTC', locale: 'en-US' });
      await waitUntil(() => firstRequests.length > 0, 'the first availability request never left');
      page.el.setAttribute('configuration-id', second.id);
      await page.waitForSlots();
      expect(firstRequests[0]!.signal, 'the request was made with a signal').to.exist;
      expect(firstRequests[0]!.signal!.aborted, 'the superseded request was aborted').to.equal(true);
      expect(page.$('.notice, [role="alert"]'), 'the abort is not shown as an error').to.equal(null);
    } finally {
      window.fetch = realFetch;
    }
  });
});
