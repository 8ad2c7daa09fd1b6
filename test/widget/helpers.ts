import { executeServerCommand } from '@web/test-runner-commands';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { ConfigurationInput, Configuration, LocalBooking } from '../../src/contract/admin.js';
import type { SchedulerEventMap } from '../../src/events.js';
import type { SchedulerWidget } from '../../src/scheduler-widget.js';
import { en, type Strings } from '../../src/i18n/index.js';
import { enLater } from '../../src/i18n/en-later.js';
import ar from '../../src/i18n/locales/ar.js';
import ja from '../../src/i18n/locales/ja.js';

const timeZoneList = (): string[] => [...Intl.supportedValuesOf('timeZone'), 'UTC'];

interface ApiAnswer<T> {
  status: number;
  body: { request_id: string; data: T; error?: { type: string; message: string } };
}

/** Calls the real local API with the API key, from the test runner's Node side (as a backend would). */
export function api<T = unknown>(method: string, path: string, body?: unknown): Promise<ApiAnswer<T>> {
  return executeServerCommand('api', { method, path, body });
}

/**
 * Where the widget is pointed: the local API itself, or the strict Nylas-shaped server in front of
 * it (test/support/strict-server.mjs), which answers only the fields Nylas documents.
 */
export type Backend = 'local' | 'strict';
export const BACKENDS: Backend[] = ['local', 'strict'];
export const backendName = (backend: Backend) =>
  backend === 'local' ? 'the local API' : 'a strict Nylas-shaped server';

const apiUrls = new Map<Backend, string>();
export async function apiUrl(backend: Backend = 'local'): Promise<string> {
  if (!apiUrls.has(backend)) apiUrls.set(backend, await executeServerCommand<string, Backend>('api-url', backend));
  return apiUrls.get(backend)!;
}

/** Every field of the local API's answers the strict server has left out so far ("POST bookings.start_time", …). */
export const strippedFields = () => executeServerCommand<string[], undefined>('strict-stripped');

/**
 * Fields of an answer the widget may look for and do without: Nylas does not send them, and the
 * widget shows them only when present. Any other read of a field an answer lacks is a dependency
 * on something Nylas does not send, and fails the test (see watchAbsentReads).
 */
const OPTIONAL_READS = [
  /^[^.]+\.(data|error)$/, // the envelope: `data` or `error`, whichever the answer has
  /^ui-settings\.data\.(event_booking|booking)$/, // local extension; `booking` only with booking_id
  /^ui-settings\.data\.booking\.(start_time|end_time|status)$/, // local extensions
  /^ui-settings\.data\.booking\.event_data(\.when)?$/, // optional in Nylas's answer
  /^ui-settings\.data\.booking\.additional_fields\.\w+$/, // a field the guest left blank
  /^ui-settings\.data\.scheduler\.additional_fields\.\w+\.(default|pattern|order|options)$/, // a field's optional settings
  /^ui-settings\.data\.scheduler\.\w+$/, // settings a configuration may leave unset
  /^ui-settings\.data\.appearance\.\w+$/, // branding a configuration may leave unset
  /^availability\.data\.order$/, // round-robin only
  /^availability\.data\.time_slots\.\[\]\.title$/, // local extension: a group session's own title
];
/** Reads by the platform or the test tools, not by the widget. */
const IGNORED_KEYS = new Set(['then', 'toJSON', 'constructor']);

/**
 * Wraps every JSON answer the widget reads in a proxy that records each read of a field the
 * answer does not have, as "<call>.<path>"; `unexpected()` lists those the widget may not make.
 */
