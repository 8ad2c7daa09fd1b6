// The first requests leave when the element upgrades: ui-settings and this month's times together,
// before the element's first update (so before Intl, the zone list or any language file is set up),
// and the flow then takes their answers instead of asking again.
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/define.js';
import type { SchedulerWidget } from '../../src/scheduler-widget.js';
import type { Availability } from '../../src/contract/guest.js';
import type { LocalBooking } from '../../src/contract/admin.js';
import { BACKENDS, WidgetPage, api, apiUrl, backendName, createConfiguration, createSession } from './helpers.js';

interface Sent {
  url: URL;
  /** The element had had its first update when the request was made. */
  updated: boolean;
  /** Intl.DateTimeFormat instances made since the element was put on the page, when the request was made. */
  formatters: number;
}

/**
 * Puts a widget on the page the way a page's HTML does (attributes first, then connected) and
 * records each request it makes, with what had happened by then.
 */
function place(attributes: Record<string, string>): { page: WidgetPage; sent: Sent[]; restore(): void } {
  const el = document.createElement('scheduler-widget') as SchedulerWidget;
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  const sent: Sent[] = [];
  const realFetch = window.fetch;
  const RealFormat = Intl.DateTimeFormat;
  let formatters = 0;
  const counting = new Proxy(RealFormat, {
    construct: (target, args) => (formatters++, Reflect.construct(target, args)),
    apply: (target, self, args) => (formatters++, Reflect.apply(target, self, args)),
  });
  Intl.DateTimeFormat = counting;
  window.fetch = (input, init) => {
    sent.push({ url: new URL(String(input)), updated: el.hasUpdated, formatters });
    return realFetch(input, init);
  };
  document.body.append(el);
  return {
    page: new WidgetPage(el),
    sent,
    restore() {
      window.fetch = realFetch;
      Intl.DateTimeFormat = RealFormat;
      el.remove();
    },
  };
}

const paths = (sent: Sent[]) => sent.map((s) => s.url.pathname.replace('/v3/scheduling/', ''));

/** This month from now on in the browser's zone, as the availability query has it. */
function thisMonthFromNow(): { start: number; end: number } {
  const now = Math.floor(Date.now() / 1000 / 60) * 60;
  const today = new Date(now * 1000);
  return { start: now, end: new Date(today.getFullYear(), today.getMonth() + 1, 1).getTime() / 1000 };
}

/** Times are listed for a day of this month (in the browser's zone). */
async function expectFirstMonthShown(page: WidgetPage): Promise<void> {
  await page.slots.waitForTimes();
  const today = new Date(Date.now());
  const month = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}`;
  expect(page.calendar.selectedDay()?.dataset.day?.slice(0, 7)).to.equal(month);
}

describe('the first requests', () => {
  it('with ui-settings delayed by a fault-injection proxy: the month of availability arrives while ui-settings is still out', async () => {
    const configuration = await createConfiguration();
    const proxy = await executeServerCommand<string, undefined>('fault-proxy-url');
    await executeServerCommand('faults', [
      { method: 'GET', path: '^/v3/scheduling/ui-settings', action: 'delay', ms: 1500 },
    ]);
    const { page, sent, restore } = place({ 'api-url': proxy, 'configuration-id': configuration.id });
    try {
      // Both left while the element was upgrading: before its first update and before any Intl formatter.
      expect(paths(sent)).to.deep.equal(['ui-settings', 'availability']);
      expect(sent.map((s) => [s.updated, s.formatters])).to.deep.equal([
        [false, 0],
        [false, 0],
      ]);
      const window = thisMonthFromNow();
      expect(Number(sent[1]!.url.searchParams.get('start_time'))).to.equal(window.start);
      expect(Number(sent[1]!.url.searchParams.get('end_time'))).to.equal(window.end);

      const ready = oneEvent(page.el, 'scheduler-ready');
      let settingsAnswered = false;
      void ready.then(() => (settingsAnswered = true));
      await waitUntil(
        async () =>
          (await executeServerCommand<string[], undefined>('fault-log')).some((line) =>
            line.startsWith('GET /v3/scheduling/availability'),
          ),
        'the availability request reached the server',
      );
      expect(settingsAnswered, 'ui-settings had not answered yet').to.equal(false);
      await ready;
      await expectFirstMonthShown(page);
      // The flow took both answers: nothing asked twice.
      expect(paths(sent).filter((path) => path === 'ui-settings')).to.have.length(1);
      expect(sent.filter((s) => s.url.searchParams.get('start_time') === String(window.start))).to.have.length(1);
    } finally {
      restore();
      await executeServerCommand('faults', []);
    }
  });

  for (const backend of BACKENDS) {
    describe(`against ${backendName(backend)}`, () => {
      it('a session id: sent ahead with the session, answered once, the month shown', async () => {
        const configuration = await createConfiguration({ requires_session_auth: true });
        const sessionId = await createSession(configuration.id);
        const { page, sent, restore } = place({ 'api-url': await apiUrl(backend), 'session-id': sessionId });
        try {
          expect(paths(sent)).to.deep.equal(['ui-settings', 'availability']);
          await expectFirstMonthShown(page);
          expect(paths(sent).slice(0, 2)).to.deep.equal(['ui-settings', 'availability']);
          expect(paths(sent).filter((path) => path === 'ui-settings')).to.have.length(1);
        } finally {
          restore();
        }
      });

      // A booking page decodes its ref with a part of its own (not in the entry a new booking needs):
      // its first requests leave once that part has loaded, not as the element connects.
      it('a reschedule ref: this month asked with the booking, once, when its part has loaded', async () => {
        const configuration = await createConfiguration();
        const now = Math.floor(Date.now() / 1000);
        const free = await api<Availability>(
          'GET',
          `/v3/scheduling/availability?configuration_id=${configuration.id}&start_time=${now}&end_time=${now + 86400}`,
        );
        const slot = free.body.data.time_slots[0]!;
        const booking = await api<LocalBooking & { booking_ref: string }>(
          'POST',
          `/v3/scheduling/bookings?configuration_id=${configuration.id}`,
          {
            start_time: slot.start_time,
            end_time: slot.end_time,
            guest: { name: 'Rita Ref', email: 'rita@guest.test' },
          },
        );
        const { page, sent, restore } = place({
          'api-url': await apiUrl(backend),
          'reschedule-booking-ref': booking.body.data.booking_ref,
        });
        try {
          await waitUntil(() => sent.length >= 2, 'the first requests');
          const first = sent.slice(0, 2);
          expect(paths(first)).to.deep.equal(['ui-settings', 'availability']);
          const { booking_id } = booking.body.data;
          expect(first.map((s) => s.url.searchParams.get('booking_id'))).to.deep.equal([booking_id, booking_id]);
          await expectFirstMonthShown(page);
          expect(paths(sent).filter((path) => path === 'availability')).to.have.length.at.most(2);
          expect(
            sent.filter((s) => s.url.searchParams.get('start_time') === sent[1]!.url.searchParams.get('start_time')),
          ).to.have.length(1);
        } finally {
          restore();
        }
      });
    });
  }

  it('a popup sends nothing until its trigger is hovered or focused', async () => {
    const configuration = await createConfiguration();
    const { page, sent, restore } = place({
      'api-url': await apiUrl(),
      'configuration-id': configuration.id,
      display: 'popup',
    });
    try {
      await page.el.updateComplete;
      expect(sent).to.deep.equal([]);
    } finally {
      restore();
    }
  });
});
