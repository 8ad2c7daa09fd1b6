import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import '../../src/define.js';
import type { SchedulerWidget } from '../../src/scheduler-widget.js';
import type { BookingResult, UiSettings } from '../../src/contract/guest.js';
import { WidgetPage, api, apiUrl, createConfiguration, getBooking, mount } from './helpers.js';

/** Whether the page has asked the API anything about this configuration yet. */
const requested = (configurationId: string) =>
  performance.getEntriesByType('resource').some((entry) => entry.name.includes(configurationId));

/** The page's focused element, looking into shadow roots. */
function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

async function hover(element: Element): Promise<void> {
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'move', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}

/** Presses Tab until `found` holds for the focused element (at most `limit` times). */
async function tabTo(found: (element: Element) => boolean, limit = 40): Promise<Element> {
  for (let i = 0; i < limit; i++) {
    await sendKeys({ press: 'Tab' });
    const active = deepActive();
    if (active && found(active)) return active;
  }
  throw new Error('not reached by Tab');
}

const dialogOf = (page: WidgetPage) => page.$<HTMLDialogElement>('dialog')!;

describe('display modes: popup and floating', () => {
  let configurationId: string;
  before(async () => {
    configurationId = (await createConfiguration({ event_booking: { title: 'Demo call', booking_type: 'booking' } }))
      .id;
  });
  afterEach(async () => {
    await sendMouse({ type: 'move', position: [0, 0] });
    await setViewport({ width: 800, height: 600 });
  });

  it('a [data-scheduler-open] link naming the widget warms it on hover, opens it as a modal on click; Esc closes it and focus returns to the link', async () => {
    const url = await apiUrl();
    const container = await fixture<HTMLElement>(html`<div>
      <p><a href="#book" data-scheduler-open="demo-popup">Book a demo</a></p>
      <scheduler-widget id="demo-popup" display="popup" configuration-id=${configurationId} api-url=${url} timezone="UTC" locale="en-US"></scheduler-widget>
    </div>`);
    const link = container.querySelector('a')!;
    const page = new WidgetPage(container.querySelector('scheduler-widget')!);
    await page.settle();
    expect(requested(configurationId), 'nothing is asked before the trigger is touched').to.equal(false);
    expect(page.$('dialog'), 'nor is the modal rendered').to.equal(null);
    expect(page.el.getBoundingClientRect().height, 'a closed popup takes no room').to.equal(0);

    const ready = oneEvent(page.el, 'scheduler-ready');
    await hover(link);
    await ready;
    expect(requested(configurationId), 'hovering the trigger starts the requests').to.equal(true);

    const opened = oneEvent(page.el, 'scheduler-open');
    link.click();
    await opened;
    expect(location.hash, 'the link does not navigate').to.not.equal('#book');
    expect(dialogOf(page).open).to.equal(true);
    expect(dialogOf(page).matches(':modal'), 'a modal dialog: the rest of the page is inert').to.equal(true);
    expect(getComputedStyle(document.documentElement).overflow, 'the page does not scroll behind it').to.equal(
      'hidden',
    );
    await page.slots.waitForTimes();
    expect(dialogOf(page).getAttribute('aria-label')).to.equal('Demo call');
    await expect(page.el).to.be.accessible();

    const closed = oneEvent(page.el, 'scheduler-close');
    await sendKeys({ press: 'Escape' });
    await closed;
    expect(dialogOf(page).open).to.equal(false);
    expect(document.activeElement).to.equal(link);
    expect(getComputedStyle(document.documentElement).overflow).to.not.equal('hidden');
  });

  it('open() and close() from script; the close button and a click outside close it', async () => {
    const trigger = await fixture<HTMLButtonElement>(html`<button>elsewhere</button>`);
    const el = await fixture<SchedulerWidget>(
      html`<scheduler-widget display="popup" configuration-id=${configurationId} api-url=${await apiUrl()} timezone="UTC"></scheduler-widget>`,
    );
    const page = new WidgetPage(el);
    trigger.focus();
    let opened = oneEvent(el, 'scheduler-open');
    el.open();
    await opened;
    await page.slots.waitForTimes();
    el.close();
    await oneEvent(el, 'scheduler-close');
    expect(document.activeElement, 'focus returns to what had it before open()').to.equal(trigger);

    opened = oneEvent(el, 'scheduler-open');
    el.open();
    await opened;
    let closed = oneEvent(el, 'scheduler-close');
    page.$<HTMLButtonElement>('[part~="close-button"]')!.click();
    await closed;

    opened = oneEvent(el, 'scheduler-open');
    el.open();
    await opened;
    closed = oneEvent(el, 'scheduler-close');
    const box = dialogOf(page).getBoundingClientRect();
    expect(box.top, 'the modal leaves room around it on a wide screen').to.be.greaterThan(2);
    await sendMouse({ type: 'click', position: [Math.round(box.left + 10), Math.round(box.top / 2)] });
    await closed;
    expect(dialogOf(page).open).to.equal(false);
  });

  it('fills the screen below 600 px', async () => {
    await setViewport({ width: 375, height: 700 });
    const el = await fixture<SchedulerWidget>(
      html`<scheduler-widget display="popup" configuration-id=${configurationId} api-url=${await apiUrl()} timezone="UTC"></scheduler-widget>`,
    );
    const page = new WidgetPage(el);
    const opened = oneEvent(el, 'scheduler-open');
    el.open();
    await opened;
    await page.slots.waitForTimes();
    const box = dialogOf(page).getBoundingClientRect();
    expect([box.left, box.top, box.width, box.height]).to.deep.equal([0, 0, 375, 700]);
    await expect(el).to.be.accessible();
    el.close();
  });

  it('a floating button in the chosen corner opens the same modal, labelled and themed by the page', async () => {
    const el = await fixture<SchedulerWidget>(
      html`<scheduler-widget
        display="floating"
        floating-position="bottom-left"
        floating-label="Talk to sales"
        style="--scheduler-accent: rgb(200, 0, 80)"
        configuration-id=${configurationId}
        api-url=${await apiUrl()}
        timezone="UTC"
      ></scheduler-widget>`,
    );
    const page = new WidgetPage(el);
    const button = page.$<HTMLButtonElement>('[part="floating-button"]')!;
    expect(button.textContent!.trim()).to.equal('Talk to sales');
    const style = getComputedStyle(button);
    expect(style.position).to.equal('fixed');
    expect(style.backgroundColor).to.equal('rgb(200, 0, 80)');
    const box = button.getBoundingClientRect();
    expect(box.left).to.equal(16);
    expect(Math.round(innerHeight - box.bottom)).to.equal(16);
    await expect(el).to.be.accessible();

    const opened = oneEvent(el, 'scheduler-open');
    await sendMouse({ type: 'click', position: [Math.round(box.x + 10), Math.round(box.y + 10)] });
    await opened;
    await page.slots.waitForTimes();
    await expect(el).to.be.accessible();
    const closed = oneEvent(el, 'scheduler-close');
    await sendKeys({ press: 'Escape' });
    await closed;
    expect(page.root.activeElement, 'focus returns to the floating button').to.equal(button);
  });

  it('books by keyboard alone inside the popup, and focus returns to the trigger when it closes', async () => {
    const url = await apiUrl();
    const container = await fixture<HTMLElement>(html`<div>
      <button data-scheduler-open="kb-popup">Book</button>
      <scheduler-widget id="kb-popup" display="popup" configuration-id=${configurationId} api-url=${url} timezone="UTC" locale="en-US"></scheduler-widget>
    </div>`);
    const trigger = container.querySelector('button')!;
    const page = new WidgetPage(container.querySelector('scheduler-widget')!);
    trigger.focus();
    const opened = oneEvent(page.el, 'scheduler-open');
    await sendKeys({ press: 'Enter' });
    await opened;
    await page.slots.waitForTimes();
    await tabTo((element) => element.classList.contains('slot'));
    const chosen = oneEvent(page.el, 'scheduler-slot-select');
    await sendKeys({ press: 'Enter' });
    const start = ((await chosen) as CustomEvent<{ slot: { start_time: number } }>).detail.slot.start_time;
    await page.waitFor('form');
    await waitUntil(() => deepActive()?.hasAttribute('data-step-heading'), 'focus moves to the form');
    await tabTo((element) => element.id === 'name');
    await sendKeys({ type: 'Kim Keyboard' });
    await tabTo((element) => element.id === 'email');
    await sendKeys({ type: 'kim@keyboard.test' });
    const booked = oneEvent(page.el, 'scheduler-booked');
    await sendKeys({ press: 'Enter' });
    const { detail } = (await booked) as CustomEvent<BookingResult>;
    const stored = (await getBooking(detail.booking_id)).body.data;
    expect([stored.start_time, stored.guest.email]).to.deep.equal([start, 'kim@keyboard.test']);
    await page.waitFor('[part~="confirmation"]');
    await expect(page.el).to.be.accessible();
    const closed = oneEvent(page.el, 'scheduler-close');
    await sendKeys({ press: 'Escape' });
    await closed;
    expect(document.activeElement).to.equal(trigger);
  });

  it('two widgets and several triggers on one page: each trigger opens its own widget, a bare one the first popup', async () => {
    const url = await apiUrl();
    const other = (await createConfiguration({ event_booking: { title: 'Other call', booking_type: 'booking' } })).id;
    const container = await fixture<HTMLElement>(html`<div>
      <a href="#" id="bare" data-scheduler-open>Book</a>
      <button id="to-second" data-scheduler-open="second"><span>Book the other</span></button>
      <button id="to-first" data-scheduler-open="first">Book again</button>
      <scheduler-widget id="inline" configuration-id=${other} api-url=${url}></scheduler-widget>
      <scheduler-widget id="first" display="popup" configuration-id=${configurationId} api-url=${url}></scheduler-widget>
      <scheduler-widget id="second" display="popup" configuration-id=${other} api-url=${url}></scheduler-widget>
    </div>`);
    const widget = (id: string) => container.querySelector<SchedulerWidget>(`#${id}`)!;
    const isOpen = (id: string) => widget(id).shadowRoot!.querySelector('dialog')?.open ?? false;
    for (const [trigger, target] of [
      ['bare', 'first'],
      ['to-second', 'second'],
      ['to-first', 'first'],
    ] as const) {
      const opened = oneEvent(widget(target), 'scheduler-open');
      container.querySelector<HTMLElement>(trigger === 'to-second' ? '#to-second span' : `#${trigger}`)!.click();
      await opened;
      expect(['first', 'second'].filter(isOpen), trigger).to.deep.equal([target]);
      widget(target).close();
      await oneEvent(widget(target), 'scheduler-close');
    }
    expect(widget('inline').shadowRoot!.querySelector('dialog'), 'an inline widget is no popup').to.equal(null);
  });

  it('removed from the page while open: the page scrolls again and focus returns to the trigger', async () => {
    const container = await fixture<HTMLElement>(html`<div>
      <button data-scheduler-open="removed-popup">Book</button>
      <scheduler-widget id="removed-popup" display="popup" configuration-id=${configurationId} api-url=${await apiUrl()}></scheduler-widget>
    </div>`);
    const trigger = container.querySelector('button')!;
    const el = container.querySelector<SchedulerWidget>('scheduler-widget')!;
    document.documentElement.style.overflow = 'clip';
    try {
      const opened = oneEvent(el, 'scheduler-open');
      trigger.click();
      await opened;
      expect(document.documentElement.style.overflow).to.equal('hidden');
      el.remove();
      await waitUntil(() => document.documentElement.style.overflow === 'clip', 'the page scroll lock is lifted');
      await waitUntil(() => document.activeElement === trigger, 'focus returns to the trigger');
    } finally {
      document.documentElement.style.overflow = '';
    }
  });

  it('a slotted trigger opens its widget', async () => {
    const el = await fixture<SchedulerWidget>(
      html`<scheduler-widget display="popup" configuration-id=${configurationId} api-url=${await apiUrl()}
        ><button slot="trigger">Schedule a call</button></scheduler-widget
      >`,
    );
    const trigger = el.querySelector('button')!;
    expect(trigger.getBoundingClientRect().height, 'the trigger shows in the page').to.be.greaterThan(0);
    const opened = oneEvent(el, 'scheduler-open');
    trigger.click();
    await opened;
    el.close();
    await oneEvent(el, 'scheduler-close');
    expect(document.activeElement).to.equal(trigger);
  });
});

