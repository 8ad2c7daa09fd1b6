import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import de from '../../src/i18n/locales/de.js';
import { WidgetPage, createConfiguration, mount } from './helpers.js';

const ENGLISH_WEEK = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const GERMAN_WEEK = ['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag', 'Sonntag'];

const weekdays = (page: WidgetPage) => page.calendar.weekdays();

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
        await page.slots.waitForTimes();
        await waitUntil(() => warnings.length > 0, 'the failure is reported');
        await page.settle();
        expect(weekdays(page)).to.deep.equal(ENGLISH_WEEK);
        expect(page.text()).to.contain('Times on').and.not.contain('Termine');
        expect(page.base()!.getAttribute('lang')).to.equal('en');
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
    const page = await mount(
      { 'configuration-id': configuration.id, 'locales-url': folder },
      { before: (el) => (el.language = de) },
    );
    await page.slots.waitForTimes();
    expect(weekdays(page)).to.deep.equal(GERMAN_WEEK);
    expect(page.text()).to.contain(de.strings.timeZone).and.not.contain('Time zone');
    expect(page.base()!.getAttribute('lang')).to.equal('de');
    const fetched = performance.getEntriesByType('resource').map((entry) => entry.name);
    expect(fetched.filter((url) => url.startsWith(folder))).to.deep.equal([]);

    // The booking asks for emails in the language shown.
    (await page.slots.waitForTimes())[0]!.click();
    await page.form.waitFor();
    await page.type('Name', 'Grete Gast');
    await page.type('E-Mail', 'grete@guest.test');
    const request = oneEvent(page.el, 'scheduler-before-book');
    page.el.addEventListener('scheduler-before-book', (event) => event.preventDefault(), { once: true });
    page.form.submit();
    expect((await request).detail.email_language).to.equal('de');
    page.form.back();
    await page.slots.waitForTimes();

    // A regional locale of the same language keeps its region; taking the language back returns to the page's.
    page.el.locale = 'de-CH';
    await page.settle();
    expect(page.base()!.getAttribute('lang')).to.equal('de-CH');
    page.el.language = null;
    page.el.locale = 'en-US';
    await page.settle();
    expect(weekdays(page)).to.deep.equal(ENGLISH_WEEK);
    expect(page.text()).to.contain('Time zone');
  });
});