export function watchAbsentReads(): { unexpected(): string[]; stop(): void } {
  const reads = new Set<string>();
  const proxies = new WeakMap<object, object>();
  const track = (value: unknown, path: string): unknown => {
    if (typeof value !== 'object' || value === null) return value;
    if (!proxies.has(value)) {
      proxies.set(
        value,
        new Proxy(value, {
          get(target, key, receiver) {
            if (typeof key !== 'string') return Reflect.get(target, key, receiver);
            const where = `${path}.${/^\d+$/.test(key) ? '[]' : key}`;
            if (!(key in target) && !IGNORED_KEYS.has(key)) reads.add(where);
            return track(Reflect.get(target, key, receiver), where);
          },
        }),
      );
    }
    return proxies.get(value);
  };
  const original = Response.prototype.json;
  Response.prototype.json = async function (this: Response) {
    const call = new URL(this.url).pathname
      .replace(/^.*\/v3\/scheduling\//, '')
      .replace(/^bookings\/.+/, 'bookings/{id}');
    return track(await original.call(this), call);
  };
  return {
    unexpected: () => [...reads].filter((read) => !OPTIONAL_READS.some((allowed) => allowed.test(read))).sort(),
    stop: () => {
      Response.prototype.json = original;
    },
  };
}

/** In a strict-server suite: each test fails if the widget read a field Nylas does not send. */
export function failOnAbsentReads(): void {
  let watcher: ReturnType<typeof watchAbsentReads>;
  beforeEach(() => (watcher = watchAbsentReads()));
  afterEach(() => {
    watcher.stop();
    const unexpected = watcher.unexpected();
    expect(unexpected, `fields the widget read that Nylas does not send: ${unexpected.join(', ')}`).to.deep.equal([]);
  });
}

let counter = 0;
/** A fresh organizer (own grant, empty calendar) so tests never see each other's bookings. */
export function uniqueEmail(name = 'organizer'): string {
  return `${name}-${Date.now().toString(36)}-${counter++}@widget.test`;
}

/** Open every day, all day (UTC), so a test always has times whatever the date it runs. */
export const ALWAYS_OPEN = [{ days: [0, 1, 2, 3, 4, 5, 6] as const, start: '0:00', end: '24:00', timezone: 'UTC' }];

export async function createConfiguration(
  overrides: Partial<ConfigurationInput> = {},
  organizer = uniqueEmail(),
): Promise<Configuration> {
  const body: ConfigurationInput = {
    participants: [
      {
        email: organizer,
        name: 'Olga Organizer',
        is_organizer: true,
        timezone: 'UTC',
        availability: { open_hours: ALWAYS_OPEN.map((h) => ({ ...h, days: [...h.days] })) },
      },
    ],
    availability: { duration_minutes: 30, availability_rules: { availability_method: 'collective' } },
    event_booking: { title: 'Test meeting', booking_type: 'booking' },
    scheduler: { min_booking_notice: 0, available_days_in_future: 30 },
    ...overrides,
  };
  const answer = await api<Configuration>(
    'POST',
    `/v3/grants/${encodeURIComponent(organizer)}/scheduling/configurations`,
    body,
  );
  if (answer.status >= 300) throw new Error(`configuration not created: ${JSON.stringify(answer.body)}`);
  return answer.body.data;
}

export async function createSession(configurationId: string, ttl = 10): Promise<string> {
  const answer = await api<{ session_id: string }>('POST', '/v3/scheduling/sessions', {
    configuration_id: configurationId,
    time_to_live: ttl,
  });
  if (answer.status >= 300) throw new Error(`session not created: ${JSON.stringify(answer.body)}`);
  return answer.body.data.session_id;
}

/** The booking as the local API has it (with its times and guest), asked with the API key. */
export async function getBooking(bookingId: string): Promise<ApiAnswer<LocalBooking>> {
  return api<LocalBooking>('GET', `/v3/scheduling/bookings/${bookingId}`);
}

/** Reads and drives the widget's shadow DOM the way a person would see it. */
export class WidgetPage {
  readonly calendar = new CalendarObject(this);
  readonly week = new WeekObject(this);
  readonly slots = new SlotsObject(this);
  readonly form = new FormObject(this);
  readonly outcome = new OutcomeObject(this);
  readonly summary = new SummaryObject(this);

  constructor(readonly el: SchedulerWidget) {}

  /** The placeholder while ui-settings load (`part="skeleton"`). */
  skeleton(): HTMLElement | null {
    return this.$('[part~="skeleton"]');
  }

  /** The notice about a problem (`part="error"`). */
  error(): HTMLElement | null {
    return this.$('[part~="error"]');
  }

  async waitForError(): Promise<HTMLElement> {
    return this.waitFor('[part~="error"]');
  }

  /** What the widget announces to screen readers (its polite live region). */
  announcement(): string {
    return this.$('[role="status"]')!.textContent!;
  }

  /** The widget's root box (`part="base"`), which carries the language shown (`lang`, `dir`). */
  base(): HTMLElement | null {
    return this.$('[part~="base"]');
  }

  /** How many columns the calendar and times panels take (two when wide, one when narrow). */
  panelColumns(): number {
    const panels = this.$('[part~="calendar-panel"]')!.parentElement!;
    return getComputedStyle(panels).gridTemplateColumns.split(' ').length;
  }

  /** Waits for a button or link by its part name (`cancel-button`, `confirm-button`, …). */
  async waitForControl(part: string): Promise<HTMLButtonElement> {
    return this.waitFor<HTMLButtonElement>(`[part~="${part}"]`);
  }

  retryButton(): HTMLButtonElement | null {
    return this.$<HTMLButtonElement>('[part~="retry-button"]');
  }

  /**
   * Does `action` (or waits, without one) until the widget reports an error: expects its detail to
   * include `expected`, then the guest to be told `text`. Resolves to the event's detail.
   */
  async expectError(expected: Partial<ErrorDetail>, text?: string, action?: () => unknown): Promise<ErrorDetail> {
    const reported = oneEvent(this.el, 'scheduler-error');
    await action?.();
    const { detail } = await reported;
    expect(detail).to.include(expected);
    if (text) await waitUntil(() => this.text().includes(text), `the guest is told "${text}", has "${this.text()}"`);
    return detail;
  }

  get root(): ShadowRoot {
    return this.el.shadowRoot!;
  }

  $<T extends Element = HTMLElement>(selector: string): T | null {
    return this.root.querySelector<T>(selector);
  }

  $$<T extends Element = HTMLElement>(selector: string): T[] {
    return [...this.root.querySelectorAll<T>(selector)];
  }

  async waitFor<T extends Element = HTMLElement>(selector: string, timeout = 10_000): Promise<T> {
    await waitUntil(() => this.$(selector), `nothing matched ${selector}`, { timeout });
    return this.$<T>(selector)!;
  }

  async settle(): Promise<void> {
    await this.el.updateComplete;
  }

  input(label: string): HTMLInputElement {
    const labels = this.$$<HTMLLabelElement>('label');
    const match = labels.find((l) => l.textContent!.replace(/\s+/g, ' ').trim().startsWith(label));
    if (!match)
      throw new Error(`no field labelled ${label}; have: ${labels.map((l) => l.textContent!.trim()).join(' | ')}`);
    return this.root.getElementById(match.htmlFor) as HTMLInputElement;
  }

  async type(label: string, value: string): Promise<void> {
    const input = this.input(label);
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    await this.settle();
  }

  text(): string {
    return this.root.textContent!.replace(/\s+/g, ' ');
  }
}

export interface MountOptions {
  /** Where the widget is pointed unless `attributes` has an `api-url`: the local API by default. */
  backend?: Backend;
  /** Runs on the element before any attribute is set (e.g. to hand over a language). */
  before?: (el: SchedulerWidget) => void;
}

/** The one way tests put a widget on the page: an empty element, then the attributes, as a page would. */
export async function mount(
  attributes: Record<string, string>,
  { backend = 'local', before }: MountOptions = {},
): Promise<WidgetPage> {
  // The attributes follow the element within the same task, as a page's script sets them (a widget
  // still without an id a task later reports that it is not configured).
  const url = await apiUrl(backend);
  const el = await fixture<SchedulerWidget>(html`<scheduler-widget></scheduler-widget>`);
  before?.(el);
  for (const [name, value] of Object.entries({ 'api-url': url, ...attributes })) el.setAttribute(name, value);
  return new WidgetPage(el);
}

export type ErrorDetail = SchedulerEventMap['scheduler-error']['detail'];

/** A language and a theme a state is shown in: every state a change touches is checked in each. */
export interface Look {
  language: 'en' | 'ar' | 'ja';
  theme: 'light' | 'dark';
}

/** English, Arabic (right to left) and Japanese, each light and dark. */
export const LOOKS: Look[] = (['en', 'ar', 'ja'] as const).flatMap((language) =>
  (['light', 'dark'] as const).map((theme) => ({ language, theme })),
);

const LANGUAGES = { ar, ja };

/** The strings a look shows: its language's, English for English. */
export const stringsOf = ({ language }: Look): Strings =>
  language === 'en' ? { ...en, ...enLater } : LANGUAGES[language].strings;

/** `mount` in a look: its language handed over whole (no file to load), its theme forced. */
export function mountIn(look: Look, attributes: Record<string, string>): Promise<WidgetPage> {
  return mount(
    { timezone: 'UTC', ...attributes, theme: look.theme, locale: look.language === 'en' ? 'en-US' : look.language },
    { before: (el) => look.language !== 'en' && (el.language = LANGUAGES[look.language]) },
  );
}

export const lookName = ({ language, theme }: Look) => `${language}, ${theme}`;

/** A documented part of the widget, found by its `part` name (the names of the manifest's @csspart). */
class PartObject {
  constructor(
    protected readonly page: WidgetPage,
    readonly part: string,
  ) {}

  get el(): HTMLElement | null {
    return this.page.$(`[part~="${this.part}"]`);
  }

  async waitFor(): Promise<HTMLElement> {
    return this.page.waitFor(`[part~="${this.part}"]`);
  }

  text(): string {
    return (this.el?.textContent ?? '').replace(/\s+/g, ' ');
  }

  /** A button or link inside by its own part name (`cancel-button`, `reschedule-link`, …). */
  control<T extends HTMLElement = HTMLButtonElement>(part: string): T | null {
    return this.page.$<T>(`[part~="${part}"]`);
  }
}

/** The month calendar (`part="calendar"`), like Lion's CalendarObject. */
export class CalendarObject extends PartObject {
  constructor(page: WidgetPage) {
    super(page, 'calendar');
  }

  /** Every day of the month (not the empty cells around it). */
  days(): HTMLElement[] {
    return this.page.$$('[part~="day"]:not([part~="outside"])');
  }

  availableDays(): HTMLElement[] {
    return this.page.$$('[part~="day"][part~="available"]');
  }

  selectedDay(): HTMLElement | null {
    return this.page.$('[part~="day"][part~="selected"]');
  }

  /** The one day in the tab order (roving tabindex). */
  activeDays(): HTMLElement[] {
    return this.page.$$('[part~="day"][tabindex="0"]');
  }

  weekdays(): Array<string | null> {
    return this.page.$$('[part~="grid"] th').map((th) => th.getAttribute('aria-label'));
  }

  async pickDay(day: string): Promise<void> {
    this.page.$<HTMLElement>(`[part~="day"][data-day="${day}"]`)!.click();
    await this.page.settle();
  }
}

/** The week layout (`part="week"`): a column of times per day, one tab stop in its grid. */
export class WeekObject extends PartObject {
  constructor(page: WidgetPage) {
    super(page, 'week');
  }

  title(): string {
    return this.page.$('[part~="week-title"]')!.textContent!.trim();
  }

  /** The columns' names (`part="week-day"`), as a screen reader reads them. */
  dayNames(): string[] {
    return this.page.$$('[part~="week-day"]').map((th) => th.getAttribute('aria-label')!);
  }

  /** The days shown ('YYYY-MM-DD'), from the grid's first row (each day has a cell there). */
  days(): string[] {
    return this.page.$$('[part~="week-grid"] tbody tr:first-child [data-day]').map((cell) => cell.dataset.day!);
  }

  /** The times (`part="slot"`), of one day or of the whole week. */
  times(day?: string): HTMLButtonElement[] {
    return this.page.$$<HTMLButtonElement>(`[part~="week-grid"] [part~="slot"]${day ? `[data-day="${day}"]` : ''}`);
  }

  /** The cells of days without times (`part="no-times"`, with `loading` while their month is fetched). */
  noTimes(): HTMLElement[] {
    return this.page.$$('[part~="no-times"]');
  }

  /** The cells in the tab order: one (roving tabindex). */
  tabStops(): HTMLElement[] {
    return this.page.$$('[part~="week-grid"] [tabindex="0"]');
  }

  /** Previous or next week (`part="nav-button"` in `part="week-header"`). */
  navButton(which: 'previous' | 'next'): HTMLButtonElement {
    return this.page.$$<HTMLButtonElement>('[part~="week-header"] [part~="nav-button"]')[which === 'previous' ? 0 : 1]!;
  }

  /** Waits until every day of the shown week is known (no cell loading). */
  async waitForWeek(): Promise<void> {
    await this.waitFor();
    await waitUntil(
      () => this.page.$('[part~="week-grid"]')?.getAttribute('aria-busy') === 'false',
      "the week's months are fetched",
    );
  }
}

/** The times of the selected day (`part="slot"` buttons in `part="slots-panel"`). */
export class SlotsObject extends PartObject {
  constructor(page: WidgetPage) {
    super(page, 'slots-panel');
  }

  times(): HTMLButtonElement[] {
    return this.page.$$<HTMLButtonElement>('[part~="slot"]');
  }

  /** The times shown, once there is at least one. */
  async waitForTimes(): Promise<[HTMLButtonElement, ...HTMLButtonElement[]]> {
    const first = await this.page.waitFor<HTMLButtonElement>('[part~="slot"]');
    return [first, ...this.times().slice(1)];
  }

  /** The time that is pressed (the chosen one). */
  async waitForChosen(): Promise<HTMLButtonElement> {
    return this.page.waitFor<HTMLButtonElement>('[part~="slot"][aria-pressed="true"]');
  }

  /** Chooses a time (the first by default) and waits for the form; resolves to its start. */
  async pickTime(which: number | HTMLButtonElement = 0): Promise<{ start: number }> {
    const button = typeof which === 'number' ? (await this.waitForTimes())[which]! : which;
    const selected = oneEvent(this.page.el, 'scheduler-slot-select');
    button.click();
    const { detail } = await selected;
    await this.page.form.waitFor();
    return { start: detail.slot.start_time };
  }

  zoneInput(): HTMLInputElement {
    return this.page.$<HTMLInputElement>('[part~="timezone-input"]')!;
  }

  /** Types a zone, a city or anything into the zone field and leaves it (a `change`). */
  async typeZone(text: string): Promise<void> {
    const input = this.zoneInput();
    input.value = text;
    // Names beyond a listed zone are read by a module loaded on change: settled once the field took a zone or said it did not understand.
    let took = false;
    const listen = () => (took = true);
    this.page.el.addEventListener('scheduler-timezone-change', listen);
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    try {
      await waitUntil(
        () => took || input.getAttribute('aria-invalid') === 'true' || timeZoneList().includes(text),
        `the zone field settles on "${text}"`,
      );
    } finally {
      this.page.el.removeEventListener('scheduler-timezone-change', listen);
    }
    await this.page.settle();
  }

  /** What the zone field says about what was typed ('' when it understood). */
  zoneProblem(): string {
    const input = this.zoneInput();
    return input.getAttribute('aria-invalid') === 'true' ? describedText(this.page, input) : '';
  }

  /** The time marked as the booking being rescheduled. */
  bookedTime(): HTMLButtonElement | null {
    return this.page.$<HTMLButtonElement>('[part~="slot"][aria-current="true"]');
  }

  /** The heading above the times ("Times on …"). */
  heading(): HTMLElement | null {
    return this.el?.querySelector('h3') ?? null;
  }
}

/** The text of the elements a control's `aria-describedby` names, as a screen reader reads it. */
function describedText(page: WidgetPage, control: Element): string {
  const ids = (control.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  return ids.map((id) => page.root.getElementById(id)?.textContent?.trim() ?? '').join(' ');
}

/** The guest form, and the cancel and confirm forms (`part="form"`). */
export class FormObject extends PartObject {
  constructor(page: WidgetPage) {
    super(page, 'form');
  }

  override get el(): HTMLFormElement | null {
    return this.page.$<HTMLFormElement>(`[part~="${this.part}"]`);
  }

  /** The fields' labels, in order. */
  labels(): string[] {
    return this.page.$$('[part~="form"] label').map((label) => label.textContent!.replace(/\s+/g, ' ').trim());
  }

  /** A field's label by the start of its text. */
  label(text: string): HTMLLabelElement {
    return this.page
      .$$<HTMLLabelElement>('[part~="form"] label')
      .find((label) => label.textContent!.trim().startsWith(text))!;
  }

  /** Types into the fields by their labels. */
  async fill(values: Record<string, string>): Promise<void> {
    for (const [label, value] of Object.entries(values)) await this.page.type(label, value);
  }

  submitButton(): HTMLButtonElement {
    return this.page.$<HTMLButtonElement>('button[type="submit"]')!;
  }

  submit(): void {
    this.submitButton().click();
  }

  back(): void {
    this.control('back-button')!.click();
  }

  /** The controls marked invalid (`aria-invalid="true"`), by id. */
  invalidIds(): string[] {
    return this.page.$$('form [aria-invalid="true"]').map((control) => control.id);
  }

  /** The problem said under a field (by its label, or a group's legend), as its control describes it; '' if none. */
  problem(label: string): string {
    const legend = this.page.$$('legend').find((l) => l.textContent!.replace(/\s+/g, ' ').trim().startsWith(label));
    const control = legend ? legend.parentElement!.querySelector('input')! : this.page.input(label);
    return control.getAttribute('aria-invalid') === 'true' ? describedText(this.page, control) : '';
  }

  /** Focuses a field and leaves it for the next focusable element, as Tab would. */
  async leave(label: string): Promise<void> {
    const input = this.page.input(label);
    input.focus();
    this.submitButton().focus();
    await this.page.settle();
  }
}

/** The event's title, duration, organizer, time and place (`part="summary"`). */
export class SummaryObject extends PartObject {
  constructor(page: WidgetPage) {
    super(page, 'summary');
  }

  title(): string {
    return this.page.$(`[part~="${this.part}"] h2`)!.textContent!;
  }

  /** The configuration's logo (`appearance.company_logo_url`), if shown. */
  logo(): HTMLImageElement | null {
    return this.page.$<HTMLImageElement>(`[part~="${this.part}"] img`);
  }

  /** The organizer's initials (decorative: hidden from screen readers, which read the name). */
  initials(): string {
    return this.page.$(`[part~="${this.part}"] [aria-hidden="true"]`)!.textContent!;
  }

  /** The description's paragraph, if any. */
  description(): HTMLElement | null {
    return this.page.$(`[part~="${this.part}"] p`);
  }

  /** The value shown beside a term ("When", "With", …). */
  value(term: string): HTMLElement | null {
    const terms = this.page.$$(`[part~="${this.part}"] dt`);
    return (terms.find((dt) => dt.textContent!.trim() === term)?.nextElementSibling as HTMLElement | null) ?? null;
  }
}

/** What is shown after a write (`part="confirmation"`). */
export class OutcomeObject extends PartObject {
  constructor(page: WidgetPage) {
    super(page, 'confirmation');
  }

  link(part: 'reschedule-link' | 'cancel-link'): HTMLAnchorElement | null {
    return this.control<HTMLAnchorElement>(part);
  }

  /** The visible names of the buttons and links offered after the outcome, in order. */
  actions(): string[] {
    return this.page.$$('.actions :is(a, button)').map((action) => action.textContent!.replace(/\s+/g, ' ').trim());
  }

  /** "Book another time", offered once a booking is cancelled. */
  bookAgainButton(): HTMLButtonElement | null {
    return this.control('book-again');
  }
}

/** A request the page sent: its method, its URL's path and its JSON body (if any). */
export interface SentRequest {
  method: string;
  path: string;
  body?: Record<string, unknown>;
}

/** Every request the page sends while `run` runs. */
export async function requestsDuring(run: () => Promise<unknown>): Promise<SentRequest[]> {
  const sent: SentRequest[] = [];
  const original = window.fetch;
  window.fetch = (input, init) => {
    const body = init?.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : undefined;
    sent.push({ method: init?.method ?? 'GET', path: new URL(String(input)).pathname, ...(body && { body }) });
    return original(input, init);
  };
  try {
    await run();
  } finally {
    window.fetch = original;
  }
  return sent;
}

/** Today 18:00 UTC by the pinned clock: the first session of the weekly class. */
export const firstSession = () => Math.floor(Date.now() / 86400_000) * 86400 + 18 * 3600;

export interface GroupClass {
  configurationId: string;
  organizer: string;
}

/** A group configuration with a weekly class (4 sessions from today 18:00 UTC), made with the API key. */
export async function groupClass(capacity: number): Promise<GroupClass> {
  const organizer = uniqueEmail('teacher');
  const grant = `/v3/grants/${encodeURIComponent(organizer)}/scheduling/configurations`;
  const configuration = await api<{ id: string }>('POST', grant, {
    name: 'Yoga in the park',
    type: 'group',
    group_booking: { calendar_id: 'primary' },
    scheduler: { min_booking_notice: 0, available_days_in_future: 30 },
  });
  expect(configuration.status, JSON.stringify(configuration.body)).to.equal(200);
  const start = firstSession();
  await groupEvent(configuration.body.data.id, organizer, {
    title: 'Sunset yoga',
    capacity,
    when: { start_time: start, end_time: start + 3600, start_timezone: 'UTC', end_timezone: 'UTC' },
    recurrence: ['RRULE:FREQ=WEEKLY;COUNT=4'],
  });
  return { configurationId: configuration.body.data.id, organizer };
}

export async function groupEvent(
  configurationId: string,
  organizer: string,
  body: Record<string, unknown>,
): Promise<void> {
  const path = `/v3/grants/${encodeURIComponent(organizer)}/scheduling/configurations/${configurationId}/group-events`;
  const answer = await api('POST', path, {
    calendar_id: 'primary',
    participants: [{ email: organizer, is_organizer: true }],
    ...body,
  });
  expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
}
