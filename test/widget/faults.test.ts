// The fault matrix: each fault is injected between the widget and the real local API by a
// test-only proxy (test/support/fault-proxy.mjs), or is real (a refused connection, a real 409).
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/define.js';
import type { SchedulerWidget } from '../../src/scheduler-widget.js';
import type { BookingResult } from '../../src/contract/guest.js';
import { WidgetPage, createConfiguration, createSession } from './helpers.js';

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
type ErrorDetail = { type: string; message: string; status: number };

/** Watches for what must never happen: unhandled rejections and console errors. */
function watchProblems(): { problems: string[]; stop(): void } {
  const problems: string[] = [];
  const onRejection = (event: PromiseRejectionEvent) => problems.push(`unhandled rejection: ${event.reason}`);
  const originalError = console.error;
  console.error = (...args: unknown[]) => problems.push(`console.error: ${args.join(' ')}`);
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

async function mountThroughProxy(configurationId: string, extra: Record<string, string> = {}): Promise<WidgetPage> {
  const el = await fixture<SchedulerWidget>(html`<scheduler-widget></scheduler-widget>`);
  for (const [name, value] of Object.entries({ 'api-url': await proxyUrl(), 'configuration-id': configurationId, ...extra })) {
    el.setAttribute(name, value);
  }
  return new WidgetPage(el);
}

/** Gets a guest to the details step with their data typed. */
async function toDetails(page: WidgetPage): Promise<void> {
  (await page.waitForSlots())[0].click();
  await page.waitFor('form');
  await page.type('Name', 'Fay Fault');
  await page.type('Email', 'fay@guest.test');
}

async function expectNotice(page: WidgetPage, text: string): Promise<HTMLElement> {
  const notice = await page.waitFor('[part~="error"]');
  await waitUntil(() => page.$('[part~="error"]')?.textContent?.includes(text), `notice says "${text}", has "${page.$('[part~="error"]')?.textContent}"`);
  await expect(page.el).to.be.accessible();
  return notice;
}

function expectTypedDataKept(page: WidgetPage): void {
  expect(page.input('Name').value).to.equal('Fay Fault');
  expect(page.input('Email').value).to.equal('fay@guest.test');
}

async function retryAndBook(page: WidgetPage): Promise<BookingResult> {
  const booked = oneEvent(page.el, 'scheduler-booked');
  page.$<HTMLButtonElement>('[part~="retry-button"]')!.click();
  return ((await booked) as CustomEvent<BookingResult>).detail;
}

const AVAILABILITY = '^/v3/scheduling/availability';
const BOOKINGS = '^/v3/scheduling/bookings';

/** The next booking POST gets this error envelope instead of reaching the API. */
const failNextBooking = (status: number, type: string, message: string, headers: Record<string, string> = {}) =>
  faults([{ method: 'POST', path: BOOKINGS, action: 'status', status, headers, body: { request_id: 'fault', error: { type, message } } }]);

describe('faults between the widget and the API', () => {
  it('500 on loading times (fault injected): says so, retry loads them', async () => {
    const configuration = await createConfiguration();
    await faults([{ path: AVAILABILITY, action: 'status', status: 500 }]);
    const page = await mountThroughProxy(configuration.id);
    const error = (await oneEvent(page.el, 'scheduler-error')) as CustomEvent<ErrorDetail>;
    expect(error.detail).to.include({ type: 'internal_error', status: 500 });
    await expectNotice(page, 'had a problem');
    page.$<HTMLButtonElement>('[part~="retry-button"]')!.click();
    expect((await page.waitForSlots()).length).to.be.greaterThan(0);
  });

  for (const status of [502, 503]) {
    for (const retryAfter of [undefined, '7']) {
      it(`${status} ${retryAfter ? 'with' : 'without'} Retry-After on booking (fault injected): message, data kept, retry books`, async () => {
        const configuration = await createConfiguration();
        const page = await mountThroughProxy(configuration.id);
        await toDetails(page);
        await failNextBooking(status, 'internal_error', 'upstream unavailable', retryAfter ? { 'Retry-After': retryAfter } : {});
        const error = oneEvent(page.el, 'scheduler-error');
        page.submitButton().click();
        expect(((await error) as CustomEvent<ErrorDetail>).detail.status).to.equal(status);
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
    const error = oneEvent(page.el, 'scheduler-error');
    page.submitButton().click();
    expect(((await error) as CustomEvent<ErrorDetail>).detail.type).to.equal('timeout');
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
    const error = oneEvent(page.el, 'scheduler-error');
    page.submitButton().click();
    expect(((await error) as CustomEvent<ErrorDetail>).detail.type).to.equal('network');
    await expectNotice(page, 'could not reach');
    await faults([]);
    expectTypedDataKept(page);
    await retryAndBook(page);
  });

  it('connection refused (real: nothing listens on the port) says the service cannot be reached', async () => {
    const configuration = await createConfiguration();
    const el = await fixture<SchedulerWidget>(html`<scheduler-widget></scheduler-widget>`);
    el.setAttribute('configuration-id', configuration.id);
    el.setAttribute('api-url', await executeServerCommand<string, undefined>('refused-url'));
    const page = new WidgetPage(el);
    const error = (await oneEvent(el, 'scheduler-error')) as CustomEvent<ErrorDetail>;
    expect(error.detail.type).to.equal('network');
    await expectNotice(page, 'could not reach');
    expect(page.$('[part~="retry-button"]')).to.exist;
  });

  for (const action of ['not-json', 'wrong-shape'] as const) {
    it(`a ${action === 'not-json' ? 'body that is not JSON' : 'JSON body of the wrong shape'} (fault injected) is reported, and retry recovers`, async () => {
      const configuration = await createConfiguration();
      await faults([{ path: '^/v3/scheduling/ui-settings', action }]);
      const page = await mountThroughProxy(configuration.id);
      const error = (await oneEvent(page.el, 'scheduler-error')) as CustomEvent<ErrorDetail>;
      expect(error.detail.type).to.equal('bad_response');
      await expectNotice(page, 'could not read');
      page.$<HTMLButtonElement>('[part~="retry-button"]')!.click();
      expect((await page.waitForSlots()).length).to.be.greaterThan(0);
    });
  }

  it('401 invalid_session (real: the session was deleted) asks for a reload; a new session-id resumes and books', async () => {
    const configuration = await createConfiguration({ requires_session_auth: true });
    const session = await createSession(configuration.id);
    const page = await mountThroughProxy('', { 'session-id': session });
    await toDetails(page);
    const deleted = await executeServerCommand<{ status: number }, unknown>('api', { method: 'DELETE', path: `/v3/scheduling/sessions/${session}` });
    expect(deleted.status).to.equal(200);
    const error = oneEvent(page.el, 'scheduler-error');
    page.submitButton().click();
    expect(((await error) as CustomEvent<ErrorDetail>).detail).to.include({ type: 'invalid_session', status: 401 });
    await expectNotice(page, 'reload the page');

    page.el.sessionId = await createSession(configuration.id);
    await page.settle();
    await page.waitFor('form');
    expectTypedDataKept(page);
    const booked = oneEvent(page.el, 'scheduler-booked');
    page.submitButton().click();
    await booked;
  });

  it('404 configuration (real: unknown id) says the page was not found, with no retry', async () => {
    const page = await mountThroughProxy('00000000-0000-4000-8000-000000000000');
    const error = (await oneEvent(page.el, 'scheduler-error')) as CustomEvent<ErrorDetail>;
    expect(error.detail.status).to.equal(404);
    await expectNotice(page, 'could not be found');
    expect(page.$('[part~="retry-button"]')).to.equal(null);
  });

  it('429 on booking (fault injected) says how long to wait, keeps the data, retry books', async () => {
    const configuration = await createConfiguration();
    const page = await mountThroughProxy(configuration.id);
    await toDetails(page);
    await failNextBooking(429, 'rate_limit_error', 'Too many requests', { 'Retry-After': '12' });
    page.submitButton().click();
    await expectNotice(page, 'wait 12 seconds');
    expectTypedDataKept(page);
    await retryAndBook(page);
  });

  it('an unavailable slot is recognised by its message whatever the status (fault injected: 400), data kept', async () => {
    const configuration = await createConfiguration();
    const page = await mountThroughProxy(configuration.id);
    await toDetails(page);
    await failNextBooking(400, 'invalid_request_error', 'The selected timeslot is unavailable. Please choose another.');
    page.submitButton().click();
    await waitUntil(() => page.text().includes('just taken'), 'recognised by the message prefix whatever the status');
    (await page.waitForSlots())[0].click();
    await page.waitFor('form');
    expectTypedDataKept(page);
  });
});
