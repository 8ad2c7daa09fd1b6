// A site owner's setup mistakes, each explained; branding from the configuration; text from the
// configuration and the guest in right-to-left and narrow CJK pages.
import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand, setViewport } from '@web/test-runner-commands';
import '../../src/define.js';
import ar from '../../src/i18n/locales/ar.js';
import type { SchedulerWidget } from '../../src/scheduler-widget.js';
import type { ErrorDetail } from './helpers.js';
import { WidgetPage, apiUrl, createConfiguration, mount } from './helpers.js';

/** Every `scheduler-error` and console message while `run` runs (plus a moment after, for late repeats). */
async function reported(
  run: () => Promise<WidgetPage>,
): Promise<{ page: WidgetPage; errors: ErrorDetail[]; console: string[] }> {
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

const languageShown = (page: WidgetPage, locale: string) =>
  waitUntil(() => page.base()?.getAttribute('lang') === locale, `the ${locale} language file loaded`);

describe('setup mistakes', () => {
  it('no configuration-id, session-id or slug: "not set up" in the widget, the attributes named in the console, one not_configured error', async () => {
    const { page, errors, console } = await reported(() => mount({}));
    expect(errors.map((e) => e.type)).to.deep.equal(['not_configured']);
    expect(page.skeleton(), 'no endless skeleton').to.equal(null);
    expect(page.error()!.textContent).to.contain('not set up');
    expect(page.retryButton(), 'a retry cannot help').to.equal(null);
    expect(console).to.have.length(1);
    expect(console[0]).to.contain('configuration-id').and.contain('session-id').and.contain('slug');
  });

  it('the "not set up" notice passes axe in English, Arabic and Japanese, light and dark', async () => {
    for (const locale of ['en', 'ar', 'ja']) {
      for (const theme of ['light', 'dark']) {
        const { page } = await reported(() => mount({ locale, theme }));
        await languageShown(page, locale);
        expect(page.error()!.textContent).not.to.equal('');
        await expect(page.el, `${locale} ${theme}`).to.be.accessible();
      }
    }
  });

  for (const url of ['localhost:8787', 'api.us.nylas.com']) {
    it(`api-url without a scheme ("${url}"): one invalid_api_url error naming the attribute and the fix, no request, no retry`, async () => {
      const configuration = await createConfiguration();
      const before = performance.getEntriesByType('resource').length;
      const { page, errors, console } = await reported(() =>
        mount({ 'configuration-id': configuration.id, 'api-url': url }),
      );
      expect(errors.map((e) => e.type)).to.deep.equal(['invalid_api_url']);
      expect(page.error()!.textContent).to.contain('not set up');
      expect(page.retryButton()).to.equal(null);
      expect(console).to.have.length(1);
      // Not only https://: the local API answers on http://localhost.
      expect(console[0]).to.contain('api-url').and.contain(url).and.contain('https://').and.contain('http://localhost');
      const requests = performance
        .getEntriesByType('resource')
        .slice(before)
        .map((entry) => entry.name);
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
    expect(page.calendar.el).to.equal(null);
    expect(page.error()!.textContent).to.contain('not set up');
  });

  it('one wrong configuration id fires scheduler-error exactly once', async () => {
    const { page, errors } = await reported(() =>
      mount({ 'configuration-id': '00000000-0000-4000-8000-00000000dead' }),
    );
    expect(errors.map((e) => e.type)).to.deep.equal(['not_found_error']);
    expect(page.error()!.textContent).to.contain('not available');
  });
});

describe('owner mistakes: told to the owner, calm for the guest', () => {
  it('a wrong configuration id: the guest reads "not available", the console names configuration-id and the id', async () => {
    const id = '00000000-0000-4000-8000-00000000beef';
    const { page, errors, console } = await reported(() => mount({ 'configuration-id': id }));
    expect(errors.map((e) => e.type)).to.deep.equal(['not_found_error']);
    expect(page.error()!.textContent!.trim()).to.equal('This booking page is not available.');
    expect(page.text()).not.to.contain('check the link');
    expect(console).to.have.length(1);
    expect(console[0]).to.contain('configuration-id').and.contain(id);
  });

  it('the API unreachable: the guest reads that the booking service is unavailable (not "check your connection"), the console names api-url', async () => {
    const configuration = await createConfiguration();
    const refused = await executeServerCommand<string, undefined>('refused-url');
    const { page, errors, console } = await reported(() =>
      mount({ 'configuration-id': configuration.id, 'api-url': refused }),
    );
    expect(errors.map((e) => e.type)).to.deep.equal(['network']);
    const notice = page.error()!.textContent!;
    expect(notice).to.contain('The booking service is unavailable. Please try again later.');
    expect(notice.toLowerCase()).not.to.contain('connection');
    expect(console).to.have.length(1);
    expect(console[0]).to.contain('api-url').and.contain(refused);
  });

  it('no api-url: one console warning for the page naming api-url and the address it then asks', async () => {
    const messages: string[] = [];
    const { warn } = console;
    console.warn = (...args: unknown[]) => messages.push(args.join(' '));
    try {
      // A request timeout of a moment: nothing here waits for api.us.nylas.com.
      const first = await fixture<SchedulerWidget>(
        html`<scheduler-widget configuration-id="not-used" request-timeout="1"></scheduler-widget>`,
      );
      const second = await fixture<SchedulerWidget>(
        html`<scheduler-widget configuration-id="not-used" request-timeout="1"></scheduler-widget>`,
      );
      await Promise.all([first.updateComplete, second.updateComplete]);
      await waitUntil(() => messages.some((message) => message.includes('api-url')), 'the owner is told');
      await aTimeout(100);
      const named = messages.filter((message) => message.includes('api-url'));
      expect(named, messages.join(' | ')).to.have.length(1);
      expect(named[0]).to.contain('https://api.us.nylas.com');
    } finally {
      console.warn = warn;
    }
  });

  it('a language file missing beside the entry: English for the guest, the file and the fix in the console, one scheduler-error', async () => {
    const configuration = await createConfiguration();
    const { page, errors, console } = await reported(() =>
      mount({ 'configuration-id': configuration.id, locale: 'de', 'locales-url': '/no-such-folder/' }),
    );
    await page.slots.waitForTimes();
    expect(page.text(), 'English for the guest').to.contain('Times on');
    expect(errors).to.have.length(1);
    expect(errors[0]!.message).to.contain('/no-such-folder/de.js');
    expect(console).to.have.length(1);
    expect(console[0]).to.contain('/no-such-folder/de.js').and.contain('locales/').and.contain('locales-url');
  });
});

/** A CSS colour as sRGB bytes, as the browser paints it (any syntax: hex, rgb(), oklch(from …)). */
function painted(color: string): [number, number, number] {
  const context = Object.assign(document.createElement('canvas'), { width: 1, height: 1 }).getContext('2d', {
    willReadFrequently: true,
  })!;
  context.fillStyle = color;
  context.fillRect(0, 0, 1, 1);
  const [r, g, b] = context.getImageData(0, 0, 1, 1).data;
  return [r!, g!, b!];
}

/** The hue (HSL, degrees) of a CSS colour. */
function hue(color: string): number {
  const [r, g, b] = painted(color);
  const max = Math.max(r, g, b);
  const range = max - Math.min(r, g, b);
  const sixths = max === r ? (g - b) / range : max === g ? (b - r) / range + 2 : (r - g) / range + 4;
  return (sixths * 60 + 360) % 360;
}

/** WCAG contrast ratio of two CSS colours. */
function contrast(a: string, b: string): number {
  const luminance = (color: string) =>
    painted(color)
      .map((c) => c / 255)
      .map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
      .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i]!, 0);
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

const BRAND = {
  company_name: 'Analytical Engines Ltd',
  company_logo_url: new URL('/no-such-logo.png', location.href).href,
  submit_button_label: 'Reserve my seat',
  thank_you_message: 'Thank you! See you soon.',
};

describe('branding from the configuration (appearance)', () => {
  it('logo (alt from the company, fixed size) and the organizer initials head the summary; button label and thank-you message replace the defaults', async () => {
    const configuration = await createConfiguration({ appearance: BRAND });
    const page = await mount({ 'configuration-id': configuration.id });
    await page.slots.waitForTimes();
    const logo = page.summary.logo()!;
    expect(logo.alt).to.equal('Analytical Engines Ltd');
    expect(logo.getAttribute('src')).to.equal(BRAND.company_logo_url);
    expect(getComputedStyle(logo).height).to.equal('40px');
    expect(page.summary.initials()).to.equal('OO');
    await page.slots.pickTime();
    expect(page.form.submitButton().textContent!.trim()).to.equal('Reserve my seat');
    await page.form.fill({ Name: 'Bea Brand', Email: 'bea@guest.test' });
    const booked = oneEvent(page.el, 'scheduler-booked');
    page.form.submit();
    await booked;
    await page.outcome.waitFor();
    expect(page.outcome.text()).to.contain('Thank you! See you soon.');
    await expect(page.el).to.be.accessible();
  });

  it('a logo URL that is not http(s) is not shown; without a company name the alt is the organizer', async () => {
    const unsafe = await createConfiguration({ appearance: { company_logo_url: 'javascript:alert(1)' } });
    const page = await mount({ 'configuration-id': unsafe.id });
    await page.slots.waitForTimes();
    expect(page.summary.logo()).to.equal(null);
    const plain = await createConfiguration({ appearance: { company_logo_url: BRAND.company_logo_url } });
    const other = await mount({ 'configuration-id': plain.id });
    await other.slots.waitForTimes();
    expect(other.summary.logo()!.alt).to.equal('Olga Organizer');
  });

  // Hues unlike the default blue's, so the accent shows whether the configuration's colour took over.
  for (const color of ['#facc15', '#0f766e', '#dc2626']) {
    it(`color ${color} becomes the accent, readable on the background and under its on-accent text, light and dark`, async () => {
      const configuration = await createConfiguration({ appearance: { color } });
      for (const theme of ['light', 'dark']) {
        const page = await mount({ 'configuration-id': configuration.id, theme });
        const slot = (await page.slots.waitForTimes())[0]!;
        const background = getComputedStyle(page.el).backgroundColor;
        const accent = getComputedStyle(slot).color;
        // The brand's hue, not the default blue.
        const apart = Math.abs(hue(accent) - hue(color)) % 360;
        expect(
          Math.min(apart, 360 - apart),
          `${theme}: the hue of ${color}, not the default blue, has ${accent}`,
        ).to.be.below(30);
        expect(contrast(accent, background), `${theme}: accent text on the background`).to.be.at.least(4.5);
        const selected = page.calendar.selectedDay()!;
        const { color: onAccent, backgroundColor: fill } = getComputedStyle(selected);
        expect(contrast(onAccent, fill), `${theme}: on-accent text on the accent`).to.be.at.least(4.5);
        await expect(page.el).to.be.accessible();
      }
    });
  }

  it("the floating button wears the configuration's colour, as the widget does", async () => {
    const configuration = await createConfiguration({ appearance: { color: '#0f9d58' } });
    const page = await mount({ 'configuration-id': configuration.id, display: 'floating', theme: 'light' });
    const button = await page.waitFor('[part~="floating-button"]');
    await waitUntil(
      () => Math.abs(hue(getComputedStyle(button).backgroundColor) - hue('#0f9d58')) < 12,
      `the button is green, is ${getComputedStyle(button).backgroundColor}`,
    );
  });

  it("the page's own --scheduler-accent wins over the configuration's color", async () => {
    const configuration = await createConfiguration({ appearance: { color: '#facc15' } });
    const page = await mount({ 'configuration-id': configuration.id });
    page.el.style.setProperty('--scheduler-accent', 'rgb(0, 90, 40)');
    const slot = (await page.slots.waitForTimes())[0]!;
    expect(getComputedStyle(slot).color).to.equal('rgb(0, 90, 40)');
  });

  for (const locale of ['en', 'ar', 'ja']) {
    it(`branded states pass axe in ${locale}, light and dark: schedule and details`, async () => {
      const configuration = await createConfiguration({ appearance: { ...BRAND, color: '#0f766e' } });
      for (const theme of ['light', 'dark']) {
        const page = await mount({ 'configuration-id': configuration.id, locale, theme });
        await languageShown(page, locale);
        await page.slots.waitForTimes();
        await expect(page.el, `${theme} schedule`).to.be.accessible();
        await page.slots.pickTime();
        await expect(page.el, `${theme} details`).to.be.accessible();
      }
    });
  }
});

describe('right to left and narrow CJK', () => {
  it('in Arabic, English text from the configuration keeps its punctuation at its end (isolated), and the time is punctuated by Intl', async () => {
    const configuration = await createConfiguration({
      event_booking: { title: 'Intro call', description: 'Thirty minutes to talk.', booking_type: 'booking' },
      scheduler: {
        min_booking_notice: 0,
        additional_fields: { topic: { label: 'What would you like to discuss?', type: 'text', required: false } },
      },
    });
    const page = await mount({ 'configuration-id': configuration.id, locale: 'ar' });
    await languageShown(page, 'ar');
    await page.slots.waitForTimes();
    /** Whether the last character of `element`'s text is painted right of its first (as in English). */
    const endsOnTheRight = (element: Element) => {
      const text = [...element.childNodes].find(
        (node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim(),
      )!;
      const value = text.textContent!;
      const rectOf = (index: number) => {
        const range = document.createRange();
        range.setStart(text, index);
        range.setEnd(text, index + 1);
        return range.getBoundingClientRect();
      };
      const first = value.search(/\S/);
      return rectOf(value.trimEnd().length - 1).left > rectOf(first).left;
    };
    const description = page.summary.description()!;
    expect(endsOnTheRight(description), '"Thirty minutes to talk." not ".Thirty minutes to talk"').to.equal(true);
    await page.slots.pickTime();
    const label = page.form.label('What would');
    expect(endsOnTheRight(label), '"What would you like to discuss?" not "?What would…"').to.equal(true);
    const when = page.summary.value(ar.strings.when)!;
    expect(when.textContent, 'Arabic comma, no Latin one').to.contain('،').and.not.contain(', ');
    for (const theme of ['light', 'dark']) {
      page.el.setAttribute('theme', theme);
      await expect(page.el, theme).to.be.accessible();
    }
  });

  it("in Arabic, the guest's email in the booked sentence is isolated (U+2068…U+2069): its dots and @ keep their order", async () => {
    const configuration = await createConfiguration({ scheduler: { min_booking_notice: 0 } });
    const page = await mount({ 'configuration-id': configuration.id, locale: 'ar' });
    await languageShown(page, 'ar');
    await page.slots.pickTime();
    await page.form.fill({ [ar.strings.name]: 'Grace', [ar.strings.email]: 'grace.hopper@guest.test' });
    page.form.submit();
    await page.outcome.waitFor();
    expect(page.outcome.text()).to.contain('\u2068grace.hopper@guest.test\u2069');
  });

  it('day numbers never wrap at 320 px in any built-in language, even with large text (Japanese and Chinese "10" without 日)', async () => {
    const configuration = await createConfiguration();
    await setViewport({ width: 320, height: 640 });
    try {
      for (const locale of ['en', 'ar', 'de', 'es', 'fr', 'he', 'ja', 'ko', 'nl', 'pt', 'sv', 'zh']) {
        const page = await mount({ 'configuration-id': configuration.id, locale });
        // A guest's larger text setting (the test machine has no CJK font, whose glyphs are wider still).
        page.el.style.fontSize = '20px';
        await languageShown(page, locale);
        await page.slots.waitForTimes();
        for (const cell of page.calendar.days()) {
          const range = document.createRange();
          range.selectNodeContents(cell);
          const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
          expect(lines.size, `${locale} ${cell.dataset.day} "${cell.textContent}" on one line`).to.equal(1);
          // The bare number in the language's digits: no suffix (日, 일) to widen the cell.
          expect(cell.textContent).to.equal(new Intl.NumberFormat(locale).format(Number(cell.dataset.day!.slice(8))));
          expect(range.getBoundingClientRect().width, `${locale} ${cell.dataset.day} fits its cell`).to.be.at.most(
            cell.clientWidth,
          );
        }
        page.el.remove();
      }
    } finally {
      await setViewport({ width: 1024, height: 768 });
    }
  });
});

describe('demo pages', () => {
  it('the demo page fits a 360 px phone, its event log (long JSON) wrapping', async () => {
    const configuration = await createConfiguration();
    const api = await apiUrl();
    const page = (await (await fetch('/demo/index.html')).text())
      .replace('href="/demo.css"', 'href="/demo/demo.css"')
      .replace('src="/demo.ts"', 'src="/demo/demo.ts"')
      .replace(/configuration-id="[^"]*" api-url="[^"]*"/, `configuration-id="${configuration.id}" api-url="${api}"`);
    const frame = Object.assign(document.createElement('iframe'), { srcdoc: page });
    frame.style.cssText = 'width: 360px; height: 640px; border: 0';
    document.body.append(frame);
    try {
      await waitUntil(
        () => frame.contentDocument?.querySelector('.log')?.textContent?.includes('scheduler-ready'),
        'an event is logged',
        { timeout: 10_000 },
      );
      const root = frame.contentDocument!.documentElement;
      expect(root.scrollWidth, 'no sideways scrolling').to.be.at.most(360);
    } finally {
      frame.remove();
    }
  });
});
