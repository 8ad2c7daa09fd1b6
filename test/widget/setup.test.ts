// A site owner's setup mistakes, each explained; branding from the configuration; text from the
// configuration and the guest in right-to-left and narrow CJK pages.
import { aTimeout, expect, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { ErrorDetail } from './helpers.js';
import { WidgetPage, createConfiguration, mount } from './helpers.js';

/** Every `scheduler-error` and console message while `run` runs (plus a moment after, for late repeats). */
async function reported(run: () => Promise<WidgetPage>): Promise<{ page: WidgetPage; errors: ErrorDetail[]; console: string[] }> {
  const errors: ErrorDetail[] = [];
  const messages: string[] = [];
  const onError = (event: Event) => errors.push((event as CustomEvent<ErrorDetail>).detail);
  const { error, warn } = console;
  console.error = console.warn = (...args: unknown[]) => messages.push(args.join(' '));
  document.addEventListener('scheduler-error', onError);
  try {
    const page = await run();
    await waitUntil(() => errors.length > 0, 'an error is reported');
    await aTimeout(300);
    await page.settle();
    return { page, errors, console: messages };
  } finally {
    document.removeEventListener('scheduler-error', onError);
    Object.assign(console, { error, warn });
  }
}

describe('setup mistakes', () => {
  it('no configuration-id, session-id or slug: "not set up" in the widget, the attributes named in the console, one not_configured error', async () => {
    const { page, errors, console } = await reported(() => mount({}));
    expect(errors.map((e) => e.type)).to.deep.equal(['not_configured']);
    expect(page.$('[part~="skeleton"]'), 'no endless skeleton').to.equal(null);
    expect(page.error()!.textContent).to.contain('not set up');
    expect(page.retryButton(), 'a retry cannot help').to.equal(null);
    expect(console).to.have.length(1);
    expect(console[0]).to.contain('configuration-id').and.contain('session-id').and.contain('slug');
    await expect(page.el).to.be.accessible();
  });

  for (const url of ['localhost:8787', 'api.us.nylas.com']) {
    it(`api-url without a scheme ("${url}"): one invalid_api_url error naming the attribute and the fix, no request, no retry`, async () => {
      const configuration = await createConfiguration();
      const before = performance.getEntriesByType('resource').length;
      const { page, errors, console } = await reported(() => mount({ 'configuration-id': configuration.id, 'api-url': url }));
      expect(errors.map((e) => e.type)).to.deep.equal(['invalid_api_url']);
      expect(page.error()!.textContent).to.contain('not set up');
      expect(page.retryButton()).to.equal(null);
      expect(console).to.have.length(1);
      expect(console[0]).to.contain('api-url').and.contain(url).and.contain('https://');
      const requests = performance.getEntriesByType('resource').slice(before).map((entry) => entry.name);
      expect(requests.filter((name) => name.includes('/v3/'))).to.deep.equal([]);
    });
  }

  it('removing configuration-id after load returns to "not configured": the old configuration is no longer bookable', async () => {
    const configuration = await createConfiguration();
    const page = await mount({ 'configuration-id': configuration.id });
    await page.slots.waitForTimes();
    const { errors } = await reported(async () => {
      page.el.removeAttribute('configuration-id');
      return page;
    });
    expect(errors.map((e) => e.type)).to.deep.equal(['not_configured']);
    expect(page.slots.times()).to.have.length(0);
    expect(page.$('[part~="calendar"]')).to.equal(null);
    expect(page.error()!.textContent).to.contain('not set up');
  });

  it('one wrong configuration id fires scheduler-error exactly once', async () => {
    const { page, errors } = await reported(() => mount({ 'configuration-id': '00000000-0000-4000-8000-00000000dead' }));
    expect(errors.map((e) => e.type)).to.deep.equal(['not_found_error']);
    expect(page.error()!.textContent).to.contain('could not be found');
  });
});
