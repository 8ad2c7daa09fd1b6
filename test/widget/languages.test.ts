import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import de from '../../src/i18n/locales/de.js';
import type { SchedulerWidget } from '../../src/scheduler-widget.js';
import { WidgetPage, apiUrl, createConfiguration } from './helpers.js';

const ENGLISH_WEEK = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const GERMAN_WEEK = ['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag', 'Sonntag'];

async function mount(attributes: Record<string, string>, setUp: (el: SchedulerWidget) => void = () => {}): Promise<WidgetPage> {
  const el = await fixture<SchedulerWidget>(html`<scheduler-widget></scheduler-widget>`);
  setUp(el);
  for (const [name, value] of Object.entries({ 'api-url': await apiUrl(), ...attributes })) el.setAttribute(name, value);
  return new WidgetPage(el);
}

const weekdays = (page: WidgetPage) => page.$$('th').map((th) => th.getAttribute('aria-label'));

describe('languages', () => {
  it('a language file that does not load (a real 404): labels and dates both English, one console warning naming the file', async () => {
    const configuration = await createConfiguration();
    const missing = new URL('/no-such-folder/', location.href).href;
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      const pages = [
        await mount({ 'configuration-id': configuration.id, locale: 'de-DE', 'locales-url': missing }),
        await mount({ 'configuration-id': configuration.id, locale: 'de-DE', 'locales-url': missing }),
      ];
      for (const page of pages) {
        await page.waitForSlots();
        await waitUntil(() => warnings.length > 0, 'the failure is reported');
        await page.settle();
        expect(weekdays(page)).to.deep.equal(ENGLISH_WEEK);
        expect(page.text()).to.contain('Times on').and.not.contain('Termine');
        expect(page.$('.root')!.getAttribute('lang')).to.equal('en');
      }
    } finally {
      console.warn = warn;
    }
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain(`${missing}de.js`);
  });

  it('a language handed over whole (`.language = de`): German labels, dates and email language on an English page, no file fetched', async () => {
    const configuration = await createConfiguration();
    const folder = new URL('/handed-over/', location.href).href;
    const page = await mount({ 'configuration-id': configuration.id, 'locales-url': folder }, (el) => (el.language = de));
    await page.waitForSlots();
    expect(weekdays(page)).to.deep.equal(GERMAN_WEEK);
    expect(page.text()).to.contain(de.strings.timeZone).and.not.contain('Time zone');
    expect(page.$('.root')!.getAttribute('lang')).to.equal('de');
    const fetched = performance.getEntriesByType('resource').map((entry) => entry.name);
    expect(fetched.filter((url) => url.startsWith(folder))).to.deep.equal([]);

    // The booking asks for emails in the language shown.
    (await page.waitForSlots())[0]!.click();
    await page.waitFor('form');
    await page.type('Name', 'Grete Gast');
    await page.type('E-Mail', 'grete@guest.test');
    const request = oneEvent(page.el, 'scheduler-before-book');
    page.el.addEventListener('scheduler-before-book', (event) => event.preventDefault(), { once: true });
    page.submitButton().click();
    expect((await request).detail.email_language).to.equal('de');
    page.el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="back-button"]')!.click();
    await page.waitForSlots();

    // A regional locale of the same language keeps its region; taking the language back returns to the page's.
    page.el.locale = 'de-CH';
    await page.settle();
    expect(page.$('.root')!.getAttribute('lang')).to.equal('de-CH');
    page.el.language = null;
    page.el.locale = 'en-US';
    await page.settle();
    expect(weekdays(page)).to.deep.equal(ENGLISH_WEEK);
    expect(page.text()).to.contain('Time zone');
  });
});