describe('what the page knows goes into the booking', () => {
  const pageUrl = location.href;
  afterEach(() => history.replaceState(null, '', pageUrl));

  /** The additional fields the local API stored with a booking (as its ui-settings for the booking tell them). */
  async function storedFields(configurationId: string, bookingId: string): Promise<Record<string, string> | undefined> {
    const answer = await api<UiSettings>(
      'GET',
      `/v3/scheduling/ui-settings?configuration_id=${configurationId}&booking_id=${bookingId}`,
    );
    return answer.body.data.booking?.additional_fields;
  }

  async function campaignConfiguration(): Promise<string> {
    const configuration = await createConfiguration({
      scheduler: {
        min_booking_notice: 0,
        additional_fields: {
          company: { label: 'Company', type: 'text', required: false },
          utm_source: { label: 'Source', type: 'metadata', required: false },
          utm_campaign: { label: 'Campaign', type: 'metadata', required: false },
        },
      },
    });
    return configuration.id;
  }

  it('prefill-from-url: name, email and fields from the query string, and utm_* metadata, reach the stored booking; values are cut and shown as text', async () => {
    const long = 'x'.repeat(400);
    const query = new URLSearchParams({
      name: '<img src=x onerror=alert(1)>Ada',
      email: 'ada@url.test',
      company: long,
      utm_source: 'newsletter',
      utm_campaign: 'spring',
      unrelated: 'ignored',
    });
    history.replaceState(null, '', `?${query}`);
    const configurationId = await campaignConfiguration();
    const page = await mount({ 'configuration-id': configurationId, 'prefill-from-url': '' });
    await page.slots.pickTime();
    expect(page.input('Name').value).to.equal('<img src=x onerror=alert(1)>Ada');
    expect(page.$('img'), 'never rendered as HTML').to.equal(null);
    expect(page.input('Company').value).to.have.length(256);
    const booked = oneEvent(page.el, 'scheduler-booked');
    page.form.submit();
    const { detail } = (await booked) as CustomEvent<BookingResult>;
    const stored = (await getBooking(detail.booking_id)).body.data;
    expect(stored.guest).to.deep.equal({ name: '<img src=x onerror=alert(1)>Ada', email: 'ada@url.test' });
    expect(await storedFields(configurationId, detail.booking_id)).to.deep.equal({
      company: 'x'.repeat(256),
      utm_source: 'newsletter',
      utm_campaign: 'spring',
    });
  });

  it('without prefill-from-url only metadata fields (utm_*) are taken from the page URL', async () => {
    history.replaceState(null, '', '?name=Ada&company=Acme&utm_source=ads');
    const configurationId = await campaignConfiguration();
    const page = await mount({ 'configuration-id': configurationId });
    await page.slots.pickTime();
    expect(page.input('Name').value).to.equal('');
    expect(page.input('Company').value).to.equal('');
    await page.form.fill({ Name: 'Bo', Email: 'bo@url.test' });
    const booked = oneEvent(page.el, 'scheduler-booked');
    page.form.submit();
    const { detail } = (await booked) as CustomEvent<BookingResult>;
    expect(await storedFields(configurationId, detail.booking_id)).to.deep.equal({ utm_source: 'ads' });
  });
});

