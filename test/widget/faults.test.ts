// The fault matrix: each fault is injected between the widget and the real local API by a
// test-only proxy (test/support/fault-proxy.mjs), or is real (a refused connection, a real 409).
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/define.js';
import type { BookingResult } from '../../src/contract/guest.js';
import { WidgetPage, createConfiguration, createSession, mount } from './helpers.js';

interface FaultRule {
  method?: string;
  path: string;
  action: 'status' | 'hang' | 'drop' | 'not-json' | 'wrong-shape';
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  times?: number;
}

const faults = (rules: FaultRule[]) => executeServerCommand('faults', rules);
const proxyUrl = () => executeServerCommand<string, undefined>('fault-proxy-url');

/** Watches for what must never happen: unhandled rejections and console errors (other than the owner's report). */
function watchProblems(): { problems: string[]; stop(): void } {
  const problems: string[] = [];
  const onRejection = (event: PromiseRejectionEvent) => problems.push(`unhandled rejection: ${event.reason}`);
  const originalError = console.error;
  // The widget's own report to the site owner ("<scheduler-widget> api-url … did not answer …") is expected; any other error is not.
  console.error = (...args: unknown[]) =>
    args[0] !== '<scheduler-widget>' && problems.push(`console.error: ${args.join(' ')}`);
  window.addEventListener('unhandledrejection', onRejection);
  return {
    problems,
    stop() {
      window.removeEventListener('unhandledrejection', onRejection);
      console.error = originalError;
    },
  };
}

let watcher: ReturnType<typeof watchProblems>;
beforeEach(() => (watcher = watchProblems()));
afterEach(async () => {
  watcher.stop();
  await faults([]);
  expect(watcher.problems).to.deep.equal([]);
});

/** A widget talking to the API through the fault proxy. */
const mountThroughProxy = async (configurationId: string, extra: Record<string, string> = {}) =>
  mount({ 'api-url': await proxyUrl(), 'configuration-id': configurationId, ...extra });

/** Gets a guest to the details step with their data typed. */
async function toDetails(page: WidgetPage): Promise<void> {
  await page.slots.pickTime();
  await page.form.fill({ Name: 'Fay Fault', Email: 'fay@guest.test' });
}

async function expectNotice(page: WidgetPage, text: string): Promise<HTMLElement> {
  const notice = await page.waitForError();
  await waitUntil(
    () => page.error()?.textContent?.includes(text),
    `notice says "${text}", has "${page.error()?.textContent}"`,
  );
  await expect(page.el).to.be.accessible();
  return notice;
}

function expectTypedDataKept(page: WidgetPage): void {
  expect(page.input('Name').value).to.equal('Fay Fault');
  expect(page.input('Email').value).to.equal('fay@guest.test');
}

async function retryAndBook(page: WidgetPage): Promise<BookingResult> {
  const booked = oneEvent(page.el, 'scheduler-booked');
  page.retryButton()!.click();
  return ((await booked) as CustomEvent<BookingResult>).detail;
}

const AVAILABILITY = '^/v3/scheduling/availability';
const BOOKINGS = '^/v3/scheduling/bookings';

/** The next booking POST gets this error envelope instead of reaching the API. */
const failNextBooking = (status: number, type: string, message: string, headers: Record<string, string> = {}) =>
  faults([
    {
      method: 'POST',
      path: BOOKINGS,
      action: 'status',
      status,
      headers,
      body: { request_id: 'fault', error: { type, message } },
    },
  ]);

