/**
 * Events that are not 30 minutes long, and requests the widget no longer needs: the booking's end
 * comes from the event's own duration, and a request a new configuration supersedes is aborted.
 */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { BookingResult } from '../../src/contract/guest.js';
import { createConfiguration, getBooking, mount } from './helpers.js';

describe('durations other than 30 minutes', () => {
  it('books a 45-minute event: the time clicked is booked, and the stored booking ends 45 minutes later', async () => {
    const configuration = await createConfiguration({
      availability: { duration_minutes: 45, availability_rules: { availability_method: 'collective' } },
    });
    const page = await mount({ 'configuration-id': configuration.id, timezone: 'UTC', locale: 'en-US' });
    const slots = await page.slots.waitForTimes();
    expect(page.$('[part~="summary"]')!.textContent!.replace(/\s+/g, ' ')).to.contain('Duration 45 min');
    // The second time, so that the first one's start passing while the test runs cannot matter.
    const chosen = slots[1]!;
    const picked = await page.slots.pickTime(chosen);
    await page.form.fill({ Name: 'Grace Guest', Email: 'grace@guest.test' });
    const booked = oneEvent(page.el, 'scheduler-booked');
    page.form.submit();
    const { detail } = (await booked) as CustomEvent<BookingResult>;

    const stored = (await getBooking(detail.booking_id)).body.data;
    expect(stored.start_time, 'the time clicked').to.equal(picked.start);
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
      const page = await mount({ 'configuration-id': first.id, timezone: 'UTC', locale: 'en-US' });
      await waitUntil(() => firstRequests.length > 0, 'the first availability request never left');
      page.el.setAttribute('configuration-id', second.id);
      await page.slots.waitForTimes();
      expect(firstRequests[0]!.signal, 'the request was made with a signal').to.exist;
      expect(firstRequests[0]!.signal!.aborted, 'the superseded request was aborted').to.equal(true);
      expect(page.$('.notice, [role="alert"]'), 'the abort is not shown as an error').to.equal(null);
    } finally {
      window.fetch = realFetch;
    }
  });
});