describe('multi_select additional fields', () => {
  it('are checkboxes, required until one is chosen; the chosen options reach the stored booking joined by commas', async () => {
    const configuration = await createConfiguration({
      scheduler: {
        min_booking_notice: 0,
        additional_fields: {
          topics: { label: 'Topics', type: 'multi_select', required: true, options: ['Pricing', 'Demo', 'Support'] },
        },
      },
    });
    const page = await mount({ 'configuration-id': configuration.id });
    await page.slots.pickTime();
    await page.form.fill({ Name: 'Mo', Email: 'mo@multi.test' });
    const boxes = page.$$<HTMLInputElement>('input[name="topics"]');
    expect(boxes.map((box) => [box.type, box.labels![0]!.textContent])).to.deep.equal([
      ['checkbox', 'Pricing'],
      ['checkbox', 'Demo'],
      ['checkbox', 'Support'],
    ]);
    expect(page.form.el!.checkValidity(), 'nothing chosen: not valid').to.equal(false);
    await expect(page.el).to.be.accessible();
    for (const index of [2, 0]) {
      boxes[index]!.click();
      await page.settle();
    }
    expect(page.form.el!.checkValidity()).to.equal(true);
    const request = oneEvent(page.el, 'scheduler-before-book');
    const booked = oneEvent(page.el, 'scheduler-booked');
    page.form.submit();
    expect(
      ((await request) as CustomEvent<{ additional_fields?: Record<string, string> }>).detail.additional_fields,
    ).to.deep.equal({ topics: 'Pricing,Support' });
    const { detail } = (await booked) as CustomEvent<BookingResult>;
    const answer = await api<UiSettings>(
      'GET',
      `/v3/scheduling/ui-settings?configuration_id=${configuration.id}&booking_id=${detail.booking_id}`,
    );
    expect(answer.body.data.booking?.additional_fields).to.deep.equal({ topics: 'Pricing,Support' });
  });
});