describe('faults between the widget and the API', () => {
  it('500 on loading times (fault injected): says so, retry loads them', async () => {
    const configuration = await createConfiguration();
    // Until cleared: the first month is asked again when ui-settings answer after its failure.
    await faults([{ path: AVAILABILITY, action: 'status', status: 500, times: 99 }]);
    const page = await mountThroughProxy(configuration.id);
    await page.expectError({ type: 'internal_error', status: 500 });
    await expectNotice(page, 'had a problem');
    await faults([]);
    page.retryButton()!.click();
    expect((await page.slots.waitForTimes()).length).to.be.greaterThan(0);
  });

  for (const status of [502, 503]) {
    for (const retryAfter of [undefined, '7']) {
      it(`${status} ${retryAfter ? 'with' : 'without'} Retry-After on booking (fault injected): message, data kept, retry books`, async () => {
        const configuration = await createConfiguration();
        const page = await mountThroughProxy(configuration.id);
        await toDetails(page);
        await failNextBooking(
          status,
          'internal_error',
          'upstream unavailable',
          retryAfter ? { 'Retry-After': retryAfter } : {},
        );
        await page.expectError({ status }, undefined, () => page.form.submit());
        await expectNotice(page, 'had a problem');
        expectTypedDataKept(page);
        const booking = await retryAndBook(page);
        expect(booking.guest!.email).to.equal('fay@guest.test');
      });
    }
  }

  it('a request that never answers times out (fault injected: hang), with a configurable timeout', async () => {
    const configuration = await createConfiguration();
    const page = await mountThroughProxy(configuration.id, { 'request-timeout': '600' });
    await toDetails(page);
    await faults([{ method: 'POST', path: BOOKINGS, action: 'hang' }]);
    await page.expectError({ type: 'timeout' }, undefined, () => page.form.submit());
    await expectNotice(page, 'taking too long');
    expectTypedDataKept(page);
    await retryAndBook(page);
  });

  it('a dropped connection (fault injected) is a network error, and retry recovers', async () => {
    const configuration = await createConfiguration();
    const page = await mountThroughProxy(configuration.id);
    await toDetails(page);
    // Every POST dropped (the browser may silently retry a POST once on a dropped connection).
    await faults([{ method: 'POST', path: BOOKINGS, action: 'drop', times: 99 }]);
    await page.expectError({ type: 'network' }, undefined, () => page.form.submit());
    await expectNotice(page, 'booking service is unavailable');
    await faults([]);
    expectTypedDataKept(page);
    await retryAndBook(page);
  });

  it('connection refused (real: nothing listens on the port) says the booking service is unavailable', async () => {
    const configuration = await createConfiguration();
    const page = await mount({
      'configuration-id': configuration.id,
      'api-url': await executeServerCommand<string, undefined>('refused-url'),
    });
    await page.expectError({ type: 'network' });
    await expectNotice(page, 'booking service is unavailable');
    expect(page.retryButton()).to.exist;
  });

  for (const action of ['not-json', 'wrong-shape'] as const) {
    it(`a ${action === 'not-json' ? 'body that is not JSON' : 'JSON body of the wrong shape'} (fault injected) is reported, and retry recovers`, async () => {
      const configuration = await createConfiguration();
      await faults([{ path: '^/v3/scheduling/ui-settings', action }]);
      const page = await mountThroughProxy(configuration.id);
      await page.expectError({ type: 'bad_response' });
      await expectNotice(page, 'could not read');
      page.retryButton()!.click();
      expect((await page.slots.waitForTimes()).length).to.be.greaterThan(0);
    });
  }

  it('401 invalid_session (real: the session was deleted) asks for a reload; a new session-id resumes and books', async () => {
    const configuration = await createConfiguration({ requires_session_auth: true });
    const session = await createSession(configuration.id);
    const page = await mountThroughProxy('', { 'session-id': session });
    await toDetails(page);
    const deleted = await executeServerCommand<{ status: number }, unknown>('api', {
      method: 'DELETE',
      path: `/v3/scheduling/sessions/${session}`,
    });
    expect(deleted.status).to.equal(200);
    await page.expectError({ type: 'invalid_session', status: 401 }, undefined, () => page.form.submit());
    await expectNotice(page, 'reload the page');

    page.el.sessionId = await createSession(configuration.id);
    await page.settle();
    await page.form.waitFor();
    expectTypedDataKept(page);
    const booked = oneEvent(page.el, 'scheduler-booked');
    page.form.submit();
    await booked;
  });

  it('404 configuration (real: unknown id) says the page is not available, with no retry', async () => {
    const page = await mountThroughProxy('00000000-0000-4000-8000-000000000000');
    await page.expectError({ status: 404 });
    await expectNotice(page, 'not available');
    expect(page.retryButton()).to.equal(null);
  });

  it('429 on booking (fault injected) says how long to wait, keeps the data, retry books', async () => {
    const configuration = await createConfiguration();
    const page = await mountThroughProxy(configuration.id);
    await toDetails(page);
    await failNextBooking(429, 'rate_limit_error', 'Too many requests', { 'Retry-After': '12' });
    page.form.submit();
    await expectNotice(page, 'wait 12 seconds');
    expectTypedDataKept(page);
    await retryAndBook(page);
  });

  for (const message of [
    'The selected timeslot is unavailable. Please choose another.',
    'Booking failed: the selected timeslot is unavailable',
  ]) {
    it(`an unavailable slot is recognised by Nylas's message in any case, whatever the status (fault injected: 400, "${message}"), data kept`, async () => {
      const configuration = await createConfiguration();
      const page = await mountThroughProxy(configuration.id);
      await toDetails(page);
      await failNextBooking(400, 'invalid_request_error', message);
      page.form.submit();
      await waitUntil(() => page.text().includes('just taken'), 'recognised by the message whatever the status');
      (await page.slots.waitForTimes())[0].click();
      await page.form.waitFor();
      expectTypedDataKept(page);
    });
  }
});