describe('add to calendar', () => {
  it('Google Calendar, Outlook.com and Microsoft 365 links carry the booking (title, times, place, description) and open a new tab', async () => {
    const configuration = await createConfiguration({
      event_booking: {
        title: 'Intro & chat',
        description: 'A first talk',
        location: 'Room 4, floor 2',
        booking_type: 'booking',
      },
    });
    const page = await mount({ 'configuration-id': configuration.id });
    const { start } = await page.slots.pickTime();
    await page.form.fill({ Name: 'Cal', Email: 'cal@links.test' });
    page.form.submit();
    await page.waitFor('[part~="calendar-link"]');
    await expect(page.el).to.be.accessible();
    const links = page.$$<HTMLAnchorElement>('[part~="calendar-link"]');
    expect(links.map((link) => [link.textContent, link.target, link.rel])).to.deep.equal([
      ['Google Calendar', '_blank', 'noopener'],
      ['Outlook.com', '_blank', 'noopener'],
      ['Microsoft 365', '_blank', 'noopener'],
    ]);
    const compact = (seconds: number) => new Date(seconds * 1000).toISOString().replace(/[-:]|\.\d{3}/g, '');
    const end = start + 30 * 60;
    const google = new URL(links[0]!.href);
    expect(google.origin + google.pathname).to.equal('https://calendar.google.com/calendar/render');
    expect(Object.fromEntries(google.searchParams)).to.deep.equal({
      action: 'TEMPLATE',
      text: 'Intro & chat',
      dates: `${compact(start)}/${compact(end)}`,
      details: 'A first talk',
      location: 'Room 4, floor 2',
    });
    const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace('.000', '');
    const outlookParams = {
      path: '/calendar/action/compose',
      rru: 'addevent',
      subject: 'Intro & chat',
      startdt: iso(start),
      enddt: iso(end),
      body: 'A first talk',
      location: 'Room 4, floor 2',
    };
    for (const [link, origin] of [
      [links[1]!, 'https://outlook.live.com'],
      [links[2]!, 'https://outlook.office.com'],
    ] as const) {
      const url = new URL(link.href);
      expect(url.origin + url.pathname).to.equal(`${origin}/calendar/0/deeplink/compose`);
      expect(Object.fromEntries(url.searchParams)).to.deep.equal(outlookParams);
    }
  });
});

describe('funnel events', () => {
  const FUNNEL = [
    'scheduler-view',
    'scheduler-month-change',
    'scheduler-timezone-change',
    'scheduler-form-start',
  ] as const;

  it('view, month change, time-zone change and form start: each once, in order, with their details', async () => {
    const configuration = await createConfiguration({
      scheduler: { min_booking_notice: 0, available_days_in_future: 60 },
    });
    const seen: Array<[string, unknown]> = [];
    const record = (event: Event) => seen.push([event.type, (event as CustomEvent).detail]);
    for (const name of FUNNEL) document.addEventListener(name, record);
    try {
      const page = await mount({ 'configuration-id': configuration.id, timezone: 'UTC', locale: 'en-US' });
      await page.slots.waitForTimes();
      page.$<HTMLButtonElement>('[aria-label="Next month"]')!.click();
      await waitUntil(() => seen.length === 2, 'month change');
      page.$<HTMLButtonElement>('[aria-label="Previous month"]')!.click();
      await waitUntil(() => seen.length === 3, 'month change back');
      const zone = page.slots.zoneInput();
      zone.value = 'Asia/Tokyo';
      zone.dispatchEvent(new Event('change'));
      await page.slots.waitForTimes();
      await page.slots.pickTime();
      await page.form.fill({ Name: 'Fay', Email: 'fay@funnel.test' });
      await page.settle();
      expect(seen).to.deep.equal([
        ['scheduler-view', { configuration_id: configuration.id, display: 'inline' }],
        ['scheduler-month-change', { month: '2030-02' }],
        ['scheduler-month-change', { month: '2030-01' }],
        ['scheduler-timezone-change', { timeZone: 'Asia/Tokyo' }],
        ['scheduler-form-start', { configuration_id: configuration.id }],
      ]);
    } finally {
      for (const name of FUNNEL) document.removeEventListener(name, record);
    }
  });

  it('a popup is viewed when it first opens, not when it loads on hover', async () => {
    const configuration = await createConfiguration();
    const views: unknown[] = [];
    const el = await fixture<SchedulerWidget>(
      html`<scheduler-widget display="popup" configuration-id=${configuration.id} api-url=${await apiUrl()} @scheduler-view=${(e: CustomEvent) => views.push(e.detail)}></scheduler-widget>`,
    );
    el.shadowRoot!.querySelector('slot')!.dispatchEvent(new Event('focusin'));
    await oneEvent(el, 'scheduler-ready');
    await new WidgetPage(el).slots.waitForTimes();
    expect(views).to.deep.equal([]);
    for (let i = 0; i < 2; i++) {
      const opened = oneEvent(el, 'scheduler-open');
      el.open();
      await opened;
      el.close();
    }
    expect(views).to.deep.equal([{ configuration_id: configuration.id, display: 'popup' }]);
  });
});
